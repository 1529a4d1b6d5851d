import { useEffect, useState } from 'preact/hooks';
import type { ServerView } from '../messages/contract';

type Tone = 'ok' | 'warn' | 'err' | 'info';

/** A word or two for the pill, and, when something is wrong, the server's own words and the retry. */
function stateView(status: ServerView['status'], now: number): { pill: string; tone: Tone; text?: string } {
  switch (status.state) {
    case 'connected':
      return { pill: 'Connected', tone: 'ok' };
    case 'connecting':
      return { pill: 'Connecting…', tone: 'info' };
    case 'disabled':
      return { pill: 'Off', tone: 'info' };
    case 'error':
    case 'reconnecting': {
      const wait = status.retryAt ? Math.max(0, Math.ceil((status.retryAt - now) / 1000)) : undefined;
      const retry = wait !== undefined ? `Retrying in ${wait} s.` : '';
      return {
        pill: status.state === 'error' ? 'Not connected' : 'Reconnecting',
        tone: status.state === 'error' ? 'err' : 'warn',
        text: [status.error, retry].filter(Boolean).join(' '),
      };
    }
  }
}

export interface ServerCardProps {
  server: ServerView;
  onToggle(patch: { enabled?: boolean; allowAllTools?: boolean; trustedContent?: boolean }): void;
  onEdit(): void;
  onRemove(): void;
  onSignIn(): void;
  onSignOut(): void;
}

/** One remote server: its live state, what it negotiated and brings, and its controls. */
export function ServerCard({ server, onToggle, onEdit, onRemove, onSignIn, onSignOut }: ServerCardProps) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!server.status.retryAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [server.status.retryAt]);
  const { status } = server;
  const id = `server-${server.id}`;
  const view = stateView(status, now);
  return (
    <section class="server" aria-labelledby={`${id}-name`}>
      <header>
        <h3 id={`${id}-name`}>{server.name}</h3>
      </header>
      <div class="server-status" data-state={status.state} role="status">
        <span class={`pill ${view.tone}`}>{view.pill}</span>
        {view.text && <p class={`server-error ${view.tone}`}>{view.text}</p>}
      </div>
      <div class="url">{server.url}</div>
      {status.state === 'connected' && (
        <p class="facts">
          Protocol {status.protocolVersion ?? 'unknown'} over{' '}
          {status.transport === 'sse' ? 'HTTP+SSE (legacy)' : 'Streamable HTTP'}
          {' · '}
          {status.counts.tools} tools, {status.counts.resources} resources, {status.counts.prompts} prompts
          {status.capabilities?.length ? ` · capabilities: ${status.capabilities.join(', ')}` : ''}
        </p>
      )}
      {server.headerNames.length > 0 && <p class="facts">Extra headers: {server.headerNames.join(', ')}</p>}
      <AuthLine status={server.status} onSignIn={onSignIn} onSignOut={onSignOut} />
      <div class="actions">
        <label>
          <input
            type="checkbox"
            role="switch"
            class="switch"
            aria-checked={server.enabled}
            checked={server.enabled}
            onChange={(e) => onToggle({ enabled: e.currentTarget.checked })}
          />{' '}
          Enabled
        </label>
        <label>
          <input
            type="checkbox"
            checked={server.allowAllTools}
            onChange={(e) => onToggle({ allowAllTools: e.currentTarget.checked })}
          />{' '}
          Allow all tools without asking
        </label>
        <label title="Its results and resources do not make an assistant's next calls ask again">
          <input
            type="checkbox"
            checked={server.trustedContent}
            onChange={(e) => onToggle({ trustedContent: e.currentTarget.checked })}
          />{' '}
          Trust what it returns
        </label>
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        <button type="button" onClick={onRemove} aria-label={`Remove ${server.name}`}>
          Remove
        </button>
      </div>
    </section>
  );
}

/** The server's sign-in (MCP authorization): shown once the server has asked for it. */
function AuthLine({
  status,
  onSignIn,
  onSignOut,
}: {
  status: ServerView['status'];
  onSignIn(): void;
  onSignOut(): void;
}) {
  const auth = status.auth;
  if (!auth || auth.state === 'not-needed') return null;
  return (
    <div class="auth">
      {auth.state === 'signed-in' && (
        <p class="facts">
          Signed in{auth.account ? ` as ${auth.account}` : ''}
          {auth.scopes?.length ? ` · scopes: ${auth.scopes.join(' ')}` : ''}
        </p>
      )}
      {auth.state === 'refused' && (
        <p class="error" role="alert">
          {auth.error}
        </p>
      )}
      {auth.state === 'sign-in-again' && (
        <p class="error">{auth.error ?? 'The sign-in expired and could not be renewed.'}</p>
      )}
      {(auth.state === 'signed-out' || auth.state === 'sign-in-again') && (
        <button type="button" class="primary" onClick={onSignIn}>
          {auth.state === 'signed-out' ? 'Sign in' : 'Sign in again'}
        </button>
      )}
      {auth.state === 'signed-in' && (
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      )}
    </div>
  );
}
