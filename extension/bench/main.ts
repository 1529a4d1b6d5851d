import '../../src/shared/zod';
import { Client } from '@modelcontextprotocol/client';
import browser from 'webextension-polyfill';
import { envelope, PORT_NAMES, type ServerView, type TabStateView } from '../../src/messages/contract';
import { RefRegistry } from '../../src/page/actions/refs';
import { snapshot } from '../../src/page/actions/snapshot';
import { extractArticle } from '../../src/page/extract';
import { PortTransport } from '../../src/transports/port-transport';
import { instantTurn } from './instant-turn';
import type { AssistantTurnRun, ExtractionRun, SnapshotRun, ToolCallRun } from './types';

/**
 * The tab's content script listens for the worker only after its page's load event, half a second and an
 * idle callback (extension/content/index.ts), so a message sent as soon as the page loaded finds nobody
 * ("Receiving end does not exist"). Retry until it is there, as the worker does for a tab.
 */
async function untilListening<T>(send: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (!/Receiving end does not exist/i.test(String(error)) || performance.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Grants the bench tool, connects an assistant client and the bare-ports floor path to the tab. */
async function connectBench(tabId: number, origin: string, tool: string, catalogName: string) {
  const ui = browser.runtime.connect({ name: PORT_NAMES.ui });
  ui.postMessage(envelope('ui→worker:set-grant', { origin, target: { kind: 'tool', tool }, granted: true }));
  await untilListening(() => browser.tabs.sendMessage(tabId, { type: 'bench:connect-floor' }));

  const client = new Client({ name: 'bench', version: '1' }, { capabilities: {} });
  await client.connect(new PortTransport(browser.runtime.connect({ name: PORT_NAMES.assistant })));
  // The tab connects when asked (an assistant connecting asks open tabs): wait for its tool to be listed.
  for (let i = 0; !(await client.listTools()).tools.some((t) => t.name === catalogName); i++) {
    if (i === 100) throw new Error(`${catalogName} was not listed within 10 s: the tab did not connect`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const floorPort = browser.runtime.connect({ name: 'bench-floor-ui' });
  const waiting = new Map<number, () => void>();
  floorPort.onMessage.addListener((m: unknown) => waiting.get((m as { id: number }).id)?.());
  let nextId = 0;
  const floor = () =>
    new Promise<void>((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      floorPort.postMessage({ tabId, id });
    });
  const close = async () => {
    await client.close();
    floorPort.disconnect();
    ui.disconnect();
  };
  return { client, floor, close };
}

/** Runs inside the extension (bench builds only) so nothing outside the product sits on the measured path. */
async function toolCalls(
  tabId: number,
  origin: string,
  tool: string,
  catalogName: string,
  iterations: number,
): Promise<ToolCallRun> {
  const { client, floor, close } = await connectBench(tabId, origin, tool, catalogName);
  const mcp = async () => {
    const result = await client.callTool({ name: catalogName, arguments: { n: 1 } });
    if (result.isError) throw new Error(JSON.stringify(result.content));
  };
  const { floorMs, otherMs: mcpMs } = await interleave(floor, mcp, iterations);
  await close();
  return { floorMs, mcpMs };
}

/** One assistant turn with a model that answers at once (one tool call, then text), interleaved with the floor. */
async function assistantTurns(
  tabId: number,
  origin: string,
  tool: string,
  catalogName: string,
  iterations: number,
): Promise<AssistantTurnRun> {
  const { client, floor, close } = await connectBench(tabId, origin, tool, catalogName);
  const { tools } = await client.listTools();
  const turn = instantTurn(client, tools, catalogName);
  const { floorMs, otherMs: turnMs } = await interleave(floor, turn.run, iterations, turn.reset);
  await close();
  return { floorMs, turnMs, modelMs: turn.modelMs, toolMs: turn.toolMs };
}

async function interleave(
  floor: () => Promise<void>,
  other: () => Promise<void>,
  iterations: number,
  reset?: () => void,
) {
  for (let i = 0; i < 30; i++) {
    await floor();
    await other();
  }
  reset?.();
  const floorMs: number[] = [];
  const otherMs: number[] = [];
  // Interleaved, so both see the same machine noise. Back to back: a 3 ms pause before each made both
  // slower and noisier, the MCP path most (p50 3.6–4.7 ms instead of 2.6–3.3).
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    await floor();
    floorMs.push(performance.now() - t);
    t = performance.now();
    await other();
    otherMs.push(performance.now() - t);
  }
  return { floorMs, otherMs };
}

async function extraction(urls: string[], runs: number) {
  const out: ExtractionRun[] = [];
  for (const url of urls) {
    const html = await (await fetch(url)).text();
    const parseMs: number[] = [];
    const extractMs: number[] = [];
    const stages: ExtractionRun['stages'] = [];
    let markdownChars = 0;
    for (let i = 0; i < runs + 2; i++) {
      let t = performance.now();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const parse = performance.now() - t;
      t = performance.now();
      const article = extractArticle(doc);
      markdownChars = article.markdown.length;
      const extract = performance.now() - t;
      if (i >= 2) {
        stages.push(article.timings);
        parseMs.push(parse);
        extractMs.push(extract);
      }
    }
    out.push({ url, bytes: html.length, parseMs, extractMs, stages, markdownChars });
  }
  return out;
}

/** All parts of a document's outline: how many, and how many refs in all. */
function pageThrough(doc: Document): { parts: number; refs: number } {
  const registry = new RefRegistry();
  let part = snapshot(doc, registry);
  let parts = 1;
  let refs = part.refs;
  while (part.nextCursor) {
    part = snapshot(doc, registry, { cursor: part.nextCursor });
    parts++;
    refs += part.refs;
  }
  return { parts, refs };
}

/** The HTML rendered in a same-origin iframe (srcdoc): real layout, no page scripts (the extension's CSP). */
async function rendered(html: string): Promise<{ doc: Document; remove: () => void }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:1280px;height:800px;border:0';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = html;
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument;
  if (!doc) throw new Error('srcdoc frame without a document');
  return { doc, remove: () => frame.remove() };
}

async function snapshots(urls: string[], runs: number) {
  const out: SnapshotRun[] = [];
  for (const url of urls) {
    const html = await (await fetch(url)).text();
    const parseMs: number[] = [];
    const snapshotMs: number[] = [];
    let firstChars = 0;
    let doc: Document | undefined;
    for (let i = 0; i < runs + 2; i++) {
      let t = performance.now();
      doc = new DOMParser().parseFromString(html, 'text/html');
      const parse = performance.now() - t;
      t = performance.now();
      firstChars = snapshot(doc, new RefRegistry()).text.length;
      const took = performance.now() - t;
      if (i >= 2) {
        parseMs.push(parse);
        snapshotMs.push(took);
      }
    }
    const parsed = pageThrough(doc!);
    const frame = await rendered(html);
    const renderedMs: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const t = performance.now();
      snapshot(frame.doc, new RefRegistry());
      if (i >= 2) renderedMs.push(performance.now() - t);
    }
    const shown = pageThrough(frame.doc);
    frame.remove();
    out.push({
      url,
      bytes: html.length,
      parseMs,
      snapshotMs,
      renderedMs,
      firstChars,
      parts: parsed.parts,
      refs: parsed.refs,
      renderedParts: shown.parts,
      renderedRefs: shown.refs,
    });
  }
  return out;
}

/** The ui Port, as the popup and the options page use it: sends, and waits for a message that matches. */
function uiPort() {
  const port = browser.runtime.connect({ name: PORT_NAMES.ui });
  const listeners = new Set<(m: { type: string; payload: unknown }) => void>();
  port.onMessage.addListener((m: unknown) => {
    for (const l of listeners) l(m as { type: string; payload: unknown });
  });
  const until = <T>(match: (m: { type: string; payload: unknown }) => T | undefined, timeoutMs: number) =>
    new Promise<T | undefined>((resolve) => {
      const done = (value: T | undefined) => {
        clearTimeout(timer);
        listeners.delete(listener);
        resolve(value);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const listener = (m: { type: string; payload: unknown }) => {
        const value = match(m);
        if (value !== undefined) done(value);
      };
      listeners.add(listener);
    });
  return { port, until };
}

/**
 * Every tab but this page, watched one after another as the popup watches its tab: how many were connected
 * already (the first state the worker reports), and how many are once asked.
 */
async function watchTabs(): Promise<{ tabs: number; connectedBefore: number; connectedAfter: number }> {
  const own = (await browser.tabs.getCurrent())?.id;
  const ids = (await browser.tabs.query({})).map((t) => t.id).filter((id) => id !== undefined && id !== own);
  const { port, until } = uiPort();
  let connectedBefore = 0;
  let connectedAfter = 0;
  for (const tabId of ids as number[]) {
    const state = (m: { type: string; payload: unknown }) => {
      const view = m.payload as TabStateView;
      return m.type === 'worker→ui:tab-state' && view.tabId === tabId ? view.state : undefined;
    };
    const first = until(state, 10_000);
    port.postMessage(envelope('ui→worker:watch-tab', { tabId }));
    const was = await first;
    if (was === 'connected') connectedBefore++;
    const now =
      was === 'connecting'
        ? await until((m) => (state(m) === 'connecting' ? undefined : state(m)), 10_000)
        : was;
    if (now === 'connected') connectedAfter++;
  }
  port.disconnect();
  return { tabs: ids.length, connectedBefore, connectedAfter };
}

/** Saves remote servers through the ui Port, as the options page does, and waits until they are connected. */
async function addServers(urls: string[]): Promise<{ connected: number; tools: number }> {
  const { port, until } = uiPort();
  const servers = (m: { type: string; payload: unknown }) =>
    m.type === 'worker→ui:servers' ? (m.payload as { servers: ServerView[] }).servers : undefined;
  port.postMessage(envelope('ui→worker:watch-servers', {}));
  for (const [i, url] of urls.entries()) {
    const server = { name: `Bench ${i + 1}`, url, enabled: true, allowAllTools: true };
    port.postMessage(envelope('ui→worker:save-server', server));
  }
  let last: ServerView[] = [];
  await until((m) => {
    const list = servers(m);
    if (list) last = list;
    return list && list.length === urls.length && list.every((s) => s.status.state !== 'connecting')
      ? true
      : undefined;
  }, 30_000);
  port.disconnect();
  const connected = last.filter((s) => s.status.state === 'connected');
  return { connected: connected.length, tools: connected.reduce((n, s) => n + s.status.counts.tools, 0) };
}

Object.assign(window, {
  benchWatchTabs: watchTabs,
  benchAddServers: addServers,
  benchSnapshot: snapshots,
  benchToolCalls: toolCalls,
  benchAssistantTurns: assistantTurns,
  benchExtraction: extraction,
});
