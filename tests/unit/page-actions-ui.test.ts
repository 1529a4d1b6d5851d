// @vitest-environment jsdom
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { pageActionsAsking } from '../../src/consent/asking-summary';
import type { GrantTarget, SiteAction, SiteView, TabStateView } from '../../src/messages/contract';
import { SitesView } from '../../src/ui/sites-view';
import { TabGrantsView } from '../../src/ui/tab-grants-view';

const SHOP = 'https://shop.example';
let root: HTMLElement | undefined;

function mount(node: ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(node, root as HTMLElement));
  return root;
}

afterEach(() => {
  if (root) act(() => render(null, root as HTMLElement));
  root?.remove();
  root = undefined;
});

const tab = (extra: Partial<TabStateView> = {}): TabStateView => ({
  tabId: 12,
  origin: SHOP,
  state: 'connected',
  tools: [],
  pageContentGranted: false,
  actionsGranted: false,
  ...extra,
});

/** The popup's grants view, with what its switches sent. */
function popup(state: TabStateView) {
  const grants: { origin: string; target: GrantTarget; granted: boolean }[] = [];
  const el = mount(
    h(TabGrantsView, {
      state,
      error: undefined,
      onGrant: (origin, target, granted) => grants.push({ origin, target, granted }),
      onAssistants: () => {},
      onAllowReadOnly: () => {},
      onSettings: () => {},
    }),
  );
  const actionsSwitch = () => el.querySelector<HTMLInputElement>('#page-actions');
  const toggle = () =>
    act(() => {
      actionsSwitch()?.click();
    });
  return { el, grants, actionsSwitch, toggle };
}

describe('the popup\'s "Let assistants act on this site" switch', () => {
  it('is off by default, labelled and explained, and sends the actions grant', () => {
    const { el, grants, actionsSwitch, toggle } = popup(tab());
    const input = actionsSwitch();
    expect(input?.checked).toBe(false);
    expect(input?.getAttribute('role')).toBe('switch');
    expect(el.querySelector('label[for="page-actions"]')?.textContent).toBe(
      'Let assistants act on this site',
    );
    const desc = el.querySelector(`#${input?.getAttribute('aria-describedby')}`)?.textContent;
    expect(desc).toBe(
      "Click, type and choose on this site's pages (this shares the page too). Each action asks first unless you choose Always allow.",
    );
    toggle();
    // The worker shares the page with it (settings-service.test.ts).
    expect(grants).toEqual([{ origin: SHOP, target: { kind: 'actions' }, granted: true }]);
  });

  it('turns off a granted switch', () => {
    const { grants, actionsSwitch, toggle } = popup(tab({ actionsGranted: true }));
    expect(actionsSwitch()?.checked).toBe(true);
    toggle();
    expect(grants).toEqual([{ origin: SHOP, target: { kind: 'actions' }, granted: false }]);
  });

  it('shows off after Stop on the page, says why, and turning it on grants it again', () => {
    const { el, grants, actionsSwitch, toggle } = popup(
      tab({ actionsGranted: true, actionsPaused: true, pageContentGranted: true }),
    );
    expect(actionsSwitch()?.checked).toBe(false);
    expect(el.querySelector('.actions-paused')?.textContent).toBe(
      'Stopped from the page. Actions stay off until you turn them on again or restart the browser.',
    );
    expect(actionsSwitch()?.getAttribute('aria-describedby')).toContain('page-actions-paused');
    toggle();
    expect(grants).toEqual([{ origin: SHOP, target: { kind: 'actions' }, granted: true }]);
  });

  it('has no paused line while not paused', () => {
    expect(popup(tab({ actionsGranted: true })).el.querySelector('.actions-paused')).toBeNull();
  });

  it('promises what the approval policy does for a consequential site tool', () => {
    expect(pageActionsAsking().asking).toBe('every-time');
  });
});

describe('the popup says who is acting on the tab now', () => {
  const acting = (el: HTMLElement) => el.querySelector('.acting-now')?.textContent;

  it('names one assistant', () => {
    expect(acting(popup(tab({ actingNow: ['Claude'] })).el)).toBe('Claude is acting on this tab now');
  });

  it('names several, once each', () => {
    const { el } = popup(tab({ actingNow: ['Claude', 'Cursor', 'Claude'] }));
    expect(acting(el)).toBe('Claude and Cursor are acting on this tab now');
    expect(el.querySelector('.acting-now')?.getAttribute('role')).toBe('status');
  });

  it('says nothing when nobody acts', () => {
    expect(popup(tab({ actingNow: [] })).el.querySelector('.acting-now')).toBeNull();
  });
});

describe('Settings → Sites and page actions', () => {
  const site = (extra: Partial<SiteView> = {}): SiteView => ({
    origin: SHOP,
    blocked: false,
    tools: [],
    page: false,
    actions: false,
    ...extra,
  });

  function sites(list: SiteView[], acting?: { tabId: number; origin: string; assistants: string[] }[]) {
    const stopped: string[] = [];
    const actions: [string, SiteAction][] = [];
    const tabs: boolean[] = [];
    const el = mount(
      h(SitesView, {
        sites: list,
        acting,
        onAction: (origin, action) => actions.push([origin, action]),
        onStopActions: (origin) => stopped.push(origin),
        browserTabs: false,
        onBrowserTabs: (enabled) => tabs.push(enabled),
      }),
    );
    const button = (name: string) =>
      [...el.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === name);
    return { el, stopped, actions, tabs, button };
  }

  it('has the tabs switch, off by default, that sends the change', () => {
    const { el, tabs } = sites([]);
    const toggle = el.querySelector<HTMLInputElement>('input[role="switch"]#browser-tabs');
    expect(toggle?.checked).toBe(false);
    act(() => toggle?.click());
    expect(tabs).toEqual([true]);
  });

  it('says a site acts on pages, and turns that off', () => {
    const { el, stopped, button } = sites([site({ actions: true, page: true })]);
    expect(el.querySelector('.site .desc')?.textContent).toBe('Page content · Acts on pages');
    act(() => button(`Stop assistants acting on ${SHOP}`)?.click());
    expect(stopped).toEqual([SHOP]);
    // The actions grant alone is something to revoke.
    expect(sites([site({ actions: true })]).button(`Revoke all for ${SHOP}`)?.disabled).toBe(false);
  });

  it('notes a site stopped from the page', () => {
    const { el } = sites([site({ actions: true, actionsPaused: true })]);
    expect(el.querySelector('.actions-paused')?.textContent).toMatch(/^Stopped from the page/);
  });

  it('has no action button or note for a site that does not act', () => {
    const { el, button } = sites([site({ page: true })]);
    expect(button(`Stop assistants acting on ${SHOP}`)).toBeUndefined();
    expect(el.querySelector('.actions-paused')).toBeNull();
  });

  it('lists who is acting now, at the top', () => {
    const { el } = sites(
      [site({ actions: true })],
      [
        { tabId: 12, origin: 'https://www.shop.example', assistants: ['Claude'] },
        { tabId: 14, origin: 'https://mail.example', assistants: ['Claude', 'Cursor'] },
      ],
    );
    const list = el.querySelector('.acting-list');
    expect(list?.querySelector('h3')?.textContent).toBe('Acting now');
    expect([...(list?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
      'Claude — tab 12, shop.example',
      'Claude and Cursor — tab 14, mail.example',
    ]);
  });

  it('has no "Acting now" list when nobody acts', () => {
    expect(sites([site()], []).el.querySelector('.acting-list')).toBeNull();
  });
});
