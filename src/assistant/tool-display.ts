import type { Tool } from '@modelcontextprotocol/client';
import type { ToolCallItem } from '../messages/chat-types';
import { parseCatalogName } from '../messages/names';
import { readableName } from '../shared/readable-name';

/**
 * How the side panel names a tool and where it ran. The catalog gives the model "<title> (<site>)" and a
 * name like "127.0.0.1_http_p4173__search_article"; a person reads "Search this article" and
 * "127.0.0.1:4173", apart.
 */

/** Where a catalog tool lives, as a person reads it: a site's host (with its port), or a server's name. */
export function toolSource(catalogName: string): string | undefined {
  const parsed = parseCatalogName(catalogName);
  if (!parsed) return undefined;
  return parsed.source.kind === 'site' ? new URL(parsed.source.origin).host : parsed.source.name;
}

/**
 * A tool's title: its own `title`, else `annotations.title`, else its name made readable. The catalog's
 * " (<site>)" ending is taken off (the panel shows the site on its own), and a title that is only the
 * tool's name (the catalog falls back to it) is made readable too.
 */
export function toolTitle(tool: Pick<Tool, 'name' | 'title' | 'annotations'>): string {
  const parsed = parseCatalogName(tool.name);
  const ownName = parsed?.tool ?? tool.name;
  let title = (tool.title ?? tool.annotations?.title ?? '').trim();
  const source = toolSource(tool.name);
  const ending = source && ` (${source})`.toLowerCase();
  if (ending && title.toLowerCase().endsWith(ending)) title = title.slice(0, -ending.length).trim();
  return title === '' || title === ownName ? readableName(ownName) : title;
}

/** The title a call is shown with: the one stored with it (older conversations kept the catalog's form). */
export function callTitle(call: Pick<ToolCallItem, 'tool' | 'title'>): string {
  return toolTitle({ name: call.tool, ...(call.title ? { title: call.title } : {}) });
}

const IRREGULAR: Record<string, [past: string, ing: string]> = {
  buy: ['Bought', 'Buying'],
  find: ['Found', 'Finding'],
  get: ['Got', 'Getting'],
  give: ['Gave', 'Giving'],
  go: ['Went', 'Going'],
  make: ['Made', 'Making'],
  read: ['Read', 'Reading'],
  run: ['Ran', 'Running'],
  send: ['Sent', 'Sending'],
  set: ['Set', 'Setting'],
  submit: ['Submitted', 'Submitting'],
  stop: ['Stopped', 'Stopping'],
  take: ['Took', 'Taking'],
  tell: ['Told', 'Telling'],
  write: ['Wrote', 'Writing'],
};
/** Verbs a tool title often starts with; other first words are left alone rather than guessed at. */
const REGULAR = new Set(
  (
    'add ask book calculate cancel check click close compare convert create delete download edit explain ' +
    'extract fetch fill list load look navigate open order play post print remove rename reply save ' +
    'schedule scroll search select share show sign start subscribe summarise summarize translate trigger ' +
    'unsubscribe update upload view'
  ).split(' '),
);

function inflect(verb: string): [past: string, ing: string] | undefined {
  const irregular = IRREGULAR[verb];
  if (irregular) return irregular;
  if (!REGULAR.has(verb)) return undefined;
  const cap = (w: string) => (w[0]?.toUpperCase() ?? '') + w.slice(1);
  if (verb.endsWith('e')) return [cap(`${verb}d`), cap(`${verb.slice(0, -1)}ing`)];
  if (/[^aeiou]y$/.test(verb)) return [cap(`${verb.slice(0, -1)}ied`), cap(`${verb}ing`)];
  if (verb === 'cancel') return ['Cancelled', 'Cancelling'];
  return [cap(`${verb}ed`), cap(`${verb}ing`)];
}

/**
 * The one line a call collapses to: "Searched this article on 127.0.0.1:4173" once done, "Searching…"
 * while it runs, "Could not search…" when it failed. Titles that do not start with a known verb keep their
 * own words ("Weather forecast on example.com").
 */
export function callSummary(call: Pick<ToolCallItem, 'tool' | 'title' | 'status'>): string {
  const title = callTitle(call);
  const source = toolSource(call.tool);
  const on = source ? ` on ${source}` : '';
  const [first = '', ...rest] = title.split(' ');
  const forms = inflect(first.toLowerCase());
  const tail = rest.length ? ` ${rest.join(' ')}` : '';
  switch (call.status) {
    case 'done':
      return forms ? `${forms[0]}${tail}${on}` : `${title}${on}`;
    case 'running':
      return forms ? `${forms[1]}${tail}${on}…` : `${title}${on}…`;
    case 'error':
      return forms ? `Could not ${first.toLowerCase()}${tail}${on}` : `${title}${on} failed`;
    case 'cancelled':
      return `Stopped: ${title}${on}`;
    case 'waiting-approval':
      return `${title}${on}`;
  }
}

/**
 * A running call's progress as its line shows it: "Running… 40% — Indexing files", or "Running… Indexing
 * files" without a total. A bare counter (a task's updates have no measure, only a message) shows as
 * "Running…".
 */
export function progressText(progress: { progress: number; total?: number; message?: string }): string {
  const { total, message } = progress;
  const share =
    total && total > 0
      ? `${Math.round(Math.min(1, Math.max(0, progress.progress / total)) * 100)}%`
      : undefined;
  const text = message?.trim();
  if (share && text) return `Running… ${share} — ${text}`;
  return `Running… ${share ?? text ?? ''}`.trim();
}
