// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActingOverlay, OVERLAY_HOST_ATTRIBUTE } from '../../src/page/actions/overlay';

// The root is closed, so the page (and this test) get no `host.shadowRoot`; the test keeps the root
// attachShadow returns, which is the handle only the overlay itself has.
let roots: ShadowRoot[] = [];
beforeEach(() => {
  roots = [];
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const el of document.querySelectorAll(`[${OVERLAY_HOST_ATTRIBUTE}]`)) el.remove();
});

const host = () => document.querySelector<HTMLElement>(`[${OVERLAY_HOST_ATTRIBUTE}]`);
const root = () => roots.at(-1);
const stopButton = () => root()?.querySelector('button');
const statusText = () => root()?.querySelector('[role="status"]')?.textContent;

describe('the "acting on this page" overlay', () => {
  it('shows the assistant by name, as text, in a closed root on the document element', () => {
    const overlay = new ActingOverlay(document, () => {});
    overlay.show('<img src=x onerror="window.pwned=1">');
    expect(host()?.parentElement).toBe(document.documentElement);
    expect(host()?.shadowRoot).toBeNull();
    expect(statusText()).toBe('<img src=x onerror="window.pwned=1"> is acting on this page');
    expect(root()?.querySelector('img')).toBeNull();
    expect(root()?.querySelector('[role="status"]')?.getAttribute('aria-live')).toBe('polite');
    expect(stopButton()?.textContent).toBe('Stop');
    expect(stopButton()?.type).toBe('button');
  });

  it('updates the name when shown again, without a second bar', () => {
    const overlay = new ActingOverlay(document, () => {});
    overlay.show('Claude');
    overlay.show('Cursor');
    expect(document.querySelectorAll(`[${OVERLAY_HOST_ATTRIBUTE}]`)).toHaveLength(1);
    expect(statusText()).toBe('Cursor is acting on this page');
  });

  it('ignores a Stop the page clicked: an untrusted click does nothing', () => {
    const onStop = vi.fn();
    const overlay = new ActingOverlay(document, onStop);
    overlay.show('Claude');
    stopButton()?.click();
    stopButton()?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onStop).not.toHaveBeenCalled();
    expect(overlay.shown).toBe(true);
  });

  it("stops once on the person's (trusted) click, and hides at once", () => {
    const onStop = vi.fn();
    const overlay = new ActingOverlay(document, onStop);
    overlay.show('Claude');
    // jsdom cannot make a trusted event: hand the button's own handler one, through its test seam.
    overlay.handleStopClick({ isTrusted: true });
    overlay.handleStopClick({ isTrusted: true });
    expect(onStop).toHaveBeenCalledTimes(1);
    expect(host()).toBeNull();
    // A later showing (actions turned on again) has a Stop that works again.
    overlay.show('Claude');
    overlay.handleStopClick({ isTrusted: true });
    expect(onStop).toHaveBeenCalledTimes(2);
  });

  it('lingers after hide, then goes; a show during the linger keeps it', () => {
    const overlay = new ActingOverlay(document, () => {}, { lingerMs: 1_000 });
    overlay.show('Claude');
    overlay.hide();
    vi.advanceTimersByTime(900);
    expect(overlay.shown).toBe(true);
    overlay.show('Claude');
    vi.advanceTimersByTime(5_000);
    expect(overlay.shown).toBe(true);
    overlay.hide();
    vi.advanceTimersByTime(1_000);
    expect(overlay.shown).toBe(false);
    expect(host()).toBeNull();
  });

  it('comes back if the page removed it while an assistant still acts', () => {
    const overlay = new ActingOverlay(document, () => {});
    overlay.show('Claude');
    host()?.remove();
    overlay.show('Claude');
    expect(host()?.parentElement).toBe(document.documentElement);
  });
});
