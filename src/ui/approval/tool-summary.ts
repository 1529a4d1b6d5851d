import type { ApprovalView } from '../../messages/contract';
import { readableName } from '../../shared/readable-name';

type ToolRequest = Extract<ApprovalView['request'], { kind: 'tool' }>;

export interface ActionKind {
  /** The pill's colour: ok (reads only), warn (can change things), err (can delete). */
  tone: 'ok' | 'warn' | 'err';
  label: string;
  /** One plain sentence on where that comes from: the tool's own claim, or its absence. */
  detail: string;
}

/** The tool's title as its site or server gave it; its own name made readable when it has none. */
export function toolTitle(request: Pick<ToolRequest, 'title' | 'tool'>): string {
  const title = request.title?.trim();
  return title || readableName(request.tool);
}

const who = (source: ApprovalView['source']) => (source.kind === 'server' ? 'server' : 'site');

/** What kind of action the tool is, from the hints its site or server declared (claims, not proofs). */
export function actionKind(annotations: Record<string, unknown>, source: ApprovalView['source']): ActionKind {
  const by = `The ${who(source)}`;
  if (annotations.destructiveHint === true) {
    return {
      tone: 'err',
      label: 'Can delete or overwrite',
      detail: `${by} says this tool can delete or overwrite things.`,
    };
  }
  if (annotations.consequentialHint === true) {
    return {
      tone: 'warn',
      label: 'Can change things',
      detail: `${by} says this tool acts for you, for example to buy, send or book something.`,
    };
  }
  if (annotations.readOnlyHint === true) {
    return {
      tone: 'ok',
      label: 'Reads only',
      detail: `${by} says this tool only reads and changes nothing.`,
    };
  }
  return {
    tone: 'warn',
    label: 'Can change things',
    detail: `${by} does not say this tool only reads, so it may change things.`,
  };
}

/** "the site 127.0.0.1:5173" / "the server Everything": where the tool runs, as a sentence says it. */
export function placeName(source: ApprovalView['source']): string {
  return `${source.kind === 'server' ? 'the server' : 'the site'} ${displaySource(source)}`;
}

/** A site's origin without "https://" (the scheme is noise, except plain http, which is worth seeing). */
export function displaySource(source: ApprovalView['source']): string {
  if (source.kind !== 'site') return source.label;
  return source.label.startsWith('https://') ? source.label.slice('https://'.length) : source.label;
}

/** Whom "Always allow" is remembered for. */
export const assistantName = (view: Pick<ApprovalView, 'assistant'>): string =>
  view.assistant ?? 'this assistant';

/**
 * What "Always allow" covers and where to undo it, in one sentence the button points to: a standing
 * approval is keyed by assistant, site or server, and tool (standing-approvals.ts), and nothing wider.
 */
export function alwaysAllowText(
  view: Pick<ApprovalView, 'assistant' | 'source'>,
  request: ToolRequest,
): string {
  return `Always allow lets ${assistantName(view)} use “${toolTitle(request)}” on ${placeName(view.source)} without asking again. Only this tool, on this ${who(view.source)}, for this assistant.`;
}
