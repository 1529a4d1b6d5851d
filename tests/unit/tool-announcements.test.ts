import { describe, expect, it } from 'vitest';
import type { UiContext, UiServices } from '../../extension/background/ui/context';
import { tabHandlers } from '../../extension/background/ui/tabs';
import { parseContentMessage } from '../../src/messages/validate';
import { makeHost, openAssistant, openTab, tick } from './helpers';

const SHOP = 'https://shop.example';
const top = (tabId: number, documentId = `doc-${tabId}`) => ({ tabId, frameId: 0, origin: SHOP, documentId });

// A WebMCP page that nobody uses tells the worker only how many tools it has (extension/content/tool-count.ts);
// the in-page server loads when the popup, the side panel or an assistant needs the tab.
describe('a page that counted its tools without connecting', () => {
  it('gets the toolbar dot and count, and waits to be asked while nothing of its site is granted', async () => {
    const { host } = await makeHost();
    const drawn: number[] = [];
    host.events.on('tabChanged', (tabId) => drawn.push(tabId));
    expect(host.announceTools(top(1), 5)).toBe(false);
    expect(drawn).toEqual([1]);
    expect(host.toolbar(1)).toEqual({
      offersTools: true,
      title: 'Switchboard: shop.example offers 5 tools',
      documentId: 'doc-1',
    });
    // The same count again from the same document changes nothing; a new document is drawn again.
    host.announceTools(top(1), 5);
    expect(drawn).toEqual([1]);
    host.announceTools(top(1, 'doc-2'), 5);
    expect(drawn).toEqual([1, 1]);
    expect(host.toolbar(1).documentId).toBe('doc-2');
    host.tabClosed(1);
    expect(host.toolbar(1)).toEqual({ offersTools: false, title: 'Switchboard' });
  });

  it('connects at once on a site the user granted something on, and never on a blocked one', async () => {
    const { host, grants } = await makeHost();
    await grants.set(SHOP, { kind: 'tool', tool: 'search' }, true);
    expect(host.announceTools(top(1), 2)).toBe(true);
    expect(host.announceTools(top(2), 0)).toBe(false); // nothing to offer: nothing to start
    const drawn: number[] = [];
    host.events.on('tabChanged', (tabId) => drawn.push(tabId));
    await grants.setBlocked(SHOP, true);
    expect(drawn).toContain(1); // the announced tab is drawn again: its site is blocked now
    expect(host.announceTools(top(3), 2)).toBe(false);
    expect(host.toolbar(3)).toEqual({
      offersTools: false,
      title: 'Switchboard: you blocked shop.example',
      documentId: 'doc-3',
    });
  });

  it('connects at once while an assistant session is open, so its catalog stays complete', async () => {
    const { host } = await makeHost();
    expect(host.announceTools(top(1), 3)).toBe(false);
    await openAssistant(host);
    expect(host.announceTools(top(2), 3)).toBe(true);
    // An embedded frame never announces: it connects once its parent let it (content/index.ts).
    expect(host.announceTools({ ...top(3), frameId: 4 }, 3)).toBe(false);
  });

  it('is connected when the popup watches the tab, and then shows what the page really offers', async () => {
    const services = await makeHost();
    const { host } = services;
    let asked = 0;
    const ctx: UiContext = {
      // No desktop assistant is allowed: the popup's list of who a site can be limited to is the built-in one.
      services: {
        ...services,
        desktop: { events: { on: () => () => {} }, views: () => [] },
      } as unknown as UiServices,
      post: () => {},
      watch: () => {},
      connectTab: async (tabId) => {
        asked++;
        const page = await openTab(host, tabId, SHOP);
        page.tools.add('search', () => 'Found 3 lamps.');
        page.tools.add('add_to_cart', () => 'Added.');
        return true;
      },
      unsupportedReason: async () => undefined,
    };
    host.announceTools(top(1), 2);
    await tabHandlers(ctx)['ui→worker:watch-tab']({ tabId: 1 });
    await tick(10);
    expect(asked).toBe(1);
    expect(
      host
        .tabState(1)
        .tools.map((t) => t.name)
        .sort(),
    ).toEqual(['add_to_cart', 'search']);
    // The connection's view replaces the count (no document marker: Chrome keeps this icon until it navigates).
    expect(host.toolbar(1)).toEqual({ offersTools: true, title: 'Switchboard: shop.example offers 2 tools' });
  });

  it('adds the tools of frames that connected on their own to the count', async () => {
    const { host } = await makeHost();
    const widget = await openTab(host, 1, 'https://maps.example', 7);
    widget.tools.add('directions', () => 'Turn left.');
    await tick(10);
    host.announceTools(top(1), 2);
    expect(host.toolbar(1).title).toBe('Switchboard: shop.example offers 3 tools');
  });
});

describe('the tool-count message', () => {
  it('is a whole number of tools the bridge can list, and nothing else', () => {
    const ok = { type: 'content→worker:tool-count', payload: { count: 5 } };
    expect(parseContentMessage(ok)).toEqual(ok);
    for (const count of [-1, 2.5, 257, '5', null]) {
      expect(parseContentMessage({ type: 'content→worker:tool-count', payload: { count } })).toBeUndefined();
    }
    expect(
      parseContentMessage({ type: 'content→worker:tool-count', payload: { count: 1, tools: ['x'] } }),
    ).toBeUndefined();
  });
});
