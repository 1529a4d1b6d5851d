/**
 * "Claude is acting on this page · Stop": the bar the isolated world shows while an assistant's page
 * actions run (issue 16). Pure DOM, so it is tested in jsdom and needs nothing from the extension.
 *
 * The page it sits on is the untrusted party. It lives in a closed shadow root (page scripts get no
 * handle on its button or text, and the page's CSS cannot reach in), and Stop counts only for a click the
 * browser marks trusted, so the page cannot press it for the person. A page can still hide the bar (it
 * owns the host element's box); the bar is a courtesy, not the control: Stop and the popup are.
 */

/** On the host element, so page_snapshot and the extractor can skip the overlay. */
export const OVERLAY_HOST_ATTRIBUTE = 'data-switchboard-overlay';

/** How long the bar stays after the last action, so a burst of actions does not make it flicker. */
export const OVERLAY_LINGER_MS = 1_500;

/** An assistant's label is its own claim: long enough to recognise, never long enough to cover the page. */
const MAX_LABEL = 64;

export interface ActingOverlayOptions {
  lingerMs?: number;
}

// :host rules marked !important win over the page's own !important rules (CSS Scoping: for important
// declarations the inner context wins), and `all: initial` stops inherited page styles at the border.
const STYLE = `
:host {
  all: initial !important;
  position: fixed !important;
  left: 50% !important;
  bottom: 16px !important;
  transform: translateX(-50%) !important;
  z-index: 2147483647 !important;
  display: block !important;
  pointer-events: auto !important;
}
.bar {
  all: initial;
  display: flex;
  align-items: center;
  gap: 12px;
  max-width: min(90vw, 480px);
  padding: 8px 8px 8px 14px;
  border-radius: 999px;
  border: 1px solid #2f5bea;
  background: #ffffff;
  color: #1b1d21;
  box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
  font: 600 13px/1.3 system-ui, -apple-system, "Segoe UI", sans-serif;
}
.text {
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}
button {
  all: initial;
  flex: none;
  padding: 4px 14px;
  border-radius: 999px;
  background: #b3261e;
  color: #ffffff;
  font: 600 13px/1.3 system-ui, -apple-system, "Segoe UI", sans-serif;
  cursor: pointer;
}
button:focus-visible {
  outline: 2px solid #2f5bea;
  outline-offset: 2px;
}
@media (prefers-color-scheme: dark) {
  .bar { background: #17191d; color: #e8eaef; border-color: #8aa6ff; }
  button { background: #ff8a80; color: #17191d; }
  button:focus-visible { outline-color: #8aa6ff; }
}
`;

export class ActingOverlay {
  readonly #doc: Document;
  readonly #onStop: () => void;
  readonly #lingerMs: number;
  #host: HTMLElement | undefined;
  #text: HTMLElement | undefined;
  #linger: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(doc: Document, onStop: () => void, options: ActingOverlayOptions = {}) {
    this.#doc = doc;
    this.#onStop = onStop;
    this.#lingerMs = options.lingerMs ?? OVERLAY_LINGER_MS;
  }

  /** Whether the bar is on the page now (lingering included). */
  get shown(): boolean {
    return this.#host?.isConnected ?? false;
  }

  /** Shows the bar for this assistant; while shown, only the name changes (and a pending hide is off). */
  show(assistant: string): void {
    this.#cancelLinger();
    if (!this.#host) this.#build();
    // The page may have removed the host: put it back rather than act unseen.
    if (this.#host && !this.#host.isConnected) this.#doc.documentElement.append(this.#host);
    if (this.#text) this.#text.textContent = `${label(assistant)} is acting on this page`;
  }

  /** Removes the bar after the linger, unless `show` comes first. */
  hide(): void {
    if (!this.#host || this.#linger !== undefined) return;
    this.#linger = setTimeout(() => this.#remove(), this.#lingerMs);
  }

  /**
   * The Stop button's click handler. Public only so tests can hand it a trusted event, which jsdom
   * cannot dispatch; on the page it is reached only through the button inside the closed root.
   */
  handleStopClick(event: Pick<Event, 'isTrusted'>): void {
    // A click a page script dispatched (or el.click()) is not the person's: ignore it.
    if (!event.isTrusted || this.#stopped || !this.#host) return;
    this.#stopped = true;
    this.#remove();
    this.#onStop();
  }

  #build(): void {
    const host = this.#doc.createElement('div');
    host.setAttribute(OVERLAY_HOST_ATTRIBUTE, '');
    const root = host.attachShadow({ mode: 'closed' });
    const style = this.#doc.createElement('style');
    style.textContent = STYLE;
    const bar = this.#doc.createElement('div');
    bar.className = 'bar';
    bar.setAttribute('role', 'region');
    bar.setAttribute('aria-label', 'Switchboard');
    const text = this.#doc.createElement('span');
    text.className = 'text';
    text.setAttribute('role', 'status');
    text.setAttribute('aria-live', 'polite');
    const stop = this.#doc.createElement('button');
    stop.type = 'button';
    stop.textContent = 'Stop';
    stop.title = 'Stop assistants acting on this site until you turn it on again';
    stop.addEventListener('click', (event) => this.handleStopClick(event));
    bar.append(text, stop);
    root.append(style, bar);
    this.#host = host;
    this.#text = text;
    this.#stopped = false;
    this.#doc.documentElement.append(host);
  }

  #remove(): void {
    this.#cancelLinger();
    this.#host?.remove();
    // Built afresh on the next show: a new showing gets a Stop that works again.
    this.#host = undefined;
    this.#text = undefined;
  }

  #cancelLinger(): void {
    if (this.#linger !== undefined) clearTimeout(this.#linger);
    this.#linger = undefined;
  }
}

function label(assistant: string): string {
  const name = assistant.trim() || 'An assistant';
  return name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;
}
