import { useEffect, useState } from 'preact/hooks';
import type { Preferences } from '../messages/preferences';
import { LIMITS, untrustedWindowMinutes } from '../settings/preferences';
import { checkPreferences, formatRootsText, parseRootsText } from '../settings/preferences-check';

export interface PreferencesFormProps {
  preferences: Preferences;
  onSave(preferences: Preferences): void;
}

// An empty number field must fail the check, not become 0 (Number('') === 0) and fail with a misleading message.
const toNumber = (text: string) => (text.trim() ? Number(text) : Number.NaN);

/** Approval timeout, audit log size and roots; checked here first so a bad value never reaches the worker. */
export function PreferencesForm({ preferences, onSave }: PreferencesFormProps) {
  const [timeout, setTimeoutText] = useState('');
  const [auditLimit, setAuditLimit] = useState('');
  const [untrusted, setUntrusted] = useState('');
  const [roots, setRoots] = useState('');
  const [cimd, setCimd] = useState('');
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);

  // Re-sync when the worker pushes new values (after a save, an import, or another options tab).
  const key = JSON.stringify(preferences);
  useEffect(() => {
    setTimeoutText(String(preferences.approvalTimeoutSeconds));
    setAuditLimit(String(preferences.auditLimit));
    setUntrusted(String(untrustedWindowMinutes(preferences)));
    setRoots(formatRootsText(preferences.roots));
    setCimd(preferences.oauthClientMetadataUrl ?? '');
  }, [key]);

  const edit = (set: (value: string) => void) => (event: Event) => {
    set((event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);
    setSaved(false);
  };

  const save = (event: Event) => {
    event.preventDefault();
    let checked: Preferences;
    try {
      checked = checkPreferences({
        approvalTimeoutSeconds: toNumber(timeout),
        auditLimit: toNumber(auditLimit),
        untrustedWindowMinutes: toNumber(untrusted),
        roots: parseRootsText(roots),
        ...(cimd.trim() ? { oauthClientMetadataUrl: cimd.trim() } : {}),
      });
    } catch (e) {
      setError((e as Error).message);
      setSaved(false);
      return;
    }
    setError(undefined);
    onSave(checked);
    setSaved(true);
  };

  const { approvalTimeoutSeconds: t, auditLimit: a, untrustedWindowMinutes: u } = LIMITS;
  return (
    <form class="preferences" onSubmit={save} noValidate aria-label="Preferences">
      <label>
        Approval timeout (seconds)
        <input
          type="number"
          min={t.min}
          max={t.max}
          step={1}
          value={timeout}
          onInput={edit(setTimeoutText)}
        />
      </label>
      <label>
        Audit log size (entries)
        <input
          type="number"
          min={a.min}
          max={a.max}
          step={1}
          value={auditLimit}
          onInput={edit(setAuditLimit)}
        />
      </label>
      <label>
        Ask again after untrusted content (minutes)
        <input
          type="number"
          min={u.min}
          max={u.max}
          step={1}
          value={untrusted}
          aria-describedby="untrusted-help"
          onInput={edit(setUntrusted)}
        />
      </label>
      <p id="untrusted-help" class="desc wide">
        After an assistant reads a page or a result that could carry someone else's instructions, every tool
        call of it that may change something asks you first, for this long, even where you chose Always allow.
        Read-only tools still run. 0 turns this off.
      </p>
      <label class="wide">
        Roots
        <textarea
          value={roots}
          placeholder="file:///home/me/project Project"
          aria-describedby="roots-help"
          onInput={edit(setRoots)}
        />
      </label>
      <p id="roots-help" class="desc wide">
        One per line: a file:, https: or http: URI, then an optional name. None by default: a browser has no
        workspace. Servers that ask for roots get this list.
      </p>
      <label class="wide">
        OAuth Client ID Metadata Document URL (optional)
        <input
          type="url"
          value={cimd}
          placeholder="https://example.com/switchboard-client.json"
          onInput={edit(setCimd)}
        />
      </label>
      <p class="desc wide">
        Where your copy of Switchboard's client metadata is hosted (see docs/oauth-client-metadata.md).
        Authorization servers that support it use it instead of registering Switchboard per server.
      </p>
      {error && (
        <p class="error wide" role="alert">
          {error}
        </p>
      )}
      <div class="wide">
        <button class="primary" type="submit">
          Save
        </button>{' '}
        {saved && (
          <span class="state" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
