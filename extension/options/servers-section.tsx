import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { envelope, type ServerInput, type ServerView } from '../../src/messages/contract';
import { type ImportResult, parseMcpServersJson } from '../../src/remote/import-config';
import { originPattern } from '../../src/shared/server-url';
import { ServerCard } from '../../src/ui/server-card';
import { ServerForm } from '../../src/ui/server-form';
import type { SendToWorker } from '../shared/use-worker-port';
import { useRevealForm } from './use-reveal-form';

/** Asks for host access to these servers. Must be called synchronously inside the user's click. */
async function requestAccess(urls: string[]): Promise<void> {
  const origins = [...new Set(urls.map(originPattern))];
  const granted = await browser.permissions.request({ origins });
  if (!granted) throw new Error(`Switchboard needs your permission to connect to ${origins.join(', ')}.`);
}

export function ServersSection({
  servers,
  send,
  setError,
}: {
  servers: ServerView[] | undefined;
  send: SendToWorker;
  setError(message: string | undefined): void;
}) {
  const [editing, setEditing] = useState<ServerView>();
  const [importText, setImportText] = useState('');
  const [imported, setImported] = useState<ImportResult>();

  useRevealForm(editing, 'form.add');

  const save = (input: ServerInput) =>
    requestAccess([input.url]).then(() => {
      setError(undefined);
      send(envelope('ui→worker:save-server', input));
      setEditing(undefined);
    });
  const update = (server: ServerView, patch: Partial<ServerInput>) =>
    send(
      envelope('ui→worker:save-server', {
        id: server.id,
        name: server.name,
        url: server.url,
        enabled: server.enabled,
        allowAllTools: server.allowAllTools,
        trustedContent: server.trustedContent,
        ...patch,
      }),
    );

  const runImport = () => {
    setImported(undefined);
    let result: ImportResult;
    try {
      result = parseMcpServersJson(importText);
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    const access = result.remote.length ? requestAccess(result.remote.map((r) => r.url)) : Promise.resolve();
    access
      .then(() => {
        setError(undefined);
        // Imported servers ask before each tool's first use, like servers added by hand.
        for (const server of result.remote) {
          send(envelope('ui→worker:save-server', { ...server, enabled: true, allowAllTools: false }));
        }
        setImported(result);
      })
      .catch((e: Error) => setError(e.message));
  };

  return (
    <>
      {servers === undefined ? (
        <p class="state">Loading…</p>
      ) : servers.length === 0 ? (
        <p class="empty">No servers yet. Add one with its URL below, or import them from another app.</p>
      ) : (
        servers.map((server) => (
          <ServerCard
            key={server.id}
            server={server}
            onToggle={(patch) => update(server, patch)}
            onEdit={() => setEditing(server)}
            onRemove={() => send(envelope('ui→worker:remove-server', { id: server.id }))}
            onSignIn={() => send(envelope('ui→worker:sign-in', { id: server.id }))}
            onSignOut={() => send(envelope('ui→worker:sign-out', { id: server.id }))}
          />
        ))
      )}
      <h3>{editing ? `Edit ${editing.name}` : 'Add a server'}</h3>
      <ServerForm editing={editing} onSubmit={save} onCancel={() => setEditing(undefined)} />
      <details class="import">
        <summary>Import servers from another app</summary>
        <label class="import-servers">
          <span class="desc">
            Paste an <code>mcpServers</code> config (Claude Desktop, Cursor) or VS Code's <code>servers</code>
            .
          </span>
          <textarea
            aria-label="mcpServers JSON"
            value={importText}
            onInput={(e) => setImportText(e.currentTarget.value)}
          />
        </label>
        <p>
          <button type="button" onClick={runImport}>
            Import
          </button>
        </p>
        {imported && (
          <div role="status">
            <p>
              Added {imported.remote.length} server{imported.remote.length === 1 ? '' : 's'}
              {imported.remote.length ? `: ${imported.remote.map((r) => r.name).join(', ')}` : ''}.
            </p>
            {imported.skipped.length > 0 && (
              <ul class="skipped" aria-label="Not imported">
                {imported.skipped.map((s) => (
                  <li key={s.name}>
                    <strong>{s.name}</strong>: not runnable in a browser or not valid — {s.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </details>
    </>
  );
}
