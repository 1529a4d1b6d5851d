import { InMemoryTransport } from '@modelcontextprotocol/server';
import { describe, expect, it, vi } from 'vitest';
import type { Host } from '../../src/host/host';
import { createInPageServer } from '../../src/page/in-page-server';
import { resultFromPage } from '../../src/page/page-result';
import { silentLogger } from '../../src/shared/logger';
import { FakePage } from './fakes/page';
import { polyfillPage } from './fakes/page-window';
import { makeHost, openAssistant } from './helpers';

const SHOP = 'https://shop.example';

/**
 * A tab whose tools are registered through our polyfill: every hop a result takes in Chrome (the site's
 * execute, executeTool's serialisation, the bridge, the isolated world's client, the in-page server, the
 * host) is the real code, only the window is faked.
 */
async function polyfillTab(host: Host, tabId: number) {
  const { mc, client } = polyfillPage(SHOP);
  const page = new FakePage({ url: `${SHOP}/`, title: 'Shop', description: null, language: 'en' });
  const [hostSide, pageSide] = InMemoryTransport.createLinkedPair();
  await createInPageServer(client, page, silentLogger, 'test').connect(pageSide);
  await host.attachTab({ tabId, frameId: 0, origin: SHOP }, hostSide);
  return mc;
}

/** Registers one read-only tool returning `value`, grants it, and calls it as an assistant would. */
async function callReturning(value: unknown | (() => unknown)) {
  const { host, grants } = await makeHost();
  const mc = await polyfillTab(host, 1);
  let runs = 0;
  await mc.registerTool({
    name: 'answer',
    description: 'Returns what the test gave it',
    annotations: { readOnlyHint: true },
    execute: () => {
      runs++;
      return typeof value === 'function' ? (value as () => unknown)() : value;
    },
  });
  await grants.set(SHOP, { kind: 'tool', tool: 'answer' }, true);
  const { client } = await openAssistant(host);
  // The page's tool list reaches the host asynchronously: wait for it, not a fixed time (a fixed 20 ms
  // failed once when the whole suite loaded the machine).
  await vi.waitFor(async () =>
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('shop.example__answer'),
  );
  const result = await client.callTool({ name: 'shop.example__answer', arguments: {} });
  return { result, runs };
}

describe('site tool results, as sites write them', () => {
  it('gives a sentence as that sentence, not an error, and runs the tool once', async () => {
    const { result, runs } = await callReturning('Added 2 × Desk lamp to the cart.');
    expect(result).toEqual({ content: [{ type: 'text', text: 'Added 2 × Desk lamp to the cart.' }] });
    expect(runs).toBe(1);
  });

  it('gives an object as its JSON text plus structuredContent', async () => {
    const { result } = await callReturning({ ok: true, itemsInCart: 2, items: [{ sku: 'L-1' }] });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ ok: true, itemsInCart: 2, items: [{ sku: 'L-1' }] });
    expect(result.content).toEqual([
      { type: 'text', text: '{"ok":true,"itemsInCart":2,"items":[{"sku":"L-1"}]}' },
    ]);
  });

  it.each([
    ['an array', ['red', 'blue'], '["red","blue"]'],
    ['a number', 42, '42'],
    ['zero', 0, '0'],
    ['a boolean', false, 'false'],
    ['null', null, 'null'],
    // Native Chromium's wording, which the polyfill copies (docs/research/webmcp.md).
    ['an empty string', '', 'Operation succeeded'],
    ['undefined', undefined, 'undefined'],
    ['a string that looks like JSON', '[1, 2', '[1, 2'],
  ])('gives %s as text only', async (_kind, value, text) => {
    const { result } = await callReturning(() => value);
    expect(result).toEqual({ content: [{ type: 'text', text }] });
  });

  it('passes an MCP-shaped result (MCP-B tools) through instead of wrapping it again', async () => {
    const { result } = await callReturning({
      content: [
        { type: 'text', text: 'Your order #1042 has shipped.' },
        { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
      ],
    });
    expect(result).toEqual({
      content: [
        { type: 'text', text: 'Your order #1042 has shipped.' },
        { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
      ],
    });
  });

  it('keeps an MCP-shaped error as the page’s own error, and its structuredContent', async () => {
    const { result } = await callReturning({
      content: [{ type: 'text', text: 'That coupon has expired.' }],
      isError: true,
      structuredContent: { code: 'expired' },
    });
    expect(result).toEqual({
      content: [{ type: 'text', text: 'That coupon has expired.' }],
      isError: true,
      structuredContent: { code: 'expired' },
    });
  });

  it('treats an object that only looks MCP-shaped as the tool’s own object', async () => {
    // Not valid content blocks: it is the site's data, passed on as data, not as MCP content.
    const value = { content: [{ type: 'paragraph', body: 'Hello' }] };
    const { result } = await callReturning(value);
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(value);
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(value) }]);
    // Extra keys beside content (here _meta, which the host uses for its own marks) make it data too.
    const withMeta = {
      content: [{ type: 'text', text: 'x' }],
      _meta: { 'dev.switchboard/untrusted-content': false },
    };
    expect(resultFromPage(JSON.stringify(withMeta)).structuredContent).toEqual(withMeta);
  });

  it('reports a tool that throws as an error result, after one run', async () => {
    const { result, runs } = await callReturning(() => {
      throw new Error('The cart service is down.');
    });
    expect(result.isError).toBe(true);
    expect(runs).toBe(1);
  });

  it('refuses a result too large to pass on, and says how large', () => {
    const result = resultFromPage('x'.repeat(1024 * 1024 + 1));
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      { type: 'text', text: expect.stringMatching(/too large \(1048577 characters/) },
    ]);
  });

  it('unquotes a JSON string, as a spec-following browser would send a string result', () => {
    expect(resultFromPage('"Added to cart."')).toEqual({
      content: [{ type: 'text', text: 'Added to cart.' }],
    });
  });
});
