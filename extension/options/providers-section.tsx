import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { checkProviderConfig, type ProviderView, providerView } from '../../src/assistant/provider-config';
import type { ProviderSettings } from '../../src/assistant/provider-store';
import type { ProviderConfig } from '../../src/messages/chat-types';
import { originPattern } from '../../src/shared/server-url';
import { ProviderForm } from '../../src/ui/provider-form';
import { providerStore } from '../shared/secrets';

const store = providerStore();

/** The assistant's models, saved by this page: keys among the secrets, which this page never reads back. */
export function ProvidersSection() {
  const [settings, setSettings] = useState<ProviderSettings>();
  const [editing, setEditing] = useState<ProviderView>();

  useEffect(() => {
    const load = () => void store.settings().then(setSettings);
    load();
    return store.onChange(load);
  }, []);

  const save = async (input: Partial<ProviderConfig>, makeDefault: boolean) => {
    // The saved key is not read here: an empty key field keeps it (the store fills nothing in).
    const stored = settings?.providers.find((p) => p.id === input.id);
    const config = checkProviderConfig(
      { ...input, ...(input.apiKey === undefined && stored?.hasKey ? { hasKey: true } : {}) },
      () => crypto.randomUUID(),
    );
    // Inside the click: Chrome asks once for access to the provider's address.
    const granted = await browser.permissions.request({ origins: [originPattern(config.baseURL)] });
    if (!granted)
      throw new Error(`Switchboard needs your permission to reach ${new URL(config.baseURL).host}.`);
    await store.save(config, makeDefault);
    setEditing(undefined);
  };

  const providers = settings?.providers ?? [];
  return (
    <>
      <ProviderForm editing={editing} onSubmit={save} onCancel={() => setEditing(undefined)} />
      {providers.length === 0 ? (
        <p class="empty">No model yet. The assistant and servers' sampling requests need one.</p>
      ) : (
        <ul class="providers" aria-label="Models">
          {providers.map((p) => {
            const isDefault = (settings?.defaultId ?? providers[0]?.id) === p.id;
            return (
              <li key={p.id} class="server">
                <header>
                  <h3>{p.name}</h3>
                  {isDefault && <span class="tag">in use</span>}
                </header>
                <p class="facts">
                  {p.model} · {p.baseURL} · {p.contextTokens.toLocaleString()} tokens
                  {p.hasKey ? ' · key saved' : ''}
                  {p.supportsTools ? '' : ' · no tools'}
                </p>
                <div class="actions">
                  {!isDefault && (
                    <button type="button" onClick={() => void store.save(p, true)}>
                      Use this model
                    </button>
                  )}
                  <button type="button" onClick={() => setEditing(providerView(p))}>
                    Edit
                  </button>
                  <button
                    type="button"
                    aria-label={`Remove ${p.name}`}
                    onClick={() => void store.remove(p.id)}
                  >
                    Remove
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
