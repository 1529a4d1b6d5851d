import '../../src/shared/zod';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
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
import { SETTINGS_SECTIONS, SettingsNav } from '../../src/ui/settings-sections';
import { SitesView } from '../../src/ui/sites-view';
import { useWorkerPort } from '../shared/use-worker-port';
import { AdvancedSection, WELCOME_URL } from './advanced-section';
import { ProvidersSection } from './providers-section';
import { ServersSection } from './servers-section';
import { useHashSection } from './use-hash-section';

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

  const section = useHashSection();
  const title = SETTINGS_SECTIONS.find((s) => s.id === section)?.title;
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  // After a menu click (not on load), focus follows to the section, as it would on a new page.
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
    document.title = `${title} · Switchboard settings`;
  }, [section]);

  return (
    <div class="settings-layout">
      <header class="settings-head">
        <h1>Switchboard settings</h1>
        <a class="getting-started" href={WELCOME_URL}>
          Getting started
        </a>
      </header>
      <SettingsNav active={section} />
      <section class="settings-section" id={section} aria-labelledby="section-h">
        <h2 id="section-h" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {section === 'models' && <ProvidersSection />}
        {section === 'servers' && <ServersSection servers={servers} send={send} setError={setError} />}
        {section === 'assistants' && (
          <DesktopAssistantsView
            bridge={desktop.bridge}
            assistants={desktop.assistants}
            onAction={(id, action) => send(envelope('ui→worker:desktop-assistant', { id, action }))}
          />
        )}
        {section === 'sites' &&
          (settings ? (
            <SitesView
              sites={settings.sites}
              acting={settings.acting}
              onAction={(origin, action) => send(envelope('ui→worker:site', { origin, action }))}
              onStopActions={(origin) =>
                send(envelope('ui→worker:set-grant', { origin, target: { kind: 'actions' }, granted: false }))
              }
              browserTabs={settings.browserTabs}
              onBrowserTabs={(enabled) => send(envelope('ui→worker:set-browser-tabs', { enabled }))}
            />
          ) : (
            <p class="state">Loading…</p>
          ))}
        {section === 'approvals' && (
          <>
            <p class="desc">
              A granted site tool marked read-only runs without asking. One marked consequential (or a server
              tool marked destructive) asks every time unless you chose Always allow. Other tools ask on first
              use. How long a request waits for you is under <a href="#advanced">Advanced</a>.
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
          </>
        )}
        {section === 'activity' &&
          (audit ? (
            <AuditView
              entries={audit.entries}
              limit={audit.limit}
              onRefresh={() => send(envelope('ui→worker:read-audit', {}))}
            />
          ) : (
            <p class="state">Loading…</p>
          ))}
        {section === 'advanced' && (
          <AdvancedSection
            settings={settings}
            transfer={transfer}
            send={send}
            clearTransfer={() => setTransfer({})}
          />
        )}
      </section>
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<Options />, root);
