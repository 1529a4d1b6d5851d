import type { Host } from '../host/host';
import type { GrantTarget, SettingsView, SiteAction, SiteView } from '../messages/contract';
import {
  BLOCKED_TARGET,
  isServerGrantKey,
  PAGE_TARGET,
  serverGrantKey,
  toolOfTarget,
} from '../messages/names';
import type { ServerRegistry } from '../remote/server-registry';
import { checkPreferences, parseSettingsFile, serializeSettings } from './settings-file';

/**
 * What the options page and the popup change about consent: grants, blocks, remembered decisions,
 * preferences, and the settings file. Every change is written to the audit log.
 */
export class SettingsService {
  constructor(
    private readonly host: Host,
    private readonly servers: ServerRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  /** Calls `listener` whenever something the settings view shows may have changed. */
  onChange(listener: () => void): () => void {
    const offs = [
      this.host.grants.onChange(listener),
      this.host.consent.standing.onChange(listener),
      this.host.consent.preferences.onChange(listener),
    ];
    return () => {
      for (const off of offs) off();
    };
  }

  async view(): Promise<SettingsView> {
    const sites = new Map<string, SiteView>();
    for (const record of this.host.grants.list()) {
      if (isServerGrantKey(record.origin)) continue;
      const site = sites.get(record.origin) ?? {
        origin: record.origin,
        blocked: false,
        tools: [],
        page: false,
      };
      if (record.target === BLOCKED_TARGET) site.blocked = true;
      else if (record.target === PAGE_TARGET) site.page = true;
      else site.tools.push(toolOfTarget(record.target) ?? record.target);
      sites.set(record.origin, site);
    }
    const names = new Map(this.servers.configs().map((c) => [serverGrantKey(c.id), c.name]));
    return {
      sites: [...sites.values()].sort((a, b) => a.origin.localeCompare(b.origin)),
      approvals: this.host.consent.standing.list().map((a) => ({
        ...a,
        assistantLabel: a.assistant.replace(/^extension:/, ''),
        sourceLabel: names.get(a.source) ?? a.source,
      })),
      preferences: this.host.consent.preferences.current,
    };
  }

  async setGrant(origin: string, target: GrantTarget, granted: boolean): Promise<void> {
    await this.host.grants.set(origin, target, granted);
    this.#audit(granted ? 'grant' : 'revoke', origin, target.kind === 'page' ? 'page content' : target.tool);
  }

  async siteAction(origin: string, action: SiteAction): Promise<void> {
    if (action === 'revoke-all') {
      const revoked = await this.host.grants.revokeAll(origin);
      await this.host.consent.standing.forgetSource(origin);
      this.#audit('revoke', origin, undefined, `revoked all: ${revoked.join(', ') || 'nothing was granted'}`);
    } else {
      await this.host.grants.setBlocked(origin, action === 'block');
      this.#audit(action, origin);
    }
  }

  async forgetApproval(assistant: string, source: string, tool: string): Promise<void> {
    await this.host.consent.standing.forget(assistant, source, tool);
    this.#audit('revoke', source, tool, `forgot "Always allow" for ${assistant}`);
  }

  async setPreferences(input: unknown): Promise<void> {
    await this.host.consent.preferences.save(checkPreferences(input));
    this.#audit('settings', 'Switchboard', undefined, 'preferences changed');
  }

  async exportSettings(): Promise<string> {
    return serializeSettings({
      // Grants under a server's key are left from before the approval policy and mean nothing now; the
      // importer accepts only site origins, so exporting them would make the file unimportable.
      grants: (await this.host.grants.records()).filter((g) => !isServerGrantKey(g.origin)),
      approvals: this.host.consent.standing.list().filter((a) => a.decision === 'allow-always'),
      servers: this.servers.configs(),
      preferences: this.host.consent.preferences.current,
    });
  }

  /** Checks the whole file first (a bad file throws and changes nothing), then replaces everything. */
  async importSettings(text: string): Promise<string> {
    const parsed = parseSettingsFile(text);
    await this.host.grants.replaceAll(parsed.grants);
    await this.host.consent.standing.replaceAll(parsed.approvals);
    await this.servers.replaceAll(parsed.servers.map(({ headerNames: _names, ...server }) => server));
    await this.host.consent.preferences.save(parsed.preferences);
    const summary =
      `Imported ${parsed.grants.length} grant${parsed.grants.length === 1 ? '' : 's'}, ` +
      `${parsed.approvals.length} “Always allow” decision${parsed.approvals.length === 1 ? '' : 's'} and ` +
      `${parsed.servers.length} server${parsed.servers.length === 1 ? '' : 's'}.`;
    this.#audit('settings', 'Switchboard', undefined, summary);
    return summary;
  }

  #audit(
    kind: 'grant' | 'revoke' | 'block' | 'unblock' | 'settings',
    source: string,
    tool?: string,
    detail?: string,
  ) {
    void this.host.consent.audit.record({
      at: this.now(),
      kind,
      source,
      ...(tool ? { tool } : {}),
      decision: kind === 'grant' ? 'granted' : kind === 'revoke' ? 'revoked' : kind,
      decidedBy: 'user',
      ...(detail ? { detail } : {}),
    });
  }
}
