/**
 * Refs: the names page_snapshot gives the elements an assistant can act on ("e" + a number, REF_PATTERN).
 *
 * A ref is stable for as long as its element lives: the same element keeps its ref across snapshots, so
 * an assistant's plan survives a re-read of the page, and a ref never names a different element later
 * (numbers are not reused). The registry holds elements weakly: a removed element can be collected, and
 * its ref then resolves to nothing.
 */
export class RefRegistry {
  private readonly byElement = new WeakMap<Element, string>();
  private readonly byRef = new Map<string, WeakRef<Element>>();
  private next = 1;
  /** byRef size after the last sweep: sweeping again only once it has doubled keeps refFor O(1) amortised. */
  private swept = 64;

  /** The element's ref, given now if it has none. */
  refFor(el: Element): string {
    const known = this.byElement.get(el);
    if (known) return known;
    const ref = `e${this.next++}`;
    this.byElement.set(el, ref);
    this.byRef.set(ref, new WeakRef(el));
    if (this.byRef.size > this.swept * 2) this.sweep();
    return ref;
  }

  /** The element a ref names, if it is still in its document (a detached element cannot be acted on). */
  resolve(ref: string): Element | undefined {
    const el = this.byRef.get(ref)?.deref();
    return el?.isConnected ? el : undefined;
  }

  /** The element's ref if it has one; never gives a new one. */
  peek(el: Element): string | undefined {
    return this.byElement.get(el);
  }

  /** Drops refs whose elements were collected, so a long-lived page does not keep a map of dead names. */
  private sweep(): void {
    for (const [ref, weak] of this.byRef) if (!weak.deref()) this.byRef.delete(ref);
    this.swept = Math.max(64, this.byRef.size);
  }
}
