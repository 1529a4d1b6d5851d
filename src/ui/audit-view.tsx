import { useMemo, useState } from 'preact/hooks';
import {
  type AuditFilter,
  type AuditOutcomeFilter,
  filterAudit,
  NO_AUDIT_FILTER,
} from '../audit/audit-filter';
import type { AuditEntry, AuditKind, DecidedBy } from '../messages/audit-entry';

export interface AuditViewProps {
  entries: AuditEntry[];
  limit: number;
  onRefresh(): void;
}

// Records, so adding an AuditKind or DecidedBy without a label fails to compile.
const KIND_LABELS: Record<AuditKind, string> = {
  call: 'Tool call',
  approval: 'Approval',
  grant: 'Grant',
  revoke: 'Revoke',
  block: 'Block',
  unblock: 'Unblock',
  elicitation: 'Elicitation',
  sampling: 'Sampling',
  settings: 'Settings',
};
const DECIDED_BY_TEXT: Record<DecidedBy, string> = {
  user: 'user',
  remembered: 'remembered',
  policy: 'policy',
  'server-setting': 'server setting',
  timeout: 'timeout',
};
/** Outcomes whose stored code does not read as words. */
const OUTCOME_TEXT: Record<string, string> = {
  'invalid-arguments': 'invalid arguments',
  unavailable: 'tool unavailable',
};
const OUTCOME_LABELS: Record<AuditOutcomeFilter, string> = {
  all: 'All',
  allowed: 'Allowed',
  denied: 'Denied',
  timeout: 'Timed out',
  error: 'Errors',
};

/** The options page's audit log: filters, a newest-first table, export and the retention bound. */
export function AuditView({ entries, limit, onRefresh }: AuditViewProps) {
  const [filter, setFilter] = useState<AuditFilter>(NO_AUDIT_FILTER);
  const shown = useMemo(() => filterAudit(newestFirst(entries), filter), [entries, filter]);
  const set = (patch: Partial<AuditFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <section class="audit" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Activity</h2>
      <p class="facts">
        Keeps the last {limit} entries; the oldest are dropped first. {entries.length} stored.
      </p>
      <div class="audit-controls">
        <label>
          Kind
          <select
            value={filter.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as AuditFilter['kind'] })}
          >
            <option value="all">All</option>
            {Object.entries(KIND_LABELS).map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select
            value={filter.outcome}
            onChange={(e) => set({ outcome: e.currentTarget.value as AuditOutcomeFilter })}
          >
            {Object.entries(OUTCOME_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label class="audit-text">
          Filter
          <input
            type="search"
            value={filter.text}
            placeholder="Assistant, site, server, tool…"
            onInput={(e) => set({ text: e.currentTarget.value })}
          />
        </label>
        <button type="button" onClick={() => exportJson(shown)} disabled={shown.length === 0}>
          Export JSON
        </button>
        <button type="button" onClick={onRefresh}>
          Refresh
        </button>
      </div>
      {entries.length === 0 ? (
        <p class="empty">No activity yet. Tool calls, approvals and grant changes will appear here.</p>
      ) : shown.length === 0 ? (
        <p class="empty">No entries match these filters.</p>
      ) : (
        <AuditTable entries={shown} />
      )}
    </section>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so keyboard users can scroll it sideways
    <section class="audit-scroll" aria-label="Audit entries" tabIndex={0}>
      <table aria-label="Audit log">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Kind</th>
            <th scope="col">Assistant</th>
            <th scope="col">Site or server</th>
            <th scope="col">Tool</th>
            <th scope="col">Decision</th>
            <th scope="col">Outcome</th>
            <th scope="col">Duration (ms)</th>
            <th scope="col">Arguments digest</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={e.id ?? `i${i}`} data-kind={e.kind}>
              <td class="nowrap">{new Date(e.at).toLocaleString()}</td>
              <td>{KIND_LABELS[e.kind] ?? e.kind}</td>
              <td>{e.assistant}</td>
              <td class="audit-source">{e.source}</td>
              <td>{e.tool}</td>
              <td>
                {e.decision}
                {e.decidedBy && (
                  <span class="audit-by"> by {DECIDED_BY_TEXT[e.decidedBy] ?? e.decidedBy}</span>
                )}
              </td>
              <td data-outcome={e.outcome} title={e.detail}>
                {e.outcome && (OUTCOME_TEXT[e.outcome] ?? e.outcome)}
                {e.detail && <div class="audit-detail">{e.detail}</div>}
              </td>
              <td class="num">{e.durationMs === undefined ? '' : Math.round(e.durationMs)}</td>
              <td class="mono">{e.argsDigest}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// By id, not time: ids follow write order, while the clock can step back.
function newestFirst(entries: readonly AuditEntry[]): AuditEntry[] {
  return [...entries].sort((a, b) => (b.id ?? 0) - (a.id ?? 0) || b.at - a.at);
}

function exportJson(entries: AuditEntry[]) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(entries, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `switchboard-audit-${localDate(new Date())}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking synchronously can cancel the download before the browser has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** YYYY-MM-DD in the user's time zone: the date they will look for in their downloads. */
function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
