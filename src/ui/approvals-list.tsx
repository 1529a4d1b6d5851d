import type { SettingsView } from '../messages/contract';

type Approval = SettingsView['approvals'][number];

/** Remembered decisions ("Always allow", "Allow for this session"), each revocable at once. */
export function ApprovalsList({
  approvals,
  onForget,
}: {
  approvals: Approval[];
  onForget(approval: Approval): void;
}) {
  if (approvals.length === 0) {
    return (
      <p class="empty">
        No remembered decisions. When an approval asks, “Allow for this session” and “Always allow” are
        remembered here.
      </p>
    );
  }
  return (
    <ul class="approvals" aria-label="Remembered decisions">
      {approvals.map((a) => (
        <li key={`${a.assistant} ${a.source} ${a.tool}`}>
          <span>
            <strong>{a.tool}</strong> on {a.sourceLabel} for {a.assistantLabel}:{' '}
            {a.decision === 'allow-always' ? 'Always allow' : 'Allow for this session'}
          </span>{' '}
          <button
            type="button"
            onClick={() => onForget(a)}
            aria-label={`Forget ${a.tool} on ${a.sourceLabel}`}
          >
            Forget
          </button>
        </li>
      ))}
    </ul>
  );
}
