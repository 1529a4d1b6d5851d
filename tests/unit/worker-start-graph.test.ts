import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The worker starts many times a day, and the MCP SDK's Client and Server (with the protocol's zod schemas)
 * were most of its start-up. They are loaded on first use instead (extension/background/deferred.ts):
 * this keeps a static import from quietly pulling them back into what every start evaluates. A `require`
 * is the lazy path, so it is not followed.
 */
const ENTRY = 'extension/background/index.ts';
// The SDK's entry points and the chunks they share; its JSON Schema validator (cfWorker*, dialects*), which
// the argument check uses, is a few kilobytes of its own and may stay.
const SDK =
  /node_modules\/@modelcontextprotocol\/((client|server)\/dist\/(index|src-|public-|mcp-)|core\/dist\/(index|internal|schemas))/;

async function startGraph(): Promise<Metafile['inputs']> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
    define: { __SWITCHBOARD_BENCH__: 'false', __SWITCHBOARD_DEMO_URL__: '""' },
  });
  return result.metafile.inputs;
}

/** The modules reached from the entry through static imports only, each with the path that reached it. */
function staticallyReached(inputs: Metafile['inputs']): Map<string, string[]> {
  const reached = new Map<string, string[]>([[ENTRY, [ENTRY]]]);
  const queue = [ENTRY];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of inputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || reached.has(imported.path)) continue;
      reached.set(imported.path, [...(reached.get(file) ?? []), imported.path]);
      queue.push(imported.path);
    }
  }
  return reached;
}

describe('the worker’s start-up graph', () => {
  it('holds no MCP SDK client, server or protocol schemas, which are required on first use', async () => {
    const inputs = await startGraph();
    const reached = staticallyReached(inputs);
    const sdk = [...reached].filter(([file]) => SDK.test(file)).map(([, path]) => path.join(' → '));
    expect(sdk).toEqual([]);
    // The lazy modules are in the bundle all the same, behind a require.
    const all = Object.keys(inputs);
    expect(all.some((file) => file.endsWith('src/host/tab-connection.ts'))).toBe(true);
    expect(all.some((file) => SDK.test(file))).toBe(true);
  }, 30_000);
});
