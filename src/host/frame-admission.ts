/**
 * Which embedded frames may offer tools, decided in the worker from what Chrome says about each sender.
 *
 * A frame is admitted by a handshake: it asks its parent (window.postMessage); the parent's content
 * script checks its frame element's `allow` attribute against the origin the browser reports for the
 * asker (frame-policy.ts) and asks the worker to vouch for that origin; the worker hands it a one-time
 * token, which the parent posts to the frame; the frame's content script redeems it. The worker accepts a
 * voucher only from a top frame or an admitted frame, and a redemption only from a frame of that tab whose
 * sender origin is the one vouched for. So neither page nor frame can admit itself: a hostile frame
 * without `allow="tools"` never gets a token, and a forged one redeems nothing.
 *
 * Admission is per document (Chrome's documentId): a frame that navigates must ask again.
 */
export interface FrameSender {
  tabId: number;
  frameId: number;
  origin: string;
  documentId?: string;
}

interface Voucher {
  tabId: number;
  origin: string;
  expires: number;
}

/** A token not redeemed in this long is void: the frame is ready by the time its parent answers. */
const TOKEN_TTL_MS = 30_000;
/** Bounds what one tab can make the worker hold. */
const MAX_PER_TAB = 64;

export class FrameAdmission {
  readonly #vouchers = new Map<string, Voucher>();
  readonly #admitted = new Map<string, { origin: string; documentId: string | undefined }>();

  constructor(
    private readonly newToken: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The top frame always may; an embedded one only once admitted, in its current document. */
  allows(sender: FrameSender): boolean {
    if (sender.frameId === 0) return true;
    const admitted = this.#admitted.get(key(sender));
    return !!admitted && admitted.origin === sender.origin && admitted.documentId === sender.documentId;
  }

  /** A parent vouches for a child frame of `origin`: a token for it to redeem, or undefined if refused. */
  vouch(parent: FrameSender, origin: string): string | undefined {
    if (!this.allows(parent)) return undefined;
    this.#expire();
    if ([...this.#vouchers.values()].filter((v) => v.tabId === parent.tabId).length >= MAX_PER_TAB)
      return undefined;
    const token = this.newToken();
    this.#vouchers.set(token, { tabId: parent.tabId, origin, expires: this.now() + TOKEN_TTL_MS });
    return token;
  }

  /** A frame redeems its parent's token. True when it is admitted now. */
  admit(frame: FrameSender, token: string): boolean {
    this.#expire();
    const voucher = this.#vouchers.get(token);
    if (!voucher || frame.frameId === 0) return false;
    if (voucher.tabId !== frame.tabId || voucher.origin !== frame.origin) return false;
    this.#vouchers.delete(token);
    if (this.#countAdmitted(frame.tabId) >= MAX_PER_TAB && !this.#admitted.has(key(frame))) return false;
    this.#admitted.set(key(frame), { origin: frame.origin, documentId: frame.documentId });
    return true;
  }

  /** The tab closed: everything it was given goes. */
  forgetTab(tabId: number): void {
    for (const [token, voucher] of this.#vouchers) if (voucher.tabId === tabId) this.#vouchers.delete(token);
    for (const k of this.#admitted.keys()) if (k.startsWith(`${tabId}:`)) this.#admitted.delete(k);
  }

  #countAdmitted(tabId: number): number {
    return [...this.#admitted.keys()].filter((k) => k.startsWith(`${tabId}:`)).length;
  }

  #expire(): void {
    const now = this.now();
    for (const [token, voucher] of this.#vouchers) if (voucher.expires <= now) this.#vouchers.delete(token);
  }
}

const key = (sender: FrameSender) => `${sender.tabId}:${sender.frameId}`;
