import { useEffect, useState } from 'preact/hooks';
import type { ServerInput, ServerView } from '../messages/contract';
import { checkHeaders, checkServerUrl } from '../shared/server-url';

/** "Name: value" per line → headers; blank lines ignored. */
export function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon <= 0)
      throw new Error(`Header lines look like "Authorization: Bearer …"; "${line.trim()}" has no name.`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return checkHeaders(headers);
}

export interface ServerFormProps {
  editing: ServerView | undefined;
  /** Must run its permission request synchronously in the click: Chrome needs the user gesture. */
  onSubmit(input: ServerInput): Promise<void>;
  onCancel(): void;
}

export function ServerForm({ editing, onSubmit, onCancel }: ServerFormProps) {
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [headers, setHeaders] = useState('');
  const [allowAll, setAllowAll] = useState(false);
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setUrl(editing?.url ?? '');
    setName(editing?.name ?? '');
    setHeaders('');
    setAllowAll(editing?.allowAllTools ?? false);
    setClientId(editing?.oauthClientId ?? '');
    setClientSecret('');
    setError(undefined);
  }, [editing?.id]);

  const submit = (event: Event) => {
    event.preventDefault();
    setError(undefined);
    let input: ServerInput;
    try {
      const parsed = headers.trim() ? parseHeaderLines(headers) : undefined;
      input = {
        ...(editing ? { id: editing.id } : {}),
        url: checkServerUrl(url),
        name: name.trim() || new URL(url).host,
        ...(parsed || !editing ? { headers: parsed ?? {} } : {}),
        enabled: editing?.enabled ?? true,
        allowAllTools: allowAll,
        oauth: {
          clientId: clientId.trim(),
          ...(clientSecret.trim() ? { clientSecret: clientSecret.trim() } : {}),
        },
      };
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    setBusy(true);
    onSubmit(input)
      .then(() => {
        if (!editing) {
          setUrl('');
          setName('');
          setHeaders('');
          setClientId('');
          setClientSecret('');
        }
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };

  return (
    <form class="add" onSubmit={submit} aria-label={editing ? `Edit ${editing.name}` : 'Add a server'}>
      <label class="wide">
        Server URL
        <input
          type="text"
          inputMode="url"
          required
          value={url}
          placeholder="https://example.com/mcp"
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <label>
        Name
        <input
          type="text"
          value={name}
          placeholder="My server"
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label>
        Extra request headers (optional)
        <textarea
          value={headers}
          placeholder={
            editing?.headerNames.length
              ? `Leave empty to keep ${editing.headerNames.join(', ')}`
              : 'Authorization: Bearer …'
          }
          onInput={(e) => setHeaders(e.currentTarget.value)}
        />
      </label>
      <details class="wide">
        <summary>Sign-in (OAuth) client, if the server's owner gave you one</summary>
        <p class="desc">
          Most servers need nothing here: Switchboard registers itself when you sign in. Enter a client ID
          only if the server asks for pre-registered clients.
        </p>
        <label>
          OAuth client ID
          <input type="text" value={clientId} onInput={(e) => setClientId(e.currentTarget.value)} />
        </label>
        <label>
          OAuth client secret
          <input
            type="password"
            autoComplete="off"
            value={clientSecret}
            placeholder={editing?.oauthClientId ? 'Leave empty to keep the saved one' : 'Optional'}
            onInput={(e) => setClientSecret(e.currentTarget.value)}
          />
        </label>
      </details>
      <label class="wide">
        <span>
          <input type="checkbox" checked={allowAll} onChange={(e) => setAllowAll(e.currentTarget.checked)} />{' '}
          Allow all tools without asking
        </span>
      </label>
      {error && (
        <p class="error wide" role="alert">
          {error}
        </p>
      )}
      <div class="wide">
        <button class="primary" type="submit" disabled={busy}>
          {editing ? 'Save server' : 'Add server'}
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
