/**
 * The content script's half of frame admission (src/host/frame-admission.ts), in every frame:
 * - as a parent, it answers a child frame's ask when the child's frame element allows `tools` for the
 *   origin the browser reports for the ask, by getting a one-time token from the worker;
 * - as a child, it asks its parent and redeems the token, before its in-page server may connect.
 * Plain chrome.* for the same reason as index.ts: this is paid on every page load.
 */
import { BRIDGE_TAG } from '../../src/messages/contract';
import { frameAllowsTools } from '../../src/page/frame-policy';

const ASK_TIMEOUT_MS = 5000;
/** Whether this document is the tab's top frame (index.ts asks too). */
export const isTop = window === window.top;
let admission: Promise<boolean> | undefined;

type Tagged = { tag?: unknown; type?: unknown; payload?: { nonce?: unknown; token?: unknown } } | null;

/** Whether this document may offer tools: always at the top, after the handshake in a frame. */
export function admitted(): Promise<boolean> {
  if (isTop) return Promise.resolve(true);
  admission ??= ask().then((ok) => {
    if (!ok) admission = undefined; // the parent may allow us later (its frame element changed)
    return ok;
  });
  return admission;
}

/** Starts a new handshake next time: after the worker stopped, it has forgotten this frame. */
export function forgetAdmission(): void {
  admission = undefined;
}

async function ask(): Promise<boolean> {
  // Native WebMCP knows the `tools` feature, headers included: when it says no, nobody is asked.
  const policy = (document as Document & { featurePolicy?: FeaturePolicyLike }).featurePolicy;
  if (policy?.features().includes('tools') && !policy.allowsFeature('tools')) return false;
  const nonce = crypto.randomUUID();
  const token = await new Promise<string | undefined>((resolve) => {
    const done = (value: string | undefined) => {
      clearTimeout(timer);
      removeEventListener('message', onMessage);
      resolve(value);
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as Tagged;
      // Only the real parent's answer: this frame's own page could post one to itself.
      if (event.source !== window.parent || data?.tag !== BRIDGE_TAG) return;
      if (data.type !== 'parent→frame:token' || data.payload?.nonce !== nonce) return;
      done(typeof data.payload.token === 'string' ? data.payload.token : undefined);
    };
    const timer = setTimeout(() => done(undefined), ASK_TIMEOUT_MS);
    addEventListener('message', onMessage);
    window.parent.postMessage({ tag: BRIDGE_TAG, type: 'frame→parent:ask', payload: { nonce } }, '*');
  });
  if (!token) return false;
  const reply = (await chrome.runtime
    .sendMessage({ type: 'content→worker:admit-frame', payload: { token } })
    .catch(() => undefined)) as { ok?: unknown } | undefined;
  return reply?.ok === true;
}

/**
 * As a parent: a child frame asks whether it may offer tools. As a child: the parent connected to the
 * worker (again), so `reconnect` is called.
 */
export function answerChildFrames(reconnect: () => void): void {
  addEventListener('message', (event) => {
    const data = event.data as Tagged;
    if (data?.tag !== BRIDGE_TAG) return;
    if (data.type === 'parent→frame:reconnect' && event.source === window.parent && !isTop) reconnect();
    if (data.type !== 'frame→parent:ask') return;
    const nonce = data.payload?.nonce;
    if (typeof nonce !== 'string' || nonce.length > 64 || !event.source) return;
    const child = event.source as Window;
    const element = Array.from(document.querySelectorAll('iframe, frame')).find(
      (frame) => (frame as HTMLIFrameElement).contentWindow === child,
    );
    if (!element) return;
    // The origin is the browser's, from the event; the attribute is this page's own declaration.
    const allowed = frameAllowsTools(
      element.getAttribute('allow'),
      event.origin,
      location.origin,
      element.getAttribute('src'),
    );
    if (!allowed) return;
    void (async () => {
      if (!(await admitted())) return; // a frame vouches for its children only once it is allowed itself
      const reply = (await chrome.runtime
        .sendMessage({ type: 'content→worker:vouch-frame', payload: { origin: event.origin } })
        .catch(() => undefined)) as { token?: unknown } | undefined;
      if (typeof reply?.token !== 'string') return;
      child.postMessage(
        { tag: BRIDGE_TAG, type: 'parent→frame:token', payload: { nonce, token: reply.token } },
        event.origin,
      );
    })();
  });
}

interface FeaturePolicyLike {
  features(): string[];
  allowsFeature(feature: string): boolean;
}
