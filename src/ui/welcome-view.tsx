import type { ProviderView } from '../assistant/provider-config';
import type { ProviderConfig } from '../messages/chat-types';
import { QuickModelSetup } from './quick-model-setup';
import type { SettingsSection } from './settings-sections';

export interface WelcomeViewProps {
  /** The model in use; undefined until loaded, null when there is none. */
  model: ProviderView | null | undefined;
  onSetupModel(input: Partial<ProviderConfig>): Promise<void>;
  /** A real address for each link (middle-click, copy), and the click that opens it in a new tab. */
  settingsUrl(section: SettingsSection): string;
  openSettings(section: SettingsSection): void;
  /** The demo site's address; empty in a store build, which has no demo to open. */
  demoUrl: string;
  openDemo(): void;
}

const open = (fn: () => void) => (event: MouseEvent) => {
  event.preventDefault();
  fn();
};

/** The first-run page: pin the icon, pick an assistant (a model, right here), then try it. */
export function WelcomeView(props: WelcomeViewProps) {
  const { model, settingsUrl, openSettings } = props;
  return (
    <>
      <header class="welcome-head">
        <img src="/icons/icon-48.png" alt="" width={40} height={40} />
        <div>
          <h1>Welcome to Switchboard</h1>
          <p class="lede">
            Let an AI assistant use the tools of the sites you choose, and only those. Three steps, about a
            minute.
          </p>
        </div>
      </header>
      <ol class="welcome-steps">
        <li class="step">
          <h2>
            <span class="num" aria-hidden="true">
              1
            </span>
            Pin Switchboard
          </h2>
          <p>
            Click the puzzle piece <PuzzleIcon /> at the top right of Chrome, then the pin <PinIcon /> next to
            Switchboard. Its icon is where you turn a site's tools on and open the assistant.
          </p>
        </li>
        <li class="step">
          <h2>
            <span class="num" aria-hidden="true">
              2
            </span>
            Choose your assistant
          </h2>
          <div class="paths">
            <section class="path" aria-labelledby="builtin-h">
              <h3 id="builtin-h">The built-in assistant</h3>
              <p class="desc">Chat in Chrome's side panel, with a model you choose.</p>
              {model === undefined ? (
                <p class="state">Loading…</p>
              ) : model ? (
                <div class="ready" role="status">
                  <span class="pill ok">Ready</span>{' '}
                  <span>
                    The assistant will use <strong>{model.model}</strong> on {model.name}. Next: step 3.
                  </span>
                  <p>
                    <a href={settingsUrl('models')} onClick={open(() => openSettings('models'))}>
                      Change or add models in Settings
                    </a>
                  </p>
                </div>
              ) : (
                <>
                  <QuickModelSetup onSubmit={props.onSetupModel} />
                  <p class="desc">
                    Something else?{' '}
                    <a href={settingsUrl('models')} onClick={open(() => openSettings('models'))}>
                      Every option is in Settings → Models
                    </a>
                    .
                  </p>
                </>
              )}
            </section>
            <section class="path" aria-labelledby="desktop-h">
              <h3 id="desktop-h">A desktop assistant</h3>
              <p class="desc">Claude Desktop, Claude Code, Cursor or VS Code, through a small bridge.</p>
              <ol class="mini-steps">
                <li>Install the bridge from Switchboard's folder, then restart Chrome.</li>
                <li>Add Switchboard to your assistant: Settings shows the exact lines to copy.</li>
                <li>The first time it connects, Switchboard asks you to allow it.</li>
              </ol>
              <a
                class="button-link"
                href={settingsUrl('assistants')}
                onClick={open(() => openSettings('assistants'))}
              >
                Set up a desktop assistant
              </a>
            </section>
          </div>
        </li>
        <li class="step">
          <h2>
            <span class="num" aria-hidden="true">
              3
            </span>
            Try it
          </h2>
          {props.demoUrl ? (
            <>
              {model ? (
                <p>
                  The demo opens with the assistant beside it. Click “This page offers … tools: choose what to
                  share”, switch on <strong>Search this article</strong>, then ask, for example, “Search this
                  article for operator”.
                </p>
              ) : (
                <p>
                  On the demo site, click the Switchboard icon, turn on a tool, then open the assistant
                  (Ctrl+Shift+Y) and ask, for example, “Search this article for operator”.
                </p>
              )}
              <button type="button" class="primary large" onClick={props.openDemo}>
                Try it on the demo
              </button>
            </>
          ) : (
            <p>
              Open a site with WebMCP tools, click the Switchboard icon and turn on the tools you want, then
              open the assistant (Ctrl+Shift+Y) and ask it to use them.
            </p>
          )}
        </li>
      </ol>
      <p class="welcome-foot">
        You can come back to this page from Settings →{' '}
        <a href={settingsUrl('advanced')} onClick={open(() => openSettings('advanced'))}>
          Advanced
        </a>
        .
      </p>
    </>
  );
}

function PuzzleIcon() {
  return (
    <svg class="inline-icon" viewBox="0 0 24 24" role="img" aria-label="puzzle piece">
      <path
        fill="currentColor"
        d="M20.5 11H19V7a2 2 0 0 0-2-2h-4V3.5a2.5 2.5 0 0 0-5 0V5H4a2 2 0 0 0-2 2v3.8h1.5a2.7 2.7 0 0 1 0 5.4H2V20a2 2 0 0 0 2 2h3.8v-1.5a2.7 2.7 0 0 1 5.4 0V22H17a2 2 0 0 0 2-2v-4h1.5a2.5 2.5 0 0 0 0-5z"
      />
    </svg>
  );
}

function PinIcon() {
  return (
    <svg class="inline-icon" viewBox="0 0 24 24" role="img" aria-label="pin">
      <path fill="currentColor" d="M16 9V4h1V2H7v2h1v5l-2 2v2h5.2v7h1.6v-7H18v-2z" />
    </svg>
  );
}
