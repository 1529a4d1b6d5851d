/** The saved real-world pages (tests/fixtures/corpus), in the order the bench reports them. */
export const CORPUS_PAGES = [
  'yahoo-2',
  'guardian-1',
  'wikipedia-2',
  'nytimes-5',
  'ars-1',
  'bbc-1',
  'medium-1',
  'mozilla-1',
  'msn',
  'pixnet',
  'wikia',
  'youth',
] as const;
