import '../../src/shared/zod';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { type ProviderView, providerView } from '../../src/assistant/provider-config';
import type { ProviderSettings } from '../../src/assistant/provider-store';
import { WelcomeView } from '../../src/ui/welcome-view';
import { providers, saveProvider } from '../shared/provider-save';
import { openSettings, settingsUrl } from '../shared/settings-link';

function inUse(settings: ProviderSettings): ProviderView | null {
  const found = settings.providers.find((p) => p.id === settings.defaultId) ?? settings.providers[0];
  return found ? providerView(found) : null;
}

/** This page's window, known before any click: sidePanel.open must run inside the click, with no await. */
let windowId: number | undefined;
void browser.windows.getCurrent().then((w) => {
  windowId = w.id;
});

/**
 * The demo, with the assistant already open beside it when a model is set up: the panel then offers the
 * page's tools itself ("This page offers N tools"), so a first run needs neither the pinned icon nor the
 * popup. Chrome keeps one side panel per window, and it follows the demo tab once that is active.
 */
function openDemo(withAssistant: boolean) {
  if (withAssistant && windowId !== undefined) {
    chrome.sidePanel
      .open({ windowId })
      .catch((e: unknown) => console.warn('Switchboard: could not open the assistant beside the demo', e));
  }
  void browser.tabs.create({ url: __SWITCHBOARD_DEMO_URL__ });
}

function Welcome() {
  const [settings, setSettings] = useState<ProviderSettings>();
  useEffect(() => {
    const load = () => void providers.settings().then(setSettings);
    load();
    // Settings open in another tab may add the model first: this page follows.
    return providers.onChange(load);
  }, []);

  return (
    <WelcomeView
      model={settings ? inUse(settings) : undefined}
      onSetupModel={async (input) => {
        await saveProvider(input, true, settings);
      }}
      settingsUrl={settingsUrl}
      openSettings={(section) => void openSettings(section)}
      demoUrl={__SWITCHBOARD_DEMO_URL__}
      openDemo={() => openDemo(Boolean(settings && inUse(settings)))}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<Welcome />, root);
