import { AuditLog } from '../audit/audit-log';
import type { RemoteServerConfig } from '../messages/server-config';
import { PreferencesHolder } from '../settings/preference-store';
import type { Logger } from '../shared/logger';
import {
  MemoryAuditStore,
  MemoryPreferenceStore,
  MemorySessionApprovalStore,
  MemoryStandingStore,
} from '../storage/memory-stores';
import type { AuditStore, PreferenceStore, SessionApprovalStore, StandingStore } from '../storage/stores';
import { ConsentQueue } from './consent-queue';
import type { SamplingProvider } from './sampling';
import { clientCapabilities, installServerRequestHandlers, type ServerRequestDeps } from './server-requests';
import { StandingApprovals } from './standing-approvals';
import { ToolGate } from './tool-gate';

export interface ConsentStores {
  standing: StandingStore;
  session: SessionApprovalStore;
  audit: AuditStore;
  preferences: PreferenceStore;
}

export interface ConsentPlatform {
  /** Opens a URL in a new tab (URL elicitation, after the user agreed). */
  openUrl(url: string): Promise<void>;
  logger: Logger;
  now?: () => number;
  /** The model for servers' sampling requests at start; see Consent.setSamplingProvider. */
  sampling?: SamplingProvider;
}

/** Everything that involves the user's say: remembered decisions, the queue, the audit log, preferences. */
export class Consent {
  readonly standing: StandingApprovals;
  readonly preferences: PreferencesHolder;
  readonly queue: ConsentQueue;
  readonly audit: AuditLog;
  readonly gate: ToolGate;
  readonly requests: ServerRequestDeps;

  constructor(stores: ConsentStores, platform: ConsentPlatform) {
    const now = platform.now ?? Date.now;
    this.standing = new StandingApprovals(stores.standing, stores.session);
    this.preferences = new PreferencesHolder(stores.preferences);
    this.queue = new ConsentQueue({
      timeoutMs: () => this.preferences.current.approvalTimeoutSeconds * 1000,
      logger: platform.logger,
      now,
    });
    this.audit = new AuditLog(stores.audit, () => this.preferences.current.auditLimit, platform.logger);
    this.gate = new ToolGate(this.standing, this.queue, this.audit, now);
    this.requests = {
      queue: this.queue,
      audit: this.audit,
      roots: () => this.preferences.current.roots,
      openUrl: platform.openUrl,
      logger: platform.logger,
      now,
      sampling: platform.sampling,
    };
  }

  /**
   * Changes the model that answers servers' sampling requests (undefined: none). Returns whether that
   * changes what the host's clients declare, in which case the caller reconnects them
   * (Host.samplingChanged): servers learn a client's capabilities only when it connects.
   */
  setSamplingProvider(provider: SamplingProvider | undefined): boolean {
    const before = JSON.stringify(clientCapabilities(this.requests.sampling));
    this.requests.sampling = provider;
    return JSON.stringify(clientCapabilities(provider)) !== before;
  }

  async load(): Promise<void> {
    await Promise.all([this.standing.load(), this.preferences.load()]);
  }

  /** Installs the handlers for server → client requests on one remote server's client. */
  serveServerRequests: (
    client: Parameters<typeof installServerRequestHandlers>[0],
    config: RemoteServerConfig,
  ) => void = (client, config) => installServerRequestHandlers(client, config, this.requests);
}

/** Consent kept in memory: Node tests, the bench and the conformance client. */
export function memoryConsent(platform: ConsentPlatform): Consent {
  return new Consent(
    {
      standing: new MemoryStandingStore(),
      session: new MemorySessionApprovalStore(),
      audit: new MemoryAuditStore(),
      preferences: new MemoryPreferenceStore(),
    },
    platform,
  );
}
