import type { Preferences, RootEntry } from '../messages/preferences';
import { isUrlWith } from '../shared/server-url';
import { lazySchema, z } from '../shared/zod';
import { LIMITS } from './preferences';
import { plainer, problems } from './zod-problems';

function wholeNumber(label: string, { min, max }: { min: number; max: number }) {
  const message = `${label} must be a whole number from ${min} to ${max}.`;
  return z.number(message).int(message).min(min, message).max(max, message);
}

function rootUriProblem(uri: string): string | undefined {
  if (uri.length > 2048) return 'A root URI can be at most 2048 characters.';
  if (!isUrlWith(uri, /^(file|https?):$/)) return `"${uri}" is not a file:, https: or http: URL.`;
  return undefined;
}

/** Preferences as the options form and a settings file must give them (built at first use). */
export const preferencesSchema = lazySchema(() => {
  const root = z.object({
    uri: z.string().superRefine((uri, ctx) => {
      const problem = rootUriProblem(uri);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    name: z.string().max(200, 'A root name can be at most 200 characters.').optional(),
  });

  return z.object({
    approvalTimeoutSeconds: wholeNumber('The approval timeout', LIMITS.approvalTimeoutSeconds),
    auditLimit: wholeNumber('The audit log size', LIMITS.auditLimit),
    untrustedWindowMinutes: wholeNumber(
      'The time to ask again after untrusted content',
      LIMITS.untrustedWindowMinutes,
    ).optional(),
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
});

/** Checks preferences from the options form or a file; throws an Error a person can act on. */
export function checkPreferences(input: unknown): Preferences {
  const result = preferencesSchema().safeParse(input, { error: plainer });
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
