import { AuditLog } from '../audit/audit-log';
import { Consent } from '../consent/consent';
import type { SamplingProvider } from '../consent/sampling';
import { installServerRequestHandlers } from '../consent/server-requests';
import { handleUrlElicitationError } from '../consent/url-elicitation-error';
import { Grants } from '../permissions/grants';
import { RemoteConnection } from '../remote/remote-connection';
import { RemotePool } from '../remote/remote-pool';
import type { RemoteOptions } from '../remote/remote-types';
import { ServerRegistry } from '../remote/server-registry';
import { PreferencesHolder } from '../settings/preference-store';
import { SettingsService } from '../settings/settings-service';
import type { Logger } from '../shared/logger';
import {
  MemoryAuditStore,
  MemoryGrantStore,
  MemoryPreferenceStore,
  MemoryServerStore,
  MemorySessionApprovalStore,
  MemorySettingsContentsStore,
  MemoryStandingStore,
} from '../storage/memory-stores';
import type {
  AuditStore,
  GrantStore,
  PreferenceStore,
  ServerStore,
  SessionApprovalStore,
  SettingsContentsStore,
  StandingStore,
} from '../storage/stores';
import { Host } from './host';
import { type CaptureTab, TabConnection } from './tab-connection';

export interface InMemoryHostOptions {
  logger: Logger;
  version?: string;
  now?: () => number;
  openUrl?: (url: string) => Promise<void>;
  sampling?: SamplingProvider;
  /** Stores to build on; in-memory ones by default. Building twice on the same stores is a worker restart. */
  stores?: Partial<{
    grants: GrantStore;
    standing: StandingStore;
    session: SessionApprovalStore;
    audit: AuditStore;
    preferences: PreferenceStore;
    servers: ServerStore;
    /** How a settings import is written (one transaction in the extension). */
    contents: SettingsContentsStore;
  }>;
  /** Remote-client options beyond the defaults (fetch, OAuth, capabilities and handlers for the harness). */
  remote?: Partial<Omit<RemoteOptions, 'logger' | 'version' | 'now'>>;
  newServerId?: () => string;
  /** The `screenshot` page action's platform (the worker's captureVisibleTab). */
  capture?: CaptureTab;
}

/**
 * The worker's services wired as extension/background/index.ts wires them, on in-memory stores: the
 * composition root for Node (unit tests, the bench, the conformance client). Nothing is loaded yet.
 */
export function inMemoryHost(options: InMemoryHostOptions) {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const given = options.stores ?? {};
  const stores = {
    grants: given.grants ?? new MemoryGrantStore(),
    standing: given.standing ?? new MemoryStandingStore(),
    preferences: given.preferences ?? new MemoryPreferenceStore(),
    servers: given.servers ?? new MemoryServerStore(),
  };
  const contents = given.contents ?? new MemorySettingsContentsStore(stores);
  const grants = new Grants(stores.grants);
  const preferences = new PreferencesHolder(stores.preferences);
  const audit = new AuditLog(
    given.audit ?? new MemoryAuditStore(),
    () => preferences.current.auditLimit,
    logger,
  );
  const consent = new Consent(
    {
      standing: stores.standing,
      session: given.session ?? new MemorySessionApprovalStore(),
    },
    {
      audit,
      preferences,
      openUrl: options.openUrl ?? (async () => {}),
      logger,
      now,
      ...(options.sampling ? { sampling: options.sampling } : {}),
    },
  );
  const remotes = new RemotePool(
    {
      logger,
      version: options.version ?? 'test',
      now,
      capabilities: consent.capabilities,
      setup: (client, config) => installServerRequestHandlers(client, config, consent.requests),
      userStep: (error, name, signal) => handleUrlElicitationError(error, name, consent.requests, signal),
      ...options.remote,
    },
    (...args) => new RemoteConnection(...args),
  );
  preferences.onRootsChange(() => remotes.rootsChanged());
  const host = new Host({
    grants,
    consent,
    audit,
    remotes,
    openTab: (...args) => new TabConnection(...args),
    logger,
    version: options.version ?? 'test',
    now,
    ...(options.capture ? { capture: options.capture } : {}),
  });
  const servers = new ServerRegistry(stores.servers, remotes, options.newServerId, now);
  const settings = new SettingsService({
    contents,
    grants,
    standing: consent.standing,
    preferences,
    servers,
    audit,
    now,
  });
  const load = async () => {
    await Promise.all([grants.load(), consent.load(), preferences.load()]);
    await servers.load();
    servers.connect();
  };
  return { host, grants, preferences, audit, consent, remotes, servers, settings, contents, load };
}

export type InMemoryHost = ReturnType<typeof inMemoryHost>;
