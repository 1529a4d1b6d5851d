import type { ExtractedArticle } from '../../src/page/extract';

/** What the bench page (bench builds only) returns to tests/bench/run.ts. */
export interface ExtractionRun {
  url: string;
  bytes: number;
  parseMs: number[];
  extractMs: number[];
  stages: ExtractedArticle['timings'][];
  markdownChars: number;
}

export interface ToolCallRun {
  floorMs: number[];
  mcpMs: number[];
}

export interface AssistantTurnRun {
  floorMs: number[];
  /** Whole turns: model step with a tool call, the call through the host, model step with the answer. */
  turnMs: number[];
  /** Per turn: time inside the (instant, scripted) model's responses. */
  modelMs: number[];
  /** Per turn: the tool call through the host, from the assistant's side. */
  toolMs: number[];
}

/** page_snapshot on one corpus page: parsed without layout (DOMParser), and rendered (srcdoc iframe). */
export interface SnapshotRun {
  url: string;
  bytes: number;
  parseMs: number[];
  /** First part, DOMParser document: visibility from attributes and inline style only. */
  snapshotMs: number[];
  /** First part, the same HTML rendered in a same-origin iframe: checkVisibility on real layout. */
  renderedMs: number[];
  firstChars: number;
  parts: number;
  refs: number;
  renderedParts: number;
  renderedRefs: number;
}
