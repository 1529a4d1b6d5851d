import '../../src/shared/zod';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { type Envelope, envelope, PORT_NAMES, type TabStateView } from '../../src/messages/contract';
import { TabGrantsView } from '../../src/ui/tab-grants-view';

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
  const port = useRef<browser.Runtime.Port>();
  // Bumped when the worker drops the port (Chrome restarts it at will), so the popup never goes stale.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const p = browser.runtime.connect({ name: PORT_NAMES.ui });
    p.onMessage.addListener((raw: unknown) => {
      const message = raw as Envelope<'worker→ui:tab-state' | 'worker→ui:error'>;
      if (message.type === 'worker→ui:tab-state') {
        setState(message.payload);
        setError(undefined);
      } else if (message.type === 'worker→ui:error') setError(message.payload.message);
    });
    p.onDisconnect.addListener(() => {
      port.current = undefined;
      setGeneration((g) => g + 1);
    });
    port.current = p;
    void targetTabId().then((tabId) => {
      if (tabId === undefined) setError('No active tab.');
      else p.postMessage(envelope('ui→worker:watch-tab', { tabId }));
    });
    return () => p.disconnect();
  }, [generation]);

  return (
    <TabGrantsView
      state={state}
      error={error}
      onGrant={(origin, target, granted) =>
        port.current?.postMessage(envelope('ui→worker:set-grant', { origin, target, granted }))
      }
    />
  );
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);
