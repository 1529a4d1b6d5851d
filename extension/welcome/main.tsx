import '../../src/shared/zod';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { type ProviderView, providerView } from '../../src/assistant/provider-config';
import type { ProviderSettings } from '../../src/assistant/provider-store';
import type { SettingsSection } from '../../src/ui/settings-sections';
import { WelcomeView } from '../../src/ui/welcome-view';
import { providers, saveProvider } from '../shared/provider-save';

const settingsUrl = (section: SettingsSection) =>
  browser.runtime.getURL(`extension/options/index.html#${section}`);

function inUse(settings: ProviderSettings): ProviderView | null {
  const found = settings.providers.find((p) => p.id === settings.defaultId) ?? settings.providers[0];
  return found ? providerView(found) : null;
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
      openSettings={(section) => void browser.tabs.create({ url: settingsUrl(section) })}
      demoUrl={__SWITCHBOARD_DEMO_URL__}
      openDemo={() => void browser.tabs.create({ url: __SWITCHBOARD_DEMO_URL__ })}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<Welcome />, root);
