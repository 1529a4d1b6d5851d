/**
 * Profiling aid (not part of `npm run bench`): one in-page tool call's JavaScript, every layer in one Node
 * process, with no Chrome messaging in between: the assistant's SDK Client → the assistant endpoint → Host →
 * TabConnection's Client → the in-page Server → PageToolsClient → the page bridge → the polyfill and back.
 * What it prints is the CPU the product spends per call, the part of a call the bare-ports floor does not
 * have. `node --cpu-prof --import tsx tests/bench/chain-node.ts` shows where.
 */
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { connectAssistant } from '../../src/host/assistant-endpoint';
import { inMemoryHost } from '../../src/host/in-memory-host';
import { createInPageServer } from '../../src/page/in-page-server';
import { silentLogger } from '../../src/shared/logger';
import { polyfillPage } from '../unit/fakes/page-window';
import { median } from './stats';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const origin = 'https://shop.example';
const services = inMemoryHost({ logger: silentLogger, version: 'bench' });
await services.load();
const { host, grants } = services;
const { mc, client: tools } = polyfillPage(origin);
await mc.registerTool({
  name: 'bench_echo',
  description: 'Echoes its input',
  inputSchema: { type: 'object', properties: { n: { type: 'number' } } },
  annotations: { readOnlyHint: true },
  execute: (input: unknown) => input,
} as never);
const [hostSide, pageSide] = InMemoryTransport.createLinkedPair();
await createInPageServer(tools, undefined, silentLogger, 'bench').connect(pageSide);
await host.attachTab({ tabId: 1, frameId: 0, origin }, hostSide);
await grants.set(origin, { kind: 'tool', tool: 'bench_echo' }, true);
const [assistantSide, endpointSide] = InMemoryTransport.createLinkedPair();
await connectAssistant(host, endpointSide, silentLogger, 'bench');
const client = new Client({ name: 'bench', version: '1' }, { capabilities: {} });
await client.connect(assistantSide);
const name = (await client.listTools()).tools.find((t) => t.name.endsWith('__bench_echo'))?.name;
if (!name) throw new Error('bench_echo not listed');

const call = async () => {
  const result = await client.callTool({ name, arguments: { n: 1 } });
  if (result.isError) throw new Error(JSON.stringify(result.content));
};
// The fake window delivers with setTimeout(0), as a task: that wait is not CPU, so CPU is read separately.
for (let i = 0; i < 200; i++) await call();
const wall: number[] = [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < ITERATIONS; i++) {
  const t = performance.now();
  await call();
  wall.push(performance.now() - t);
}
const elapsed = performance.now() - t0;
const { user, system } = process.cpuUsage(cpu0);
console.log(
  `${ITERATIONS} calls: wall p50 ${median(wall).toFixed(3)} ms; CPU ${((user + system) / 1000 / ITERATIONS).toFixed(3)} ms per call (${(((user + system) / 1000 / elapsed) * 100).toFixed(0)}% busy)`,
);
await client.close();
