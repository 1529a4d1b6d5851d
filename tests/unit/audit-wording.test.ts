import { describe, expect, it } from 'vitest';
import { filterAudit, NO_AUDIT_FILTER } from '../../src/audit/audit-filter';
import {
  AUDIT_KIND_WORDS,
  AUDIT_OUTCOME_WORDS,
  auditDecisionWords,
  auditOutcomeWords,
  auditWhatWords,
} from '../../src/audit/audit-wording';
import {
  AUDIT_DECISIONS,
  AUDIT_OUTCOMES,
  type AuditEntry,
  type DecidedBy,
  GRANT_LABELS,
} from '../../src/messages/audit-entry';

const DECIDERS: DecidedBy[] = ['user', 'remembered', 'policy', 'server-setting', 'timeout'];
const CODES = [...AUDIT_DECISIONS, ...AUDIT_OUTCOMES, ...DECIDERS].filter((code) => code.includes('-'));
/** Words, not a code: a capitalised sentence with none of the hyphenated internal ids in it. */
const isWords = (text: string | undefined) =>
  !!text && /^[A-Z]/.test(text) && !CODES.some((code) => text.includes(code));

describe('the Activity table in words', () => {
  it('has a sentence for every decision code the user makes', () => {
    for (const decision of AUDIT_DECISIONS) {
      const words = auditDecisionWords({ decision, decidedBy: 'user' });
      expect(words, decision).not.toBe(decision);
      expect(isWords(words), `${decision}: ${words}`).toBe(true);
    }
  });

  it('says why something ran or ended without asking, for every decider', () => {
    for (const decidedBy of DECIDERS) {
      const words = auditDecisionWords({ decision: 'allow', decidedBy });
      expect(isWords(words), `${decidedBy}: ${words}`).toBe(true);
    }
  });

  it('has words and a tone for every outcome code', () => {
    expect(Object.keys(AUDIT_OUTCOME_WORDS).sort()).toEqual([...AUDIT_OUTCOMES].sort());
    for (const outcome of AUDIT_OUTCOMES) {
      const words = auditOutcomeWords(outcome);
      expect(words?.text, outcome).not.toBe(outcome);
      expect(isWords(words?.text), `${outcome}: ${words?.text}`).toBe(true);
      expect(['ok', 'warn', 'err', 'info']).toContain(words?.tone);
    }
  });

  it('names every kind of entry in words', () => {
    for (const [kind, words] of Object.entries(AUDIT_KIND_WORDS)) expect(isWords(words), kind).toBe(true);
  });

  it('reads the sentences the issue asks for', () => {
    expect(auditDecisionWords({ decision: 'allow-once', decidedBy: 'user' })).toBe('Allowed once by you');
    expect(auditDecisionWords({ decision: 'allow', decidedBy: 'policy' })).toBe(
      'Ran without asking: read-only',
    );
    expect(auditDecisionWords({ decision: 'deny', decidedBy: 'user' })).toBe('Denied by you');
    expect(auditDecisionWords({ decision: 'allow-always', decidedBy: 'remembered' })).toBe(
      'Ran without asking: you chose Always allow',
    );
    expect(auditDecisionWords({ decidedBy: 'timeout' })).toBe('Not answered in time');
    expect(auditDecisionWords({})).toBeUndefined();
  });

  it('shows a code it does not know (written by another version) as it is', () => {
    expect(auditOutcomeWords('brand-new')).toEqual({ text: 'brand-new', tone: 'info' });
  });
});

describe('page actions in the Activity table', () => {
  const SHOP = 'https://www.shop.example';

  it('words the action grant and its removal', () => {
    expect(auditWhatWords({ kind: 'grant', source: SHOP, tool: GRANT_LABELS.actions })).toBe(
      'Let assistants act on shop.example',
    );
    expect(auditWhatWords({ kind: 'revoke', source: SHOP, tool: GRANT_LABELS.actions })).toBe(
      'Stopped assistants acting on shop.example',
    );
    // Other grants keep their kind, tool and source as they were.
    expect(auditWhatWords({ kind: 'grant', source: SHOP, tool: 'search' })).toBeUndefined();
    expect(auditWhatWords({ kind: 'grant', source: SHOP, tool: GRANT_LABELS.page })).toBeUndefined();
  });

  it('says what a page action acted on, and in which tab', () => {
    const call = { kind: 'call', source: SHOP, tool: 'click' } as const;
    expect(auditWhatWords({ ...call, target: 'button "Place order"', tab: 12 })).toBe(
      'click on button "Place order" in tab 12',
    );
    expect(auditWhatWords({ ...call, tab: 12 })).toBe('click in tab 12');
    expect(auditWhatWords({ ...call, target: 'link "Help"' })).toBe('click on link "Help"');
    expect(auditWhatWords(call)).toBeUndefined();
  });

  it('finds a call by the element it acted on', () => {
    const entries: AuditEntry[] = [
      { at: 1, kind: 'call', source: SHOP, tool: 'click', target: 'button "Place order"', tab: 12 },
      { at: 2, kind: 'call', source: SHOP, tool: 'click', target: 'link "Help"', tab: 12 },
    ];
    expect(filterAudit(entries, { ...NO_AUDIT_FILTER, text: 'place order' }).map((e) => e.at)).toEqual([1]);
  });
});
