import { useEffect, useState } from 'preact/hooks';
import { PROVIDER_PRESETS, type ProviderView } from '../assistant/provider-config';
import type { ProviderConfig, ProviderKind } from '../messages/chat-types';

export interface ProviderFormProps {
  editing: ProviderView | undefined;
  /** Resolves when saved; rejects with a message to show. */
  onSubmit(input: Partial<ProviderConfig>, makeDefault: boolean): Promise<void>;
  onCancel(): void;
}

const EMPTY = {
  kind: 'openai-compatible' as ProviderKind,
  name: '',
  baseURL: '',
  model: '',
  contextTokens: '8192',
};

/** Adds or edits a model provider. The key field is never filled with the stored key. */
export function ProviderForm({ editing, onSubmit, onCancel }: ProviderFormProps) {
  const [fields, setFields] = useState(EMPTY);
  const [apiKey, setApiKey] = useState('');
  const [supportsTools, setSupportsTools] = useState(true);
  const [makeDefault, setMakeDefault] = useState(true);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setFields(
      editing
        ? {
            kind: editing.kind,
            name: editing.name,
            baseURL: editing.baseURL,
            model: editing.model,
            contextTokens: String(editing.contextTokens),
          }
        : EMPTY,
    );
    setSupportsTools(editing?.supportsTools ?? true);
    setApiKey('');
    setError(undefined);
  }, [editing]);

  const set = (key: keyof typeof EMPTY) => (e: Event) =>
    setFields((f) => ({ ...f, [key]: (e.currentTarget as HTMLInputElement).value }));

  const applyPreset = (label: string) => {
    const preset = PROVIDER_PRESETS.find((p) => p.label === label);
    if (!preset) return;
    setFields({
      kind: preset.kind,
      name: preset.label.replace(/ \(.*\)$/, ''),
      baseURL: preset.baseURL,
      model: preset.model,
      contextTokens: String(preset.contextTokens),
    });
  };

  const submit = (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const keep = editing?.hasKey && !apiKey;
    onSubmit(
      {
        ...(editing ? { id: editing.id } : {}),
        kind: fields.kind,
        name: fields.name,
        baseURL: fields.baseURL,
        model: fields.model,
        contextTokens: Number(fields.contextTokens),
        supportsTools,
        // Empty while editing means "keep the saved key"; the caller fills it in.
        ...(apiKey ? { apiKey } : keep ? {} : { apiKey: '' }),
      },
      makeDefault,
    )
      .then(() => {
        setError(undefined);
        // Added: the form is ready for another, rather than showing the one just saved (now in the list).
        if (!editing) {
          setFields(EMPTY);
          setApiKey('');
        }
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };

  return (
    <form
      class="add provider-form"
      onSubmit={submit}
      aria-label={editing ? `Edit ${editing.name}` : 'Add a model'}
    >
      {!editing && (
        <label class="wide">
          Start from
          <select onChange={(e) => applyPreset(e.currentTarget.value)} value="">
            <option value="">Choose a provider…</option>
            {PROVIDER_PRESETS.map((p) => (
              <option key={p.label} value={p.label}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Kind
        <select value={fields.kind} onChange={set('kind')}>
          <option value="openai-compatible">OpenAI-compatible</option>
          <option value="anthropic">Anthropic</option>
        </select>
      </label>
      <label>
        Provider name
        <input type="text" value={fields.name} onInput={set('name')} placeholder="Ollama" />
      </label>
      <label>
        Base URL
        <input
          type="url"
          value={fields.baseURL}
          onInput={set('baseURL')}
          placeholder="http://localhost:11434/v1"
        />
      </label>
      <label>
        Model
        <input type="text" value={fields.model} onInput={set('model')} placeholder="llama3.1" />
      </label>
      <label>
        API key
        <input
          type="password"
          autoComplete="off"
          value={apiKey}
          onInput={(e) => setApiKey(e.currentTarget.value)}
          placeholder={editing?.hasKey ? 'Saved — leave empty to keep it' : 'Not needed for local models'}
        />
      </label>
      <label>
        Context window (tokens)
        <input
          type="number"
          min={1024}
          step={1}
          value={fields.contextTokens}
          onInput={set('contextTokens')}
        />
      </label>
      <label class="wide">
        <span>
          <input
            type="checkbox"
            checked={supportsTools}
            onChange={(e) => setSupportsTools(e.currentTarget.checked)}
          />{' '}
          The model can call tools
        </span>
      </label>
      <label class="wide">
        <span>
          <input
            type="checkbox"
            checked={makeDefault}
            onChange={(e) => setMakeDefault(e.currentTarget.checked)}
          />{' '}
          Use this model for the assistant and for servers' sampling requests
        </span>
      </label>
      {error && (
        <p class="error wide" role="alert">
          {error}
        </p>
      )}
      <p class="wide desc">
        The key is kept in this browser's extension storage and sent only to this base URL, never to a page or
        an MCP server.
      </p>
      <div class="wide">
        <button type="submit" class="primary" disabled={busy}>
          {editing ? 'Save model' : 'Add model'}
        </button>{' '}
        {editing && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
