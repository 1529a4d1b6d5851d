import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { RemoteServerConfig } from '../../src/messages/server-config';
import { openSwitchboardDb } from '../../src/storage/db';
import { IdbStandingStore } from '../../src/storage/idb-approval-store';
import { IdbGrantStore } from '../../src/storage/idb-grant-store';
import { IdbPreferenceStore } from '../../src/storage/idb-preference-store';
import { IdbServerStore } from '../../src/storage/idb-server-store';
import { IdbSettingsContentsStore } from '../../src/storage/idb-settings-store';
import { makeHost } from './helpers';

const SHOP = 'https://shop.example';
let dbCount = 0;

/** The worker's services on a fresh IndexedDB (fake-indexeddb), as the extension stores them. */
async function idbInstall() {
  const db = await openSwitchboardDb(`switchboard-import-${++dbCount}`);
  const made = await makeHost(new IdbGrantStore(db), {
    stores: {
      standing: new IdbStandingStore(db),
      preferences: new IdbPreferenceStore(db),
      servers: new IdbServerStore(db),
      contents: new IdbSettingsContentsStore(db),
    },
  });
  return { ...made, db };
}

/** What the user would see and what is stored, to compare before and after. */
async function everything(install: Awaited<ReturnType<typeof idbInstall>>) {
  return {
    view: await install.settings.view(),
    servers: install.servers.configs(),
    stored: {
      grants: await install.db.getAll('grants'),
      approvals: await install.db.getAll('approvals'),
      servers: await install.db.getAll('servers'),
      settings: await install.db.getAll('settings'),
    },
  };
}

const FILES = {
  name: 'Files',
  url: 'https://files.example.com/mcp',
  headers: { Authorization: 'Bearer sk-secret' },
  enabled: false,
  allowAllTools: false,
  oauth: { clientId: 'switchboard-desktop', clientSecret: 'client-secret-123' },
};

describe('settings import and export', () => {
  it('exports a server’s pre-registered OAuth client ID but never its secret, and keeps both on re-import', async () => {
    const install = await idbInstall();
    await install.servers.save(FILES);
    const file = await install.settings.exportSettings();
    expect(file).toContain('"oauthClientId": "switchboard-desktop"');
    expect(file).not.toContain('client-secret-123');
    expect(file).not.toContain('sk-secret');

    // Your own export, imported again: nothing is lost.
    await install.settings.importSettings(file);
    expect(install.servers.configs()[0]?.oauth).toEqual({
      clientId: 'switchboard-desktop',
      clientSecret: 'client-secret-123',
    });
    expect(install.servers.configs()[0]?.headers).toEqual({ Authorization: 'Bearer sk-secret' });

    // Another install gets the client ID; the secret never left the first one.
    const fresh = await idbInstall();
    await fresh.settings.importSettings(file);
    expect(fresh.servers.configs()[0]?.oauth).toEqual({ clientId: 'switchboard-desktop' });
    expect((await fresh.db.getAll('servers'))[0]?.oauth).toEqual({ clientId: 'switchboard-desktop' });
  });

  it('writes an import in one transaction: a write that fails leaves every store as it was', async () => {
    const install = await idbInstall();
    await install.servers.save(FILES);
    await install.settings.setGrant(SHOP, { kind: 'tool', tool: 'buy' }, true);
    await install.settings.setPreferences({ approvalTimeoutSeconds: 300, auditLimit: 1000, roots: [] });
    const before = await everything(install);

    // The grants and approvals are written first; the server without an id fails IndexedDB's key check.
    const contents = new IdbSettingsContentsStore(install.db);
    const broken = { ...FILES, headers: {}, createdAt: 1 } as unknown as RemoteServerConfig;
    await expect(
      contents.replaceAll({
        grants: [{ origin: 'https://news.example', target: 'page', grantedAt: 1 }],
        approvals: [],
        servers: [broken],
        preferences: { approvalTimeoutSeconds: 60, auditLimit: 100, roots: [] },
      }),
    ).rejects.toThrow();
    expect(await everything(install)).toEqual(before);
  });

  it('changes nothing the user sees when the write fails', async () => {
    const failing = {
      replaceAll: async () => {
        throw new Error('QuotaExceededError: the disk is full');
      },
    };
    const install = await makeHost(undefined, { stores: { contents: failing } });
    await install.settings.setGrant(SHOP, { kind: 'tool', tool: 'buy' }, true);
    const file = await install.settings.exportSettings();
    await install.settings.setGrant(SHOP, { kind: 'page' }, true);
    const before = await install.settings.view();
    await expect(install.settings.importSettings(file)).rejects.toThrow(/disk is full/);
    expect(await install.settings.view()).toEqual(before);
    expect(install.grants.isPageGranted(SHOP)).toBe(true);
  });
});
