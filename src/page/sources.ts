import type { InPageActionName } from '../messages/page-actions';
import type { PageToolDescriptor } from '../messages/page-types';
import type { PageMetadata } from './metadata';

/** The site's WebMCP tools, as our isolated world sees them through the page bridge. */
export interface PageToolSource {
  list(): Promise<PageToolDescriptor[]>;
  /** Runs a tool; resolves with the result serialized as JSON text, rejects with the page's error. */
  execute(name: string, inputJson: string, signal?: AbortSignal): Promise<string>;
  onChange(listener: () => void): () => void;
}

export type PageChange = 'navigation' | 'dom' | 'selection';

/** The document itself: metadata, readable content, selection, and change signals. */
export interface PageSource {
  metadata(): PageMetadata;
  /** Markdown of the main content; loads the extractor on first use. */
  content(): Promise<string>;
  selection(): string;
  onChange(listener: (change: PageChange) => void): () => void;
}

/** What a page action comes back with: words for the model, and the element it acted on for the log. */
export interface ActionOutcome {
  text: string;
  isError?: boolean;
  /** e.g. `button "Place order"`; never the typed text. */
  target?: string;
}

/** Carries out page actions in this document (src/page/actions/), showing who acts while it does. */
export interface PageActionRunner {
  run(
    name: InPageActionName,
    args: Record<string, unknown>,
    signal: AbortSignal,
    /** The assistant's label, for the page's "… is acting on this page" overlay. */
    actor: string | undefined,
  ): Promise<ActionOutcome>;
  /** A refusal known before the action is approved (a stale ref, a password field); undefined if none. */
  check(name: InPageActionName, args: Record<string, unknown>): Promise<ActionOutcome | undefined>;
}
