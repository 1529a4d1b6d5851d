/**
 * Provenance for one assistant session: the last time untrusted content reached it, and from where. Page
 * content is someone else's writing, and so are tool results a site marks untrusted and whatever a remote
 * server returns (unless the user trusts that server): each may carry instructions meant to steer the
 * model. For a while after that, the session's calls that may change something ask the user again
 * (approval-policy.ts), even where a remembered "Always allow" would have let them run.
 */
export class SessionTaint {
  #last: Taint | undefined;

  /** Untrusted content from `from` (a site's host, a server's name) was handed to this session now. */
  mark(from: string, at: number): void {
    this.#last = { from, at };
  }

  get last(): Taint | undefined {
    return this.#last;
  }
}

export interface Taint {
  /** Where the content came from, as the user reads it: a site's host or a server's name. */
  from: string;
  at: number;
}
