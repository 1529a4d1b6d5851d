import { useState } from 'preact/hooks';
import { PROVIDER_PRESETS, type ProviderPreset } from '../assistant/provider-config';
import type { ProviderConfig } from '../messages/chat-types';

export interface QuickModelSetupProps {
  /** Resolves when saved; rejects with a message to show. Called inside the click (Chrome then asks). */
  onSubmit(input: Partial<ProviderConfig>): Promise<void>;
}

const shortName = (preset: ProviderPreset) => preset.label.replace(/ \(.*\)$/, '');

/**
 * The welcome page's model picker: one click on a provider, a key if it needs one, then save. It makes
 * the same ProviderConfig as Settings' full form (which has every field), and the caller saves it the same way.
 */
export function QuickModelSetup({ onSubmit }: QuickModelSetupProps) {
  const [preset, setPreset] = useState<ProviderPreset>();
  const [apiKey, setApiKey] = useState('');
  const [model, setModel] = useState('');
  const [baseURL, setBaseURL] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const choose = (p: ProviderPreset) => {
    setPreset(p);
    setModel(p.model);
    setBaseURL(p.baseURL);
    setApiKey('');
    setError(undefined);
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (!preset) return;
    setBusy(true);
    onSubmit({
      kind: preset.kind,
      name: shortName(preset),
      baseURL: baseURL.trim(),
      model: model.trim(),
      contextTokens: preset.contextTokens,
      supportsTools: true,
      apiKey,
    })
      .then(() => setError(undefined))
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };

  return (
    <div class="quick-model">
      <fieldset class="presets">
        <legend>Where does your model run?</legend>
        {PROVIDER_PRESETS.map((p) => (
          <button
            key={p.label}
            type="button"
            class="preset"
            aria-pressed={preset?.label === p.label}
            onClick={() => choose(p)}
          >
            <strong>{shortName(p)}</strong>
            <span>{p.needsKey ? 'Needs an API key' : 'On this computer, free'}</span>
          </button>
        ))}
      </fieldset>
      {preset && (
        <form class="quick-form" onSubmit={submit} aria-label={`Set up ${shortName(preset)}`}>
          {preset.needsKey && (
            <label>
              {shortName(preset)} API key
              <input
                type="password"
                autoComplete="off"
                required
                value={apiKey}
                onInput={(e) => setApiKey(e.currentTarget.value)}
              />
            </label>
          )}
          <label>
            Model
            <input type="text" required value={model} onInput={(e) => setModel(e.currentTarget.value)} />
          </label>
          <details>
            <summary>Address</summary>
            <label>
              Base URL
              <input type="url" required value={baseURL} onInput={(e) => setBaseURL(e.currentTarget.value)} />
            </label>
          </details>
          <p class="desc">
            {preset.needsKey
              ? 'The key stays in this browser and is sent only to this provider. '
              : `Start ${shortName(preset)} first, with the model downloaded. `}
            Chrome will ask you once to let Switchboard reach it.
          </p>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="primary large" disabled={busy}>
            {busy ? 'Saving…' : `Use ${shortName(preset)}`}
          </button>
        </form>
      )}
    </div>
  );
}
