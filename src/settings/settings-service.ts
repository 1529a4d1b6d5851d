import type { AuditLog } from '../audit/audit-log';
import { GRANT_LABELS } from '../messages/audit-entry';
import type { GrantTarget, SettingsView, SiteAction, SiteView } from '../messages/contract';
import type { StandingApproval } from '../messages/decisions';
import {
  ACTIONS_TARGET,
  BLOCKED_TARGET,
  BROWSER_SERVER_ID,
  isServerGrantKey,
  PAGE_TARGET,
  serverGrantKey,
  toolOfTarget,
} from '../messages/names';
import type { RemoteServerConfig } from '../messages/server-config';
import type { Grants } from '../permissions/grants';
import type { SettingsContentsStore } from '../storage/stores';
import type { PreferencesHolder } from './preference-store';
import { checkPreferences } from './preferences-check';
import { parseSettingsFile, serializeSettings, serversToImport } from './settings-file';

/** The remembered decisions, as consent keeps them (StandingApprovals). */
export interface StandingDecisions {
  list(): StandingApproval[];
  onChange(listener: () => void): () => void;
  forget(assistant: string, source: string, tool: string): Promise<void>;
  forgetSource(source: string): Promise<void>;
  /** After a settings import replaced the store. */
  reloaded(): Promise<void>;
}

/** The user's servers, as the remote domain keeps them (ServerRegistry). */
export interface ServerList {
  configs(): RemoteServerConfig[];
  /** After a settings import replaced the store. */
  reloaded(): Promise<void>;
}

export interface SettingsDeps {
  /** Writes a settings import in one go (one IndexedDB transaction in the extension). */
  contents: SettingsContentsStore;
  grants: Grants;
  standing: StandingDecisions;
  preferences: PreferencesHolder;
  servers: ServerList;
  audit: AuditLog;
  now?: () => number;
}

/**
 * What the options page and the popup change about consent: grants, blocks, remembered decisions,
 * preferences, and the settings file. Every change is written to the audit log.
 */
export class SettingsService {
  readonly #contents: SettingsContentsStore;
  readonly #grants: Grants;
  readonly #standing: StandingDecisions;
  readonly #preferences: PreferencesHolder;
  readonly #servers: ServerList;
  readonly #audit: AuditLog;
  readonly #now: () => number;

  constructor(deps: SettingsDeps) {
    this.#contents = deps.contents;
    this.#grants = deps.grants;
    this.#standing = deps.standing;
    this.#preferences = deps.preferences;
    this.#servers = deps.servers;
    this.#audit = deps.audit;
    this.#now = deps.now ?? Date.now;
  }

  /** Calls `listener` whenever something the settings view shows may have changed. */
  onChange(listener: () => void): () => void {
    const offs = [
      this.#grants.onChange(listener),
      this.#standing.onChange(listener),
      this.#preferences.onChange(listener),
    ];
    return () => {
      for (const off of offs) off();
    };
  }

  async view(): Promise<SettingsView> {
    const sites = new Map<string, SiteView>();
    for (const record of this.#grants.list()) {
      if (isServerGrantKey(record.origin)) continue;
      const site = sites.get(record.origin) ?? {
        origin: record.origin,
        blocked: false,
        tools: [],
        page: false,
        actions: false,
      };
      if (record.target === BLOCKED_TARGET) site.blocked = true;
      else if (record.target === PAGE_TARGET) site.page = true;
      else if (record.target === ACTIONS_TARGET) {
        site.actions = true;
        if (this.#grants.isActionsPaused(record.origin)) site.actionsPaused = true;
      } else site.tools.push(toolOfTarget(record.target) ?? record.target);
      sites.set(record.origin, site);
    }
    const names = new Map(this.#servers.configs().map((c) => [serverGrantKey(c.id), c.name]));
    return {
      sites: [...sites.values()].sort((a, b) => a.origin.localeCompare(b.origin)),
      approvals: this.#standing.list().map((a) => ({
        ...a,
        assistantLabel: a.assistant.replace(/^extension:/, ''),
        sourceLabel: names.get(a.source) ?? a.source,
      })),
      preferences: this.#preferences.current,
      browserTabs: this.#grants.isActionsGranted(BROWSER_TABS_KEY),
    };
  }

  /** "Let assistants see and manage tabs": the built-in browser server's one switch. */
  async setBrowserTabs(enabled: boolean): Promise<void> {
    await this.#grants.set(BROWSER_TABS_KEY, { kind: 'actions' }, enabled);
    this.#record(enabled ? 'grant' : 'revoke', 'Browser tabs', 'tabs');
  }

  async setGrant(origin: string, target: GrantTarget, granted: boolean): Promise<void> {
    await this.#grants.set(origin, target, granted);
    this.#record(granted ? 'grant' : 'revoke', origin, grantLabel(target));
    // Acting needs seeing: the outline and screenshots are behind "Share page content" too. After the
    // actions, so the switch the person turned on never shows off in between.
    if (target.kind === 'actions' && granted && !this.#grants.isPageGranted(origin)) {
      await this.setGrant(origin, { kind: 'page' }, true);
    }
  }

  /** Limits a site's grants to some assistants (ids), or opens them to all again (undefined). */
  async setSiteAssistants(origin: string, assistants: string[] | undefined): Promise<void> {
    await this.#grants.setAssistants(origin, assistants);
    const who = assistants
      ? `limited to ${assistants.length} chosen assistant${assistants.length === 1 ? '' : 's'}`
      : 'open to all assistants';
    this.#record('settings', origin, undefined, `grants ${who}`);
  }

  async siteAction(origin: string, action: SiteAction): Promise<void> {
    if (action === 'revoke-all') {
      const revoked = await this.#grants.revokeAll(origin);
      await this.#standing.forgetSource(origin);
      this.#record(
        'revoke',
        origin,
        undefined,
        `revoked all: ${revoked.join(', ') || 'nothing was granted'}`,
      );
    } else {
      await this.#grants.setBlocked(origin, action === 'block');
      this.#record(action, origin);
    }
  }

  async forgetApproval(assistant: string, source: string, tool: string): Promise<void> {
    await this.#standing.forget(assistant, source, tool);
    this.#record('revoke', source, tool, `forgot "Always allow" for ${assistant}`);
  }

  async setPreferences(input: unknown): Promise<void> {
    await this.#preferences.save(checkPreferences(input));
    this.#record('settings', 'Switchboard', undefined, 'preferences changed');
  }

  async exportSettings(): Promise<string> {
    return serializeSettings({
      // Grants under a server's key are left from before the approval policy and mean nothing now; the
      // importer accepts only site origins, so exporting them would make the file unimportable.
      grants: (await this.#grants.records()).filter((g) => !isServerGrantKey(g.origin)),
      approvals: this.#standing.list().filter((a) => a.decision === 'allow-always'),
      servers: this.#servers.configs(),
      preferences: this.#preferences.current,
    });
  }

  /**
   * Checks the whole file first (a bad file throws and changes nothing), then replaces everything in one
   * write, so a failure halfway leaves everything as it was; only then do the caches follow.
   */
  async importSettings(text: string): Promise<string> {
    const parsed = parseSettingsFile(text);
    await this.#contents.replaceAll({
      grants: parsed.grants,
      approvals: parsed.approvals,
      servers: serversToImport(parsed.servers, this.#servers.configs()),
      preferences: parsed.preferences,
    });
    await Promise.all([
      this.#grants.reloaded(),
      this.#standing.reloaded(),
      this.#preferences.reloaded(),
      this.#servers.reloaded(),
    ]);
    const summary =
      `Imported ${parsed.grants.length} grant${parsed.grants.length === 1 ? '' : 's'}, ` +
      `${parsed.approvals.length} “Always allow” decision${parsed.approvals.length === 1 ? '' : 's'} and ` +
      `${parsed.servers.length} server${parsed.servers.length === 1 ? '' : 's'}.`;
    this.#record('settings', 'Switchboard', undefined, summary);
    return summary;
  }

  #record(
    kind: 'grant' | 'revoke' | 'block' | 'unblock' | 'settings',
    source: string,
    tool?: string,
    detail?: string,
  ) {
    void this.#audit.record({
      at: this.#now(),
      kind,
      source,
      ...(tool ? { tool } : {}),
      decision: kind === 'grant' ? 'granted' : kind === 'revoke' ? 'revoked' : kind,
      decidedBy: 'user',
      ...(detail ? { detail } : {}),
    });
  }
}

/** The built-in browser server's switch is kept as its "actions" grant: acting on the browser's tabs. */
const BROWSER_TABS_KEY = serverGrantKey(BROWSER_SERVER_ID);

/** What a grant covers, as the audit log names it. */
function grantLabel(target: GrantTarget): string {
  if (target.kind === 'page') return GRANT_LABELS.page;
  if (target.kind === 'actions') return GRANT_LABELS.actions;
  return target.tool;
}
