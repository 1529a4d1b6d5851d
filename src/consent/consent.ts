import type { AuditLog } from '../audit/audit-log';
import { type Preferences, untrustedWindowMinutes } from '../messages/preferences';
import type { RemoteServerConfig } from '../messages/server-config';
import type { Logger } from '../shared/logger';
import type { SessionApprovalStore, StandingStore } from '../storage/stores';
import { clientCapabilities } from './client-capabilities';
import { ConsentQueue } from './consent-queue';
import type { SamplingProvider } from './sampling';
import type { ServerRequestDeps } from './server-requests';
import { StandingApprovals } from './standing-approvals';
import { ToolGate } from './tool-gate';

export interface ConsentStores {
  standing: StandingStore;
  session: SessionApprovalStore;
}

export interface ConsentPlatform {
  /** Where approvals, elicitations and sampling are recorded (built by the composition root). */
  audit: AuditLog;
  /** The user's preferences, read at each use (the approval timeout and the roots may change any time). */
  preferences: {
    readonly current: Pick<Preferences, 'approvalTimeoutSeconds' | 'roots' | 'untrustedWindowMinutes'>;
  };
  /** Opens a URL in a new tab (URL elicitation, after the user agreed). */
  openUrl(url: string): Promise<void>;
  logger: Logger;
  now?: () => number;
  /** The model for servers' sampling requests at start; see Consent.setSamplingProvider. */
  sampling?: SamplingProvider;
}

/** Everything that asks the user: remembered decisions, the queue, the tool gate, servers' requests. */
export class Consent {
  readonly standing: StandingApprovals;
  readonly queue: ConsentQueue;
  readonly gate: ToolGate;
  /** What servers' requests to the host go through (installServerRequestHandlers; the composition root wires it). */
  readonly requests: ServerRequestDeps;

  constructor(stores: ConsentStores, platform: ConsentPlatform) {
    const now = platform.now ?? Date.now;
    const { audit, preferences } = platform;
    this.standing = new StandingApprovals(stores.standing, stores.session);
    this.queue = new ConsentQueue({
      timeoutMs: () => preferences.current.approvalTimeoutSeconds * 1000,
      logger: platform.logger,
      now,
    });
    this.gate = new ToolGate(
      this.standing,
      this.queue,
      audit,
      now,
      () => untrustedWindowMinutes(preferences.current) * 60_000,
    );
    this.requests = {
      queue: this.queue,
      audit,
      roots: () => preferences.current.roots,
      openUrl: platform.openUrl,
      logger: platform.logger,
      now,
      sampling: platform.sampling,
    };
  }

  /**
   * Changes the model that answers servers' sampling requests (undefined: none). Returns whether that
   * changes what the host's clients declare, in which case the caller reconnects them
   * (RemotePool.restartAll): servers learn a client's capabilities only when it connects.
   */
  setSamplingProvider(provider: SamplingProvider | undefined): boolean {
    const before = JSON.stringify(clientCapabilities(this.requests.sampling));
    this.requests.sampling = provider;
    return JSON.stringify(clientCapabilities(provider)) !== before;
  }

  /** What the host's clients declare now (asked at every connect: the sampling provider comes and goes). */
  capabilities = () => clientCapabilities(this.requests.sampling);

  async load(): Promise<void> {
    await this.standing.load();
  }
}
