import { useMemo, useState } from 'preact/hooks';
import {
  type AuditFilter,
  type AuditOutcomeFilter,
  filterAudit,
  NO_AUDIT_FILTER,
} from '../audit/audit-filter';
import {
  AUDIT_KIND_WORDS,
  auditDecisionWords,
  auditOutcomeWords,
  auditWhatWords,
} from '../audit/audit-wording';
import type { AuditEntry } from '../messages/audit-entry';

export interface AuditViewProps {
  entries: AuditEntry[];
  limit: number;
  onRefresh(): void;
}

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
    <div class="audit">
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
            {Object.entries(AUDIT_KIND_WORDS).map(([kind, label]) => (
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
    </div>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <table class="audit-table" aria-label="Audit log">
      <colgroup>
        <col class="c-when" />
        <col class="c-what" />
        <col class="c-who" />
        <col class="c-decision" />
        <col class="c-result" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Assistant</th>
          <th scope="col">Decision</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <AuditRow key={e.id ?? `i${i}`} entry={e} />
        ))}
      </tbody>
    </table>
  );
}

function AuditRow({ entry: e }: { entry: AuditEntry }) {
  const at = new Date(e.at);
  const outcome = auditOutcomeWords(e.outcome);
  const what = auditWhatWords(e);
  return (
    <tr data-kind={e.kind}>
      <td>
        <span class="audit-date">{at.toLocaleDateString()}</span>{' '}
        <span class="audit-time">{at.toLocaleTimeString()}</span>
      </td>
      <td>
        <span class="audit-kind">{AUDIT_KIND_WORDS[e.kind] ?? e.kind}</span>
        {(what ?? e.tool) && <span class="audit-tool">{what ?? e.tool}</span>}
        <span class="audit-source">{e.source}</span>
      </td>
      <td>{e.assistant ?? <span class="audit-none">—</span>}</td>
      <td data-decision={e.decision}>{auditDecisionWords(e) ?? <span class="audit-none">—</span>}</td>
      <td data-outcome={e.outcome} title={e.detail}>
        {outcome && <span class={`pill ${outcome.tone}`}>{outcome.text}</span>}
        {e.durationMs !== undefined && e.durationMs >= 1 && (
          <span class="audit-duration"> in {formatDuration(e.durationMs)}</span>
        )}
        {e.detail && <div class="audit-detail">{e.detail}</div>}
      </td>
    </tr>
  );
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
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
