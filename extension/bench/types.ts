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
