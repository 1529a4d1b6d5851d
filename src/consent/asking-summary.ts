import { decide, type ToolFacts } from './approval-policy';

/** What a site tool declares about itself, as the popup has it (ToolGrantView). */
export interface SiteToolHints {
  readOnly: boolean;
  consequential: boolean;
}

export type Asking = 'never' | 'first-time' | 'every-time';

export interface AskingSummary {
  asking: Asking;
  /** One line for the popup's row: when a switched-on tool runs, in the user's words. */
  text: string;
}

/**
 * Whether a granted site tool runs without asking, asks on first use, or asks every time. Derived from the
 * approval policy itself (`decide`) rather than restating it, so the popup cannot promise what the gate
 * will not do. `alwaysFor` names the assistants with a standing "Always allow" / "for this session".
 */
export function askingSummary(tool: SiteToolHints, alwaysFor: string[] = []): AskingSummary {
  const facts: ToolFacts = {
    kind: 'site',
    trustsAllTools: false,
    readOnly: tool.readOnly,
    risky: tool.consequential,
  };
  const fresh = decide(facts, undefined);
  if (fresh.run) return { asking: 'never', text: 'Runs without asking' };
  // A tool that asks on first use offers "for this session"; a risky one only once or always.
  const asking: Asking = fresh.choices.includes('allow-session') ? 'first-time' : 'every-time';
  const base =
    asking === 'first-time'
      ? 'Asks the first time each assistant uses it'
      : 'Asks every time, unless you choose Always allow';
  if (alwaysFor.length === 0) return { asking, text: base };
  // A remembered answer lets it run, except right after the assistant read content from others.
  const remembered = decide(facts, 'allow-always');
  if (!remembered.run) return { asking, text: base };
  const evenTainted = decide(facts, 'allow-always', 'another site').run;
  const who = listOf(alwaysFor);
  return {
    asking,
    text: evenTainted
      ? `Runs without asking for ${who}; asks the others`
      : `Runs without asking for ${who}, except just after reading content from others; asks the others`,
  };
}

/**
 * The page actions that act (click, type, select, …) are consequential site tools (page-actions.ts), so
 * the gate treats them as such; the popup's "Let assistants act on this site" row says when they ask from
 * the same policy, in one sentence.
 */
export function pageActionsAsking(): AskingSummary {
  const { asking } = askingSummary({ readOnly: false, consequential: true });
  const text =
    asking === 'every-time'
      ? 'Each action asks first unless you choose Always allow.'
      : asking === 'first-time'
        ? 'Each assistant is asked the first time it acts.'
        : 'Actions run without asking.';
  return { asking, text };
}

function listOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
