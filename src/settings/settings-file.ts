import type { StandingApproval } from '../messages/decisions';
import type { GrantRecord } from '../messages/grant-record';
import type { Preferences } from '../messages/preferences';
import type { RemoteServerConfig } from '../messages/server-config';
import { checkHeaders, checkServerUrl, isUrlWith } from '../shared/server-url';
import { lazySchema, z } from '../shared/zod';
import { preferencesSchema } from './preferences-check';
import { plainer, problems } from './zod-problems';

export const SETTINGS_FORMAT = 'switchboard-settings';
export const SETTINGS_VERSION = 1;

/** Everything "Export settings" writes. Only 'allow-always' approvals: session ones die with the browser. */
export interface SettingsSnapshot {
  grants: GrantRecord[];
  approvals: StandingApproval[];
  servers: RemoteServerConfig[];
  preferences: Preferences;
}

/**
 * A server as the file carries it: header names only, since the values may be API keys; and of its
 * pre-registered OAuth client, the client ID (public) but never the secret.
 */
export type ExportedServer = Omit<RemoteServerConfig, 'headers' | 'oauth'> & {
  headerNames: string[];
  oauthClientId?: string;
};

export interface ParsedSettings {
  grants: GrantRecord[];
  approvals: StandingApproval[];
  servers: ExportedServer[];
  preferences: Preferences;
}

/**
 * The servers a file brings, as they will be stored. A file carries no secrets, so a server that keeps
 * its id keeps the header values it had, and its OAuth client secret while the client ID is the same;
 * the others start without.
 */
export function serversToImport(
  incoming: ExportedServer[],
  existing: RemoteServerConfig[],
): RemoteServerConfig[] {
  const before = new Map(existing.map((c) => [c.id, c]));
  return incoming.map(({ headerNames: _names, oauthClientId, ...server }) => {
    const old = before.get(server.id);
    const secret =
      oauthClientId && old?.oauth?.clientId === oauthClientId ? old.oauth.clientSecret : undefined;
    return {
      ...server,
      headers: old?.headers ?? {},
      ...(oauthClientId
        ? { oauth: { clientId: oauthClientId, ...(secret ? { clientSecret: secret } : {}) } }
        : {}),
    };
  });
}

/** The largest settings file accepted, in characters (the UI checks a file's size before reading it). */
export const MAX_SETTINGS_TEXT = 5_000_000;
// Caps keep a hostile or corrupt file from making the worker hold or write unbounded data.
const MAX_GRANTS = 10_000;
const MAX_APPROVALS = 10_000;
const MAX_SERVERS = 100;

/** Serialises a snapshot; header values are deliberately dropped (see ExportedServer). */
export function serializeSettings(snapshot: SettingsSnapshot, now = new Date()): string {
  const servers: ExportedServer[] = snapshot.servers.map((s) => ({
    id: s.id,
    name: s.name,
    url: s.url,
    enabled: s.enabled,
    allowAllTools: s.allowAllTools,
    ...(s.trustedContent ? { trustedContent: true } : {}),
    createdAt: s.createdAt,
    headerNames: Object.keys(s.headers),
    ...(s.oauth?.clientId ? { oauthClientId: s.oauth.clientId } : {}),
  }));
  const file = {
    format: SETTINGS_FORMAT,
    version: SETTINGS_VERSION,
    exportedAt: now.toISOString(),
    grants: snapshot.grants.map(({ origin, target, grantedAt, assistants }) => ({
      origin,
      target,
      grantedAt,
      ...(assistants ? { assistants } : {}),
    })),
    approvals: snapshot.approvals
      .filter((a) => a.decision === 'allow-always')
      .map(({ assistant, source, tool, decision, at }) => ({ assistant, source, tool, decision, at })),
    servers,
    preferences: snapshot.preferences,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function headerNameProblem(name: string): string | undefined {
  try {
    checkHeaders({ [name]: '' });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

// Built at the first import (lazySchema): a worker start need not build what only an import uses.
const settingsFile = lazySchema(() => {
  // Same rule as validate.ts: an http(s) URL whose origin is itself (no path, no trailing slash).
  const origin = z
    .string()
    .max(2048)
    .refine((v) => isUrlWith(v, /^https?:$/) && new URL(v).origin === v, 'not an http(s) origin');

  const time = z.number().nonnegative();

  const grant = z
    .object({
      origin,
      target: z
        .string()
        .refine(
          (t) =>
            t === 'page' ||
            t === 'actions' ||
            t === 'blocked' ||
            t === 'assistants' ||
            (/^tool:/.test(t) && t.length > 5 && t.length <= 5 + 128),
          'must be "page", "actions", "blocked", "assistants" or "tool:<name>" (name of 1 to 128 characters)',
        ),
      grantedAt: time,
      /** The "assistants" record only: which assistants the site's grants are for. */
      assistants: z.array(z.string().min(1).max(256)).max(100).optional(),
    })
    .refine((g) => (g.target === 'assistants') === (g.assistants !== undefined), {
      message: 'an "assistants" grant lists its assistants, and only it does',
    });

  const approval = z.object({
    assistant: z.string().min(1).max(256),
    source: z.string().min(1).max(2100),
    tool: z.string().min(1).max(256),
    decision: z.literal('allow-always', 'only "allow-always" approvals can be imported'),
    at: time,
  });

  const server = z.object({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(80),
    url: z
      .string()
      .max(2048)
      .transform((url, ctx) => {
        try {
          return checkServerUrl(url);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
          return z.NEVER;
        }
      }),
    enabled: z.boolean(),
    allowAllTools: z.boolean(),
    trustedContent: z.boolean().optional(),
    createdAt: time,
    headerNames: z
      .array(
        z.string().superRefine((name, ctx) => {
          const problem = headerNameProblem(name);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      )
      .max(50),
    oauthClientId: z.string().trim().min(1).max(500).optional(),
  });

  return z.object({
    format: z.literal(SETTINGS_FORMAT),
    version: z.literal(SETTINGS_VERSION),
    grants: z.array(grant).max(MAX_GRANTS, `more than ${MAX_GRANTS} grants`),
    approvals: z.array(approval).max(MAX_APPROVALS, `more than ${MAX_APPROVALS} approvals`),
    servers: z
      .array(server)
      .max(MAX_SERVERS, `more than ${MAX_SERVERS} servers`)
      .superRefine((servers, ctx) => {
        const seen = new Set<string>();
        servers.forEach((s, i) => {
          if (seen.has(s.id))
            ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id "${s.id}"` });
          seen.add(s.id);
        });
      }),
    preferences: preferencesSchema(),
  });
});

/**
 * Parses and checks a whole settings file; throws an Error listing the first few problems with their
 * paths. Nothing is returned unless everything is valid, so the caller can apply it all-or-nothing.
 */
export function parseSettingsFile(text: string): ParsedSettings {
  if (text.length > MAX_SETTINGS_TEXT) {
    throw new Error(
      `This file is too large to be Switchboard settings (over ${MAX_SETTINGS_TEXT / 1_000_000} MB).`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`This file is not JSON: ${(e as Error).message}`);
  }
  const head = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (head.format !== SETTINGS_FORMAT) throw new Error('This is not a Switchboard settings file.');
  if (typeof head.version === 'number' && head.version > SETTINGS_VERSION) {
    throw new Error(
      `This file was made by a newer Switchboard (settings version ${head.version}). Update Switchboard, then import it again.`,
    );
  }
  const result = settingsFile().safeParse(data, { error: plainer });
  if (!result.success) {
    throw new Error(`This settings file was not imported:\n${problems(result.error.issues, () => true)}`);
  }
  const { grants, approvals, servers, preferences } = result.data;
  return { grants, approvals, servers, preferences };
}
