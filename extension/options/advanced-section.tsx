import browser from 'webextension-polyfill';
import { envelope, type SettingsView } from '../../src/messages/contract';
import { PreferencesForm } from '../../src/ui/preferences-form';
import { SettingsTransfer } from '../../src/ui/settings-transfer';
import type { SendToWorker } from '../shared/use-worker-port';

export const WELCOME_URL = browser.runtime.getURL('extension/welcome/index.html');

/** Expert preferences, settings files, and the way back to the welcome page. */
export function AdvancedSection({
  settings,
  transfer,
  send,
  clearTransfer,
}: {
  settings: SettingsView | undefined;
  transfer: { exported?: string; status?: string; error?: string };
  send: SendToWorker;
  clearTransfer(): void;
}) {
  return (
    <>
      <h3>Preferences</h3>
      {settings ? (
        <PreferencesForm
          preferences={settings.preferences}
          onSave={(preferences) => send(envelope('ui→worker:set-preferences', preferences))}
        />
      ) : (
        <p class="state">Loading…</p>
      )}
      <h3>Export and import</h3>
      <SettingsTransfer
        {...transfer}
        onExport={() => send(envelope('ui→worker:export-settings', {}))}
        onImport={(text) => {
          clearTransfer();
          send(envelope('ui→worker:import-settings', { text }));
        }}
      />
      <h3>Getting started</h3>
      <p class="desc">
        The first-run guide: pinning Switchboard, choosing a model, and connecting a desktop assistant.
      </p>
      <p>
        <a class="button-link" href={WELCOME_URL}>
          Show the welcome page again
        </a>
      </p>
    </>
  );
}
