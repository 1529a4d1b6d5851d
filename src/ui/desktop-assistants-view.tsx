import { useState } from 'preact/hooks';
import type { BridgeStateView, DesktopAssistantView } from '../messages/contract';

export interface DesktopAssistantsViewProps {
  bridge: BridgeStateView | undefined;
  assistants: DesktopAssistantView[];
  onAction(id: string, action: 'disconnect' | 'allow' | 'forget'): void;
}

const INSTALL = 'npm run bridge -- install';
const CONFIG = 'npm run -s bridge -- config';

/** A shell word, quoted only when it needs to be (paths with spaces). */
const shellWord = (word: string) =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

/** A command to copy: selectable text, and a button that puts it on the clipboard. */
function Command({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="command">
      <pre>
        <code>{text}</code>
      </pre>
      <button
        type="button"
        aria-label={`Copy ${label}`}
        onClick={() =>
          void navigator.clipboard.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

function BridgeStatus({ bridge }: { bridge: BridgeStateView | undefined }) {
  if (!bridge) return <p class="state">Loading…</p>;
  if (bridge.state === 'connected')
    return (
      <p class="state ok" role="status">
        Connected: desktop assistants can reach Switchboard.
      </p>
    );
  if (bridge.state === 'not-installed')
    return (
      <p class="state" role="status">
        Not installed: follow the steps below.
      </p>
    );
  return (
    <p class="error" role="alert">
      The bridge is installed but did not start: {bridge.error}
    </p>
  );
}

const DECISION: Record<'allow' | 'deny' | 'pending', string> = {
  allow: 'Allowed',
  deny: 'Denied',
  pending: 'Waiting for your answer',
};

function AssistantRow({
  assistant,
  onAction,
}: {
  assistant: DesktopAssistantView;
  onAction: DesktopAssistantsViewProps['onAction'];
}) {
  const decision = DECISION[assistant.decision ?? 'pending'];
  // Allowed: it can be shut out at once; denied: let back in. Still unanswered: the approval window asks.
  const toggle =
    assistant.decision === 'allow'
      ? {
          action: 'disconnect' as const,
          label: 'Disconnect',
          title: 'Ends its connection now; it sees nothing until you allow it again',
        }
      : assistant.decision === 'deny'
        ? { action: 'allow' as const, label: 'Allow', title: undefined }
        : undefined;
  return (
    <li class="site desktop-assistant">
      <div class="site-head">
        <span class="name">{assistant.name}</span>
        <span class={`tag${assistant.decision === 'deny' ? ' blocked' : ''}`}>{decision}</span>
        {assistant.connected > 0 && <span class="tag">Connected</span>}
      </div>
      <div class="desc">
        Started by <strong>{assistant.program}</strong> · last seen{' '}
        <time dateTime={new Date(assistant.lastSeen).toISOString()}>
          {new Date(assistant.lastSeen).toLocaleString()}
        </time>
      </div>
      <div class="site-actions">
        {toggle && (
          <button
            type="button"
            aria-label={`${toggle.label} ${assistant.name}`}
            {...(toggle.title ? { title: toggle.title } : {})}
            onClick={() => onAction(assistant.id, toggle.action)}
          >
            {toggle.label}
          </button>
        )}
        <button
          type="button"
          aria-label={`Forget ${assistant.name}`}
          title="Forgets your answer: it is asked again next time it connects"
          onClick={() => onAction(assistant.id, 'forget')}
        >
          Forget
        </button>
      </div>
    </li>
  );
}

/**
 * Settings → Desktop assistants: how to set the bridge up, whether it runs, and each assistant that has
 * connected through it, with Disconnect (ends its sessions now) and Forget (asks again next time).
 */
export function DesktopAssistantsView({ bridge, assistants, onAction }: DesktopAssistantsViewProps) {
  const relay = bridge?.state === 'connected' ? bridge.relay : undefined;
  const line = relay ? [relay.command, ...relay.args].map(shellWord).join(' ') : undefined;
  const json = relay
    ? JSON.stringify({ mcpServers: { switchboard: { command: relay.command, args: relay.args } } }, null, 2)
    : undefined;
  return (
    <>
      <p class="desc">
        Claude Desktop, Claude Code, Cursor and VS Code can use what you share here, through a small program
        on this computer. Each one asks you once before it sees anything, then meets the same grants and
        approvals as the built-in assistant.
      </p>
      <BridgeStatus bridge={bridge} />
      <h3>Set up</h3>
      <ol class="steps">
        <li>
          {bridge?.state === 'connected' ? (
            'The bridge is installed and running.'
          ) : (
            <>
              In a terminal, in the Switchboard folder, install the bridge, then restart the browser:
              <Command text={INSTALL} label="the install command" />
            </>
          )}
        </li>
        <li>
          Add Switchboard to your assistant.
          {line && json ? (
            <>
              {' '}
              Claude Code:
              <Command text={`claude mcp add switchboard -- ${line}`} label="the Claude Code command" />
              Claude Desktop, Cursor or VS Code (<code>.mcp.json</code>): add this to its MCP configuration:
              <Command text={json} label="the MCP configuration" />
            </>
          ) : (
            <>
              {' '}
              This prints the configuration to paste into Claude Desktop, Cursor or VS Code:
              <Command text={CONFIG} label="the config command" />
            </>
          )}
        </li>
        <li>Start the assistant. Switchboard asks you whether it may connect.</li>
      </ol>
      <h3>Assistants</h3>
      {assistants.length === 0 ? (
        <p class="empty">No desktop assistant has connected yet.</p>
      ) : (
        <ul class="sites">
          {assistants.map((assistant) => (
            <AssistantRow key={assistant.id} assistant={assistant} onAction={onAction} />
          ))}
        </ul>
      )}
      <p class="desc">
        Any program you run on this computer can reach the bridge, as with every desktop MCP setup: your user
        account is the boundary. That is why each assistant asks first. Deny what you do not recognise.
      </p>
    </>
  );
}
