import '../../src/shared/zod';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { type ApprovalView, envelope, type TabStateView } from '../../src/messages/contract';
import { PendingApprovals } from '../../src/ui/pending-approvals';
import type { SettingsSection } from '../../src/ui/settings-sections';
import { TabGrantsView } from '../../src/ui/tab-grants-view';
import { openSettings } from '../shared/settings-link';
import { tabGrantActions } from '../shared/tab-grant-actions';
import { useWorkerPort } from '../shared/use-worker-port';

/** `?tab=<id>` when opened as a page (tests, its own window); otherwise the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

function Popup() {
  const [state, setState] = useState<TabStateView>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<ApprovalView[]>([]);
  const send = useWorkerPort(
    (message) => {
      if (message.type === 'worker→ui:tab-state') {
        setState(message.payload);
        setError(undefined);
      } else if (message.type === 'worker→ui:approvals') setPending(message.payload.pending);
      else if (message.type === 'worker→ui:error') setError(message.payload.message);
    },
    (post) => {
      post(envelope('ui→worker:watch-approvals', {}));
      void targetTabId().then((tabId) => {
        if (tabId === undefined) setError('No active tab.');
        else post(envelope('ui→worker:watch-tab', { tabId }));
      });
    },
  );

  // Synchronously inside the click: sidePanel.open needs the user's gesture.
  const openAssistant = () => {
    const opening = state?.tabId ? chrome.sidePanel.open({ tabId: state.tabId }) : undefined;
    opening
      ?.then(() => window.close())
      .catch((e: unknown) => setError(`Could not open the assistant: ${String(e)}`));
  };

  const settings = (section?: SettingsSection) =>
    void openSettings(section).catch((e: unknown) => setError(`Could not open Settings: ${String(e)}`));

  return (
    <>
      <nav class="popup-bar" aria-label="Switchboard">
        <span class="brand">
          <img src="/icons/icon-16.png" alt="" width={16} height={16} />
          Switchboard
        </span>
        <button type="button" class="small" onClick={() => settings()}>
          Settings
        </button>
      </nav>
      <PendingApprovals pending={pending} onReview={() => send(envelope('ui→worker:open-approvals', {}))} />
      <TabGrantsView state={state} error={error} {...tabGrantActions(send, state)} onSettings={settings} />
      <footer class="popup-footer">
        <button type="button" class="primary large" onClick={openAssistant} title="Ctrl+Shift+Y">
          Open assistant
        </button>
      </footer>
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);
