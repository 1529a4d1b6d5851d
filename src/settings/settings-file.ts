import type { StandingApproval } from '../messages/decisions';
import type { GrantRecord } from '../messages/grant-record';
import type { Preferences, RootEntry } from '../messages/preferences';
import type { RemoteServerConfig } from '../messages/server-config';
import { checkHeaders, checkServerUrl } from '../shared/server-url';
import { z } from '../shared/zod';
import { LIMITS } from './preferences';

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
const MAX_PROBLEMS = 5;

/** Serialises a snapshot; header values are deliberately dropped (see ExportedServer). */
export function serializeSettings(snapshot: SettingsSnapshot, now = new Date()): string {
  const servers: ExportedServer[] = snapshot.servers.map((s) => ({
    id: s.id,
    name: s.name,
    url: s.url,
    enabled: s.enabled,
    allowAllTools: s.allowAllTools,
    createdAt: s.createdAt,
    headerNames: Object.keys(s.headers),
    ...(s.oauth?.clientId ? { oauthClientId: s.oauth.clientId } : {}),
  }));
  const file = {
    format: SETTINGS_FORMAT,
    version: SETTINGS_VERSION,
    exportedAt: now.toISOString(),
    grants: snapshot.grants.map(({ origin, target, grantedAt }) => ({ origin, target, grantedAt })),
    approvals: snapshot.approvals
      .filter((a) => a.decision === 'allow-always')
      .map(({ assistant, source, tool, decision, at }) => ({ assistant, source, tool, decision, at })),
    servers,
    preferences: snapshot.preferences,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function isUrlWith(value: string, schemes: RegExp): boolean {
  try {
    return schemes.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

// Same rule as validate.ts: an http(s) URL whose origin is itself (no path, no trailing slash).
const origin = z
  .string()
  .max(2048)
  .refine((v) => isUrlWith(v, /^https?:$/) && new URL(v).origin === v, 'not an http(s) origin');

const time = z.number().nonnegative();

const grant = z.object({
  origin,
  target: z
    .string()
    .refine(
      (t) => t === 'page' || t === 'blocked' || (/^tool:/.test(t) && t.length > 5 && t.length <= 5 + 128),
      'must be "page", "blocked" or "tool:<name>" (name of 1 to 128 characters)',
    ),
  grantedAt: time,
});

const approval = z.object({
  assistant: z.string().min(1).max(256),
  source: z.string().min(1).max(2100),
  tool: z.string().min(1).max(256),
  decision: z.literal('allow-always', 'only "allow-always" approvals can be imported'),
  at: time,
});

function headerNameProblem(name: string): string | undefined {
  try {
    checkHeaders({ [name]: '' });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

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

function wholeNumber(label: string, { min, max }: { min: number; max: number }) {
  const message = `${label} must be a whole number from ${min} to ${max}.`;
  return z.number(message).int(message).min(min, message).max(max, message);
}

function rootUriProblem(uri: string): string | undefined {
  if (uri.length > 2048) return 'A root URI can be at most 2048 characters.';
  if (!isUrlWith(uri, /^(file|https?):$/)) return `"${uri}" is not a file:, https: or http: URL.`;
  return undefined;
}

const root = z.object({
  uri: z.string().superRefine((uri, ctx) => {
    const problem = rootUriProblem(uri);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  name: z.string().max(200, 'A root name can be at most 200 characters.').optional(),
});

const preferences = z.object({
  approvalTimeoutSeconds: wholeNumber('The approval timeout', LIMITS.approvalTimeoutSeconds),
  auditLimit: wholeNumber('The audit log size', LIMITS.auditLimit),
  roots: z.array(root).max(LIMITS.roots, `At most ${LIMITS.roots} roots.`),
  oauthClientMetadataUrl: z
    .string()
    .max(2048)
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' && url.pathname.length > 1;
      } catch {
        return false;
      }
    }, 'The Client ID Metadata Document URL must be an https URL with a path, e.g. https://example.com/client.json.')
    .optional(),
});

const file = z.object({
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
  preferences,
});

/** Plainer words than zod's defaults for the two commonest slips; schema-level messages still win. */
const plainer: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}`;
  }
  if (issue.code === 'invalid_value')
    return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  return undefined;
};

/** `grants[3].origin` — the path a person can find in the file. */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function problems(issues: readonly z.core.$ZodIssue[], showPath: (path: readonly PropertyKey[]) => boolean) {
  const lines = issues
    .slice(0, MAX_PROBLEMS)
    .map((issue) => (showPath(issue.path) ? `${pathText(issue.path)}: ${issue.message}` : issue.message));
  if (issues.length > MAX_PROBLEMS) lines.push(`…and ${issues.length - MAX_PROBLEMS} more.`);
  return lines.join('\n');
}

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
  const result = file.safeParse(data, { error: plainer });
  if (!result.success) {
    throw new Error(`This settings file was not imported:\n${problems(result.error.issues, () => true)}`);
  }
  const { grants, approvals, servers, preferences } = result.data;
  return { grants, approvals, servers, preferences };
}

/** Checks preferences from the options form or a file; throws an Error a person can act on. */
export function checkPreferences(input: unknown): Preferences {
  const result = preferences.safeParse(input, { error: plainer });
  if (result.success) return result.data;
  // Top-level messages name their field already; nested ones (roots[2].uri) need the path to find the entry.
  throw new Error(problems(result.error.issues, (path) => path.length > 1));
}

/** Roots as the options textarea shows them: `<uri> <name>` per line. */
export function formatRootsText(roots: RootEntry[]): string {
  return roots.map((r) => (r.name ? `${r.uri} ${r.name}` : r.uri)).join('\n');
}

/** Parses the options textarea: one root per line, `<uri>` or `<uri> <name…>`; blank lines ignored. */
export function parseRootsText(text: string): RootEntry[] {
  const roots: RootEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const space = line.search(/\s/);
    const uri = space < 0 ? line : line.slice(0, space);
    const name = space < 0 ? '' : line.slice(space + 1).trim();
    const problem =
      rootUriProblem(uri) ?? (name.length > 200 ? 'A root name can be at most 200 characters.' : undefined);
    if (problem) {
      throw new Error(
        `Line ${index + 1}: ${problem} Write one root per line, e.g. "file:///home/me/project Project".`,
      );
    }
    roots.push(name ? { uri, name } : { uri });
  });
  if (roots.length > LIMITS.roots)
    throw new Error(`At most ${LIMITS.roots} roots; this has ${roots.length}.`);
  return roots;
}
