import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_TAG } from '../../src/messages/contract';
import { PageToolsClient } from '../../src/page/page-tools-client';
import { FakeWindow, polyfillPage } from './fakes/page-window';

const setup = () => polyfillPage();

describe('page bridge ⇄ isolated-world client', () => {
  it('lists the page tools with their hints, and runs one', async () => {
    const { mc, client } = setup();
    await mc.registerTool({
      name: 'search',
      title: 'Search',
      description: 'Find things',
      inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
      annotations: { readOnlyHint: true, untrustedContentHint: true },
      execute: ({ q }: { q: string }) => ({ found: q }),
    } as never);
    await mc.registerTool({ name: 'plain', description: 'No schema', execute: () => 'done' } as never);
    const tools = await client.list();
    expect(tools).toEqual([
      {
        name: 'plain',
        description: 'No schema',
        inputSchema: { type: 'object', properties: {} },
        annotations: { readOnlyHint: false, consequentialHint: false, untrustedContentHint: false },
      },
      {
        name: 'search',
        title: 'Search',
        description: 'Find things',
        inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
        annotations: { readOnlyHint: true, consequentialHint: false, untrustedContentHint: true },
      },
    ]);
    await expect(client.execute('search', '{"q":"cord"}')).resolves.toBe('{"found":"cord"}');
    await expect(client.execute('plain', '{}')).resolves.toBe('done');
  });

  it('reports the page tool’s failure and an unknown tool as errors', async () => {
    const { mc, client } = setup();
    await mc.registerTool({
      name: 'boom',
      description: 'd',
      execute: () => {
        throw new Error('x');
      },
    } as never);
    await expect(client.execute('boom', '{}')).rejects.toThrow(/UnknownError/);
    await expect(client.execute('missing', '{}')).rejects.toThrow(/No tool named "missing"/);
  });

  it('refuses results over the size limit in the page, before they cross', async () => {
    const { mc, client } = setup();
    await mc.registerTool({
      name: 'huge',
      description: 'd',
      execute: () => 'x'.repeat(1024 * 1024 + 1),
    } as never);
    await expect(client.execute('huge', '{}')).rejects.toThrow(/too large/);
  });

  it('tells the isolated world when tools change', async () => {
    const { mc, client } = setup();
    const changes = vi.fn();
    client.onChange(changes);
    const controller = new AbortController();
    await mc.registerTool({ name: 'late', description: 'd', execute: () => 1 } as never, {
      signal: controller.signal,
    });
    controller.abort();
    await vi.waitFor(() => expect(changes).toHaveBeenCalledTimes(2));
  });

  it('answers an empty list before the polyfill is built, then follows the context it is given', async () => {
    const { win, mc } = polyfillPage(undefined, { attached: false });
    const client = new PageToolsClient(win as never);
    await mc.registerTool({
      name: 'early',
      description: 'Before the bridge knew',
      execute: () => 1,
    } as never);
    await expect(client.list()).resolves.toEqual([]); // not attached: the page has no tools to us
    const changes = vi.fn();
    client.onChange(changes);
    win.attach(mc);
    await mc.registerTool({ name: 'later', description: 'After', execute: () => 2 } as never);
    await vi.waitFor(() => expect(changes).toHaveBeenCalled());
    expect((await client.list()).map((t) => t.name)).toEqual(['early', 'later']);
    await expect(client.execute('later', '{}')).resolves.toBe('2');
  });

  it('tells one toolchange for a page registering its tools in a row, after the last of them', async () => {
    const { mc, client } = setup();
    const changes = vi.fn();
    client.onChange(changes);
    const names = ['add_to_cart', 'find_product', 'track_parcel', 'open_basket', 'check_stock'];
    await Promise.all(
      names.map((name) =>
        mc.registerTool({ name, description: `Does ${name}`, execute: () => 'ok' } as never),
      ),
    );
    await vi.waitFor(() => expect(changes).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(changes).toHaveBeenCalledTimes(1);
    expect((await client.list()).map((t) => t.name)).toEqual([...names].sort());
  });

  it('drops forged, malformed and foreign messages', async () => {
    vi.useFakeTimers();
    try {
      const win = new FakeWindow();
      const client = new PageToolsClient(win as never); // no bridge: the page answers nothing real
      const listing = client.list();
      const settled = vi.fn();
      listing.then(settled, settled);
      const id = '1-';
      // Not from this window (an iframe), wrong tag, wrong shape: all ignored.
      win.forge({ tag: BRIDGE_TAG, type: 'page→content:tools', payload: { id, tools: [] } }, {});
      win.forge({ tag: 'other', type: 'page→content:tools', payload: { id, tools: [] } });
      win.forge('garbage');
      await vi.advanceTimersByTimeAsync(100);
      expect(settled).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(5_000);
      await expect(listing).rejects.toThrow(/did not answer/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects a reply whose shape is wrong even when its id matches', async () => {
    const win = new FakeWindow();
    const client = new PageToolsClient(win as never);
    const listing = client.list();
    const sent = await new Promise<{ payload: { id: string } }>((resolve) =>
      win.addEventListener(
        'message',
        (e) => resolve((e as unknown as { data: { payload: { id: string } } }).data),
        { once: true },
      ),
    );
    win.forge({
      tag: BRIDGE_TAG,
      type: 'page→content:tools',
      payload: { id: sent.payload.id, tools: [{ name: 1 }] },
    });
    await expect(listing).rejects.toThrow(/malformed tool list/);
  });
});
