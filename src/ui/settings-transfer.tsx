import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_SETTINGS_TEXT } from '../settings/settings-file';

export interface SettingsTransferProps {
  onExport(): void;
  onImport(text: string): void;
  /** The exported JSON; each new string that arrives is downloaded once. */
  exported?: string;
  status?: string;
  error?: string;
}

function fileName(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  // The user's local date: the one they expect to see in the file name.
  return `switchboard-settings-${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}.json`;
}

function download(json: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName(new Date());
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking in the same task can cancel the download before Chrome has started reading the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export all settings to a file, or replace them with a file's. The worker checks the file before applying it. */
export function SettingsTransfer({ onExport, onImport, exported, status, error }: SettingsTransferProps) {
  // Starts at the value present on mount, so re-opening the page does not download an old export again.
  const downloaded = useRef(exported);
  const [readError, setReadError] = useState<string>();

  useEffect(() => {
    if (exported === undefined || exported === downloaded.current) return;
    downloaded.current = exported;
    download(exported);
  }, [exported]);

  const choose = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) fires another change.
    input.value = '';
    setReadError(undefined);
    if (!file) return;
    if (file.size > MAX_SETTINGS_TEXT) {
      setReadError(`"${file.name}" is too large to be Switchboard settings.`);
      return;
    }
    file.text().then(onImport, (e: Error) => setReadError(`Could not read "${file.name}": ${e.message}`));
  };

  const shownError = readError ?? error;
  return (
    <div class="transfer">
      <p class="desc">
        Importing replaces your grants, approvals, servers and preferences. Header values (they may be API
        keys) are never exported; re-enter them after import.
      </p>
      <div class="transfer-actions">
        <button type="button" onClick={onExport}>
          Export settings
        </button>
        <label class="file">
          Import settings…
          <input type="file" accept="application/json,.json" onChange={choose} />
        </label>
      </div>
      {status && !shownError && (
        <p class="state" role="status">
          {status}
        </p>
      )}
      {shownError && (
        <p class="error" role="alert">
          {shownError}
        </p>
      )}
    </div>
  );
}
