import type { ContentSender } from './senders';

/** A top document that offers WebMCP tools and has not started its in-page server (content/index.ts). */
export interface ToolAnnouncement {
  origin: string;
  /** Chrome's id for the document: a new document of the tab replaces what the last one said. */
  documentId?: string;
  count: number;
}

/**
 * What pages said about their tools before anything used them. The in-page server (the SDK, zod) loads
 * only when the popup, the side panel or an assistant needs the tab; until then the toolbar has only the
 * count to show. Worker memory, like the tabs' ports: a page that announced tells a new worker again only
 * when its tools change, and a new worker asks every tab to connect before an assistant lists anything.
 */
export class ToolAnnouncements {
  readonly #byTab = new Map<number, ToolAnnouncement>();

  /** Records a top document's count (the worker checked the sender); false when nothing changed. */
  announce(from: ContentSender, count: number): boolean {
    const previous = this.#byTab.get(from.tabId);
    const next: ToolAnnouncement = {
      origin: from.origin,
      count,
      ...(from.documentId ? { documentId: from.documentId } : {}),
    };
    if (
      previous?.origin === next.origin &&
      previous.count === next.count &&
      previous.documentId === next.documentId
    )
      return false;
    this.#byTab.set(from.tabId, next);
    return true;
  }

  get(tabId: number): ToolAnnouncement | undefined {
    return this.#byTab.get(tabId);
  }

  /** The tabs whose page of `origin` announced tools (a change of the site's grants redraws them). */
  tabsOf(origin: string): number[] {
    return [...this.#byTab].filter(([, a]) => a.origin === origin).map(([tabId]) => tabId);
  }

  /** The tab connected (its tools are known in full now), navigated away, or closed. */
  forget(tabId: number): boolean {
    return this.#byTab.delete(tabId);
  }
}
