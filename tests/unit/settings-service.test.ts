import { describe, expect, it } from 'vitest';
import type { AuditLog } from '../../src/audit/audit-log';
import type { Host } from '../../src/host/host';
import type { AuditEntry } from '../../src/messages/audit-entry';
import { SettingsService } from '../../src/settings/settings-service';
import { MemoryServerStore } from '../../src/storage/memory-stores';
import { makeHost, openAssistant, openTab, tick } from './helpers';

const SHOP = 'https://shop.example';
const NEWS = 'https://news.example';
const ASSISTANT = 'extension:unit-assistant';

/** A disabled server: it is configured (and named in the view) but never dialled. Saved with id "abc". */
const FILES = {
  name: 'Files',
  url: 'https://files.example.com/mcp',
  headers: { Authorization: 'Bearer sk-secret' },
  enabled: false,
  allowAllTools: false,
};

async function setup() {
  const store = new MemoryServerStore();
  // Server ids are "abc"; the settings service's clock reads 42.
  const made = await makeHost(undefined, { stores: { servers: store }, newServerId: () => 'abc' });
  const settings = new SettingsService({
    contents: made.contents,
    grants: made.grants,
    standing: made.consent.standing,
    preferences: made.preferences,
    servers: made.servers,
    audit: made.audit,
    now: () => 42,
  });
  return { ...made, serverStore: store, settings };
}

/** A tab of SHOP offering `search` and `buy`, both granted, and an assistant. */
async function shopTab(host: Host, settings: SettingsService) {
  const tab = await openTab(host, 1, SHOP);
  tab.tools.add('search', () => ({ hits: [] }), { annotations: { readOnlyHint: true } });
  tab.tools.add('buy', () => ({ ok: true }));
  await settings.setGrant(SHOP, { kind: 'tool', tool: 'search' }, true);
  await settings.setGrant(SHOP, { kind: 'tool', tool: 'buy' }, true);
  await tick(10);
  const { client } = await openAssistant(host);
  return { tab, client };
}

const always = (source: string, tool: string) =>
  ({ assistant: ASSISTANT, source, tool, decision: 'allow-always', at: 7 }) as const;

const settingsEntries = async (audit: AuditLog): Promise<AuditEntry[]> =>
  (await audit.all()).filter((e) => e.kind !== 'call' && e.kind !== 'approval');

describe('SettingsService', () => {
  it('shares the page when actions are turned on, logs both, and turning actions off keeps the page', async () => {
    const { settings, grants, audit } = await setup();
    await settings.setGrant(SHOP, { kind: 'actions' }, true);
    expect([grants.isActionsGranted(SHOP), grants.isPageGranted(SHOP)]).toEqual([true, true]);
    await settings.setGrant(SHOP, { kind: 'actions' }, false);
    expect([grants.isActionsGranted(SHOP), grants.isPageGranted(SHOP)]).toEqual([false, true]);
    await tick(10);
    expect((await settingsEntries(audit)).map((e) => [e.kind, e.tool])).toEqual([
      ['grant', 'page actions'],
      ['grant', 'page content'],
      ['revoke', 'page actions'],
    ]);
    expect((await settings.view()).browserTabs).toBe(false);
    await settings.setBrowserTabs(true);
    expect((await settings.view()).browserTabs).toBe(true);
  });

  it('lists sites with their tools, page and block, leaving out server grant keys', async () => {
    const { settings, grants, consent, servers, preferences } = await setup();
    await servers.save(FILES);
    const id = 'abc';
    await settings.setGrant(SHOP, { kind: 'tool', tool: 'search' }, true);
    await settings.setGrant(SHOP, { kind: 'page' }, true);
    await settings.siteAction(NEWS, 'block');
    // A grant under a server's key, as the version before the approval policy stored them.
    await grants.set(`server:${id}`, { kind: 'tool', tool: 'read_file' }, true);
    await consent.standing.remember(always(`server:${id}`, 'read_file'));

    const view = await settings.view();
    expect(view.sites).toEqual([
      { origin: NEWS, blocked: true, tools: [], page: false, actions: false },
      { origin: SHOP, blocked: false, tools: ['search'], page: true, actions: false },
    ]);
    expect(view.approvals).toMatchObject([
      { source: `server:${id}`, sourceLabel: 'Files', assistantLabel: 'unit-assistant', tool: 'read_file' },
    ]);
    expect(view.preferences).toEqual(preferences.current);
  });

  it('block hides a site’s tools from assistants, whatever was granted; unblock restores them', async () => {
    const { host, settings } = await setup();
    const { client } = await shopTab(host, settings);
    const names = async () => (await client.listTools()).tools.map((t) => t.name);
    expect(await names()).toEqual(['shop.example__buy', 'shop.example__search']);

    await settings.siteAction(SHOP, 'block');
    expect(host.catalog.tools()).toEqual([]);
    expect(await names()).toEqual([]);
    await expect(client.callTool({ name: 'shop.example__search', arguments: {} })).rejects.toThrow(
      /not granted/,
    );
    expect((await settings.view()).sites).toEqual([
      { origin: SHOP, blocked: true, tools: ['search', 'buy'], page: false, actions: false },
    ]);

    await settings.siteAction(SHOP, 'unblock');
    expect(await names()).toEqual(['shop.example__buy', 'shop.example__search']);
  });

  it('revoke all removes a site’s grants and remembered approvals, and keeps its block', async () => {
    const { host, settings, consent } = await setup();
    const { tab, client } = await shopTab(host, settings);
    await settings.setGrant(SHOP, { kind: 'page' }, true);
    await consent.standing.remember(always(SHOP, 'buy'));
    await consent.standing.remember({ ...always(SHOP, 'search'), decision: 'allow-session' });
    await consent.standing.remember(always(NEWS, 'read'));
    await settings.siteAction(SHOP, 'block');

    await settings.siteAction(SHOP, 'revoke-all');
    expect((await settings.view()).sites).toEqual([
      { origin: SHOP, blocked: true, tools: [], page: false, actions: false },
    ]);
    expect(consent.standing.list()).toEqual([always(NEWS, 'read')]);

    // Unblocking later does not bring anything back.
    await settings.siteAction(SHOP, 'unblock');
    expect(host.catalog.tools()).toEqual([]);
    expect((await client.listTools()).tools).toEqual([]);
    expect(tab.tools.calls).toEqual([]);
  });

  it('export then import into a fresh install restores grants, approvals, servers and preferences', async () => {
    const first = await setup();
    await first.servers.save(FILES);
    await first.settings.setGrant(SHOP, { kind: 'tool', tool: 'buy' }, true);
    await first.settings.setGrant(SHOP, { kind: 'page' }, true);
    await first.settings.siteAction(NEWS, 'block');
    await first.consent.standing.remember(always(SHOP, 'buy'));
    await first.consent.standing.remember({ ...always(SHOP, 'search'), decision: 'allow-session' });
    await first.settings.setPreferences({
      approvalTimeoutSeconds: 300,
      auditLimit: 1000,
      roots: [{ uri: 'file:///home/me/project', name: 'Project' }],
    });
    const file = await first.settings.exportSettings();
    expect(file).not.toContain('sk-secret'); // header values never leave the browser

    const second = await setup();
    const summary = await second.settings.importSettings(file);
    expect(summary).toMatch(/Imported 3 grants, 1 “Always allow” decision and 1 server\./);
    const [before, after] = [await first.settings.view(), await second.settings.view()];
    expect(after.sites).toEqual(before.sites);
    expect(after.preferences).toEqual(before.preferences);
    // "For this session" decisions are not exported.
    expect(after.approvals).toEqual(before.approvals.filter((a) => a.decision === 'allow-always'));
    expect(second.servers.configs()).toEqual([{ ...first.servers.configs()[0], headers: {} }]);

    // What the user notices: the always-allowed consequential-looking tool runs without asking.
    const tab = await openTab(second.host, 1, SHOP);
    tab.tools.add('buy', () => ({ ok: true }));
    await tick(10);
    const { client } = await openAssistant(second.host);
    const result = await client.callTool({ name: 'shop.example__buy', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(tab.tools.calls).toHaveLength(1);
    expect(second.consent.queue.size).toBe(0);
  });

  it('exports a file it can import again when old server grants are stored', async () => {
    const first = await setup();
    await first.settings.setGrant(SHOP, { kind: 'tool', tool: 'buy' }, true);
    await first.grants.set('server:abc', { kind: 'tool', tool: 'read_file' }, true);
    const second = await setup();
    await second.settings.importSettings(await first.settings.exportSettings());
    expect((await second.settings.view()).sites).toEqual((await first.settings.view()).sites);
  });

  it('refuses a bad file as a whole and changes nothing', async () => {
    const { settings, grants, consent, audit, preferences } = await setup();
    await settings.setGrant(SHOP, { kind: 'tool', tool: 'buy' }, true);
    await consent.standing.remember(always(SHOP, 'buy'));
    const file = JSON.parse(await settings.exportSettings());
    file.grants = [
      { origin: NEWS, target: 'page', grantedAt: 1 },
      { origin: 'javascript:alert(1)', target: 'tool:x', grantedAt: 1 },
    ];
    file.approvals = [];
    file.preferences.approvalTimeoutSeconds = 999;
    const recordsBefore = await grants.records();
    const auditBefore = (await audit.all()).length;

    await expect(settings.importSettings(JSON.stringify(file))).rejects.toThrow(
      /grants\[1\]\.origin: not an http\(s\) origin/,
    );
    expect(await grants.records()).toEqual(recordsBefore);
    expect(grants.isPageGranted(NEWS)).toBe(false);
    expect(grants.isToolGranted(SHOP, 'buy')).toBe(true);
    expect(consent.standing.list()).toEqual([always(SHOP, 'buy')]);
    expect(preferences.current.approvalTimeoutSeconds).toBe(120);
    expect((await audit.all()).length).toBe(auditBefore);
  });

  it('refuses out-of-range preferences and keeps the old ones', async () => {
    const { settings, preferences } = await setup();
    await expect(
      settings.setPreferences({ ...preferences.current, approvalTimeoutSeconds: 5 }),
    ).rejects.toThrow(/approval timeout must be a whole number from 10 to 3600/);
    expect(preferences.current.approvalTimeoutSeconds).toBe(120);
  });

  it('writes an audit entry for every change the user makes', async () => {
    const { settings, consent, audit, preferences } = await setup();
    await settings.setGrant(SHOP, { kind: 'tool', tool: 'buy' }, true);
    await settings.setGrant(SHOP, { kind: 'page' }, false);
    await settings.siteAction(SHOP, 'block');
    await settings.siteAction(SHOP, 'unblock');
    await consent.standing.remember(always(SHOP, 'buy'));
    await settings.forgetApproval(ASSISTANT, SHOP, 'buy');
    await settings.siteAction(SHOP, 'revoke-all');
    await settings.setPreferences({ ...preferences.current, approvalTimeoutSeconds: 60 });
    await settings.importSettings(await settings.exportSettings());

    expect(
      (await settingsEntries(audit)).map((e) => [e.kind, e.source, e.tool, e.decision, e.decidedBy, e.at]),
    ).toEqual([
      ['grant', SHOP, 'buy', 'granted', 'user', 42],
      ['revoke', SHOP, 'page content', 'revoked', 'user', 42],
      ['block', SHOP, undefined, 'block', 'user', 42],
      ['unblock', SHOP, undefined, 'unblock', 'user', 42],
      ['revoke', SHOP, 'buy', 'revoked', 'user', 42],
      ['revoke', SHOP, undefined, 'revoked', 'user', 42],
      ['settings', 'Switchboard', undefined, 'settings', 'user', 42],
      ['settings', 'Switchboard', undefined, 'settings', 'user', 42],
    ]);
    const details = (await settingsEntries(audit)).map((e) => e.detail);
    expect(details[4]).toMatch(/forgot "Always allow" for extension:unit-assistant/);
    expect(details[5]).toBe('revoked all: tool:buy');
    expect(details[7]).toMatch(/^Imported 0 grants/);
  });
});
