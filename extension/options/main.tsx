import '../../src/shared/zod';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import type { AuditEntry } from '../../src/messages/audit-entry';
import {
  type BridgeStateView,
  type DesktopAssistantView,
  envelope,
  type ServerView,
  type SettingsView,
} from '../../src/messages/contract';
import { ApprovalsList } from '../../src/ui/approvals-list';
import { AuditView } from '../../src/ui/audit-view';
import { DesktopAssistantsView } from '../../src/ui/desktop-assistants-view';
import { PreferencesForm } from '../../src/ui/preferences-form';
import { SettingsTransfer } from '../../src/ui/settings-transfer';
import { SitesView } from '../../src/ui/sites-view';
import { useWorkerPort } from '../shared/use-worker-port';
import { ProvidersSection } from './providers-section';
import { ServersSection } from './servers-section';

function Options() {
  const [servers, setServers] = useState<ServerView[]>();
  const [settings, setSettings] = useState<SettingsView>();
  const [audit, setAudit] = useState<{ entries: AuditEntry[]; limit: number }>();
  const [error, setError] = useState<string>();
  const [desktop, setDesktop] = useState<{ bridge?: BridgeStateView; assistants: DesktopAssistantView[] }>({
    assistants: [],
  });
  const [transfer, setTransfer] = useState<{ exported?: string; status?: string; error?: string }>({});

  const send = useWorkerPort(
    (message) => {
      switch (message.type) {
        case 'worker→ui:servers':
          return setServers(message.payload.servers);
        case 'worker→ui:settings':
          setSettings(message.payload);
          // Anything that changes settings is in the log too: keep the Activity section current.
          return send(envelope('ui→worker:read-audit', {}));
        case 'worker→ui:desktop':
          return setDesktop(message.payload);
        case 'worker→ui:audit':
          return setAudit(message.payload);
        case 'worker→ui:settings-export':
          return setTransfer({ exported: message.payload.json, status: 'Settings exported.' });
        case 'worker→ui:settings-imported':
          return setTransfer({ status: message.payload.summary });
        case 'worker→ui:error':
          if (message.payload.message.startsWith('This settings file')) {
            return setTransfer({ error: message.payload.message });
          }
          return setError(message.payload.message);
      }
    },
    (post) => {
      post(envelope('ui→worker:watch-servers', {}));
      post(envelope('ui→worker:watch-settings', {}));
      post(envelope('ui→worker:watch-desktop', {}));
    },
  );

  return (
    <>
      <h1>Switchboard settings</h1>
      <nav aria-label="Sections">
        <a href="#servers">MCP servers</a> · <a href="#models">Assistant models</a> ·{' '}
        <a href="#desktop">Desktop assistants</a> · <a href="#sites">Sites</a> ·{' '}
        <a href="#approvals">Approvals</a> · <a href="#preferences">Preferences</a> ·{' '}
        <a href="#activity">Activity</a> · <a href="#transfer">Export and import</a>
      </nav>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <section id="servers" aria-labelledby="servers-h">
        <h2 id="servers-h">MCP servers</h2>
        <ServersSection servers={servers} send={send} setError={setError} />
      </section>
      <section id="models" aria-labelledby="models-h">
        <h2 id="models-h">Assistant models</h2>
        <ProvidersSection />
      </section>
      <section id="desktop" aria-labelledby="desktop-h">
        <h2 id="desktop-h">Desktop assistants</h2>
        <DesktopAssistantsView
          bridge={desktop.bridge}
          assistants={desktop.assistants}
          onAction={(id, action) => send(envelope('ui→worker:desktop-assistant', { id, action }))}
        />
      </section>
      <section id="sites" aria-labelledby="sites-h">
        <h2 id="sites-h">Sites</h2>
        {settings ? (
          <SitesView
            sites={settings.sites}
            onAction={(origin, action) => send(envelope('ui→worker:site', { origin, action }))}
          />
        ) : (
          <p class="state">Loading…</p>
        )}
      </section>
      <section id="approvals" aria-labelledby="approvals-h">
        <h2 id="approvals-h">Approvals</h2>
        <p class="desc">
          A granted site tool marked read-only runs without asking. One marked consequential (or a server tool
          marked destructive) asks every time unless you chose Always allow. Other tools ask on first use.
        </p>
        {settings && (
          <ApprovalsList
            approvals={settings.approvals}
            onForget={(a) =>
              send(
                envelope('ui→worker:forget-approval', {
                  assistant: a.assistant,
                  source: a.source,
                  tool: a.tool,
                }),
              )
            }
          />
        )}
      </section>
      <section id="preferences" aria-labelledby="preferences-h">
        <h2 id="preferences-h">Preferences</h2>
        {settings && (
          <PreferencesForm
            preferences={settings.preferences}
            onSave={(preferences) => send(envelope('ui→worker:set-preferences', preferences))}
          />
        )}
      </section>
      {/* AuditView brings its own "Activity" heading. */}
      <section id="activity" aria-label="Activity">
        {audit ? (
          <AuditView
            entries={audit.entries}
            limit={audit.limit}
            onRefresh={() => send(envelope('ui→worker:read-audit', {}))}
          />
        ) : (
          <p class="state">Loading…</p>
        )}
      </section>
      <section id="transfer" aria-labelledby="transfer-h">
        <h2 id="transfer-h">Export and import</h2>
        <SettingsTransfer
          {...transfer}
          onExport={() => send(envelope('ui→worker:export-settings', {}))}
          onImport={(text) => {
            setTransfer({});
            send(envelope('ui→worker:import-settings', { text }));
          }}
        />
      </section>
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<Options />, root);
