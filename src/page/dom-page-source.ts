import { readMetadata } from './metadata';
import type { PageChange, PageSource } from './sources';

/** How much text must change before a DOM mutation counts as "significant" for subscribers. */
export const SIGNIFICANT_TEXT_CHANGE = 200;
export const DEBOUNCE_MS = 500;

export interface DomPageSourceOptions {
  win: Window & { MutationObserver: typeof MutationObserver };
  /** Imported lazily: the extractor is the heaviest thing in the content script. */
  loadExtractor: () => Promise<(doc: Document) => { markdown: string }>;
  debounceMs?: number;
}

/**
 * The live document as a PageSource. Change detection is cheap by design: a MutationObserver that only
 * sums text lengths, a selectionchange listener, and URL checks for in-app navigation
 * (history.pushState is invisible to the isolated world, so the URL is compared when anything happens,
 * plus popstate/hashchange and the Navigation API where present).
 */
export class DomPageSource implements PageSource {
  readonly #win: DomPageSourceOptions['win'];
  readonly #listeners = new Set<(change: PageChange) => void>();
  readonly #timers = new Map<PageChange, ReturnType<typeof setTimeout>>();
  readonly #debounceMs: number;
  #url: string;
  #pendingText = 0;
  #observer: MutationObserver | undefined;
  #cache: { key: string; markdown: string } | undefined;
  #dirty = true;

  constructor(private readonly options: DomPageSourceOptions) {
    this.#win = options.win;
    this.#url = options.win.location.href;
    this.#debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  }

  metadata() {
    return readMetadata(this.#win.document, this.#win.location.href);
  }

  async content(): Promise<string> {
    const key = this.#win.location.href;
    if (this.#cache && this.#cache.key === key && !this.#dirty) return this.#cache.markdown;
    const extract = await this.options.loadExtractor();
    const { markdown } = extract(this.#win.document);
    this.#cache = { key, markdown };
    this.#dirty = false;
    return markdown;
  }

  selection(): string {
    return this.#win.getSelection()?.toString() ?? '';
  }

  onChange(listener: (change: PageChange) => void): () => void {
    if (this.#listeners.size === 0) this.#start();
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  #start(): void {
    const { document } = this.#win;
    this.#observer = new this.#win.MutationObserver((records) => {
      this.#checkUrl();
      this.#dirty = true;
      for (const record of records) {
        if (record.type === 'characterData')
          this.#pendingText +=
            Math.abs((record.target.textContent?.length ?? 0) - (record.oldValue?.length ?? 0)) || 1;
        for (const node of record.addedNodes) this.#pendingText += node.textContent?.length ?? 0;
        for (const node of record.removedNodes) this.#pendingText += node.textContent?.length ?? 0;
      }
      if (this.#pendingText >= SIGNIFICANT_TEXT_CHANGE) {
        this.#pendingText = 0;
        this.#dirty = true;
        this.#schedule('dom');
      }
    });
    this.#observer?.observe(document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      characterDataOldValue: true,
    });
    document.addEventListener('selectionchange', this.#onSelection);
    this.#win.addEventListener('popstate', this.#checkUrl);
    this.#win.addEventListener('hashchange', this.#checkUrl);
    (this.#win as Window & { navigation?: EventTarget }).navigation?.addEventListener(
      'navigatesuccess',
      this.#checkUrl,
    );
  }

  #stop(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#win.document.removeEventListener('selectionchange', this.#onSelection);
    this.#win.removeEventListener('popstate', this.#checkUrl);
    this.#win.removeEventListener('hashchange', this.#checkUrl);
    (this.#win as Window & { navigation?: EventTarget }).navigation?.removeEventListener(
      'navigatesuccess',
      this.#checkUrl,
    );
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #onSelection = (): void => this.#schedule('selection');

  #checkUrl = (): void => {
    const href = this.#win.location.href;
    if (href === this.#url) return;
    this.#url = href;
    this.#dirty = true;
    this.#schedule('navigation');
  };

  #schedule(change: PageChange): void {
    const existing = this.#timers.get(change);
    if (existing) clearTimeout(existing);
    this.#timers.set(
      change,
      setTimeout(() => {
        this.#timers.delete(change);
        for (const listener of this.#listeners) listener(change);
      }, this.#debounceMs),
    );
  }
}
