import { useEffect, useState } from 'preact/hooks';
import { type ProviderView, providerView } from '../../src/assistant/provider-config';
import type { ProviderSettings } from '../../src/assistant/provider-store';
import type { ProviderConfig } from '../../src/messages/chat-types';
import { ProviderForm } from '../../src/ui/provider-form';
import { saveProvider, providers as store } from '../shared/provider-save';
import { useRevealForm } from './use-reveal-form';

/** The assistant's models, saved by this page: keys among the secrets, which this page never reads back. */
export function ProvidersSection() {
  const [settings, setSettings] = useState<ProviderSettings>();
  const [editing, setEditing] = useState<ProviderView>();

  useEffect(() => {
    const load = () => void store.settings().then(setSettings);
    load();
    return store.onChange(load);
  }, []);

  useRevealForm(editing, 'form.provider-form');

  const save = async (input: Partial<ProviderConfig>, makeDefault: boolean) => {
    await saveProvider(input, makeDefault, settings);
    setEditing(undefined);
  };

  const providers = settings?.providers ?? [];
  return (
    <>
      {settings === undefined ? (
        <p class="state">Loading…</p>
      ) : providers.length === 0 ? (
        <p class="empty">
          No model yet. The built-in assistant, and servers that ask for a model, need one: add it below.
        </p>
      ) : (
        <ul class="providers" aria-label="Models">
          {providers.map((p) => {
            const isDefault = (settings?.defaultId ?? providers[0]?.id) === p.id;
            return (
              <li key={p.id} class="server">
                <header>
                  <h3>{p.name}</h3>
                  {isDefault && <span class="pill ok">In use</span>}
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
      <h3>{editing ? `Edit ${editing.name}` : 'Add a model'}</h3>
      <ProviderForm editing={editing} onSubmit={save} onCancel={() => setEditing(undefined)} />
    </>
  );
}
