import { describe, expect, it } from 'vitest';
import type { UiContext, UiServices } from '../../extension/background/ui/context';
import { tabHandlers } from '../../extension/background/ui/tabs';
import { askingSummary } from '../../src/consent/asking-summary';
import { unsupportedReason } from '../../src/host/page-support';
import { toolbarState } from '../../src/host/toolbar-state';
import type { ApprovalView, TabStateView, ToolGrantView } from '../../src/messages/contract';
import type { PageToolDescriptor } from '../../src/messages/page-types';
import { readOnlyToGrant } from '../../src/permissions/read-only-tools';
import { answerEveryApproval, makeHost, openAssistant, openTab, tick } from './helpers';

const SHOP = 'https://shop.example';
const tool = (name: string, extra: Partial<ToolGrantView> = {}): ToolGrantView => ({
  name,
  description: '',
  readOnly: false,
  consequential: false,
  untrustedContent: false,
  granted: false,
  ...extra,
});
const tab = (extra: Partial<TabStateView> = {}): TabStateView => ({
  tabId: 1,
  origin: SHOP,
  state: 'connected',
  actionsGranted: false,
  tools: [],
  pageContentGranted: false,
  ...extra,
});

describe("the popup's asking line", () => {
  it.each([
    ['read-only', { readOnly: true, consequential: false }, 'never', 'Runs without asking'],
    ['unmarked', { readOnly: false, consequential: false }, 'first-time', /first time/],
    [
      'consequential',
      { readOnly: false, consequential: true },
      'every-time',
      /every time, unless .*Always allow/,
    ],
    ['read-only and consequential', { readOnly: true, consequential: true }, 'every-time', /every time/],
  ] as const)('%s', (_label, hints, asking, text) => {
    const summary = askingSummary(hints);
    expect(summary.asking).toBe(asking);
    expect(summary.text).toMatch(text);
  });

  it('names who "Always allow" lets it run for, and the untrusted-content exception only where it applies', () => {
    expect(askingSummary({ readOnly: false, consequential: true }, ['Claude']).text).toBe(
      'Runs without asking for Claude, except just after reading content from others; asks the others',
    );
    // A read-only tool is never held back by untrusted content (approval-policy.ts).
    expect(askingSummary({ readOnly: true, consequential: true }, ['Claude', 'Cursor']).text).toBe(
      'Runs without asking for Claude and Cursor; asks the others',
    );
  });

  // The line is a promise: hold it against the real gate, through the host, for each kind of tool.
  it.each([
    ['read-only', { readOnlyHint: true }],
    ['unmarked', {}],
    ['consequential', { consequentialHint: true }],
    ['read-only and consequential', { readOnlyHint: true, consequentialHint: true }],
  ] as const)(
    'says truly whether a granted %s tool asks',
    async (_label, annotations: PageToolDescriptor['annotations']) => {
      const { host, grants, consent } = await makeHost();
      const page = await openTab(host, 1, SHOP);
      page.tools.add('t', () => 'ok', { annotations });
      await grants.set(SHOP, { kind: 'tool', tool: 't' }, true);
      await tick(10);
      const asked: ApprovalView[] = [];
      consent.queue.events.on('changed', () => asked.push(...consent.queue.pending()));
      const off = answerEveryApproval(consent);
      const { client } = await openAssistant(host);
      await client.callTool({ name: 'shop.example__t', arguments: {} });
      off();
      const view = host.tabState(1).tools[0];
      if (!view) throw new Error('the tool is not in the tab state');
      expect(askingSummary(view).asking === 'never').toBe(asked.length === 0);
    },
  );
});

describe('"Allow all read-only tools"', () => {
  it('picks the read-only, callable, ungranted tools of the site itself', () => {
    const state = tab({
      tools: [
        tool('search', { readOnly: true }),
        tool('granted', { readOnly: true, granted: true }),
        tool('broken', { readOnly: true, unavailable: 'bad schema' }),
        tool('buy', { consequential: true }),
        tool('risky-read', { readOnly: true, consequential: true }),
        tool('plain'),
      ],
      frames: [{ origin: 'https://maps.example', tools: [tool('map', { readOnly: true })] }],
    });
    expect(readOnlyToGrant(state)).toEqual(['search']);
    expect(readOnlyToGrant({ ...state, blocked: true })).toEqual([]);
  });

  it('grants them in one message, through the worker handler', async () => {
    const services = await makeHost();
    const page = await openTab(services.host, 1, SHOP);
    page.tools.add('search', () => 'ok', { annotations: { readOnlyHint: true } });
    page.tools.add('prices', () => 'ok', { annotations: { readOnlyHint: true } });
    page.tools.add('buy', () => 'ok', { annotations: { consequentialHint: true } });
    await tick(10);
    const ctx: UiContext = {
      services: services as unknown as UiServices,
      post: () => {},
      watch: () => {},
      connectTab: async () => true,
      unsupportedReason: async () => undefined,
    };
    await tabHandlers(ctx)['ui→worker:allow-read-only']({ tabId: 1 });
    expect(services.grants.isToolGranted(SHOP, 'search')).toBe(true);
    expect(services.grants.isToolGranted(SHOP, 'prices')).toBe(true);
    expect(services.grants.isToolGranted(SHOP, 'buy')).toBe(false);
  });
});

describe('the toolbar icon', () => {
  it('marks a site with tools and counts them in the title', () => {
    const state = tab({
      tools: [tool('a', { granted: true }), tool('b'), tool('c', { unavailable: 'x' })],
      frames: [{ origin: 'https://maps.example', tools: [tool('map')] }],
    });
    expect(toolbarState(state)).toEqual({
      offersTools: true,
      title: 'Switchboard: shop.example offers 3 tools, 1 switched on',
    });
  });

  it('is plain for a site without tools, a blocked site and a page it cannot work on', () => {
    expect(toolbarState(tab())).toEqual({
      offersTools: false,
      title: 'Switchboard: shop.example offers no tools',
    });
    expect(toolbarState(tab({ blocked: true, tools: [tool('a')] }))).toEqual({
      offersTools: false,
      title: 'Switchboard: you blocked shop.example',
    });
    expect(toolbarState(tab({ origin: null, state: 'unavailable' }))).toEqual({
      offersTools: false,
      title: 'Switchboard',
    });
  });
});

describe('pages Switchboard cannot work on', () => {
  it.each([
    'about:blank',
    'chrome://settings/',
    'chrome-extension://abc/page.html',
    'file:///home/me/notes.html',
    'https://chromewebstore.google.com/detail/x',
    'https://chrome.google.com/webstore/category/extensions',
    'https://example.com/report.PDF',
    'view-source:https://example.com/',
  ])('%s is said at once', (url) => {
    expect(unsupportedReason(url)).toBeTruthy();
  });

  it.each([
    undefined,
    'https://example.com/',
    'http://127.0.0.1:8080/shop',
    'https://google.com/webstore-news',
  ])('%s is asked (or unknown)', (url) => {
    expect(unsupportedReason(url)).toBeUndefined();
  });
});
