import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { type Envelope, type MessageKey, PORT_NAMES } from '../../src/messages/contract';

type ToWorker = Envelope<Extract<MessageKey, `ui→worker:${string}`>>;
export type SendToWorker = (message: ToWorker) => void;
export type FromWorker = Envelope<Extract<MessageKey, `worker→ui:${string}`>>;

/**
 * The extension pages' live line to the worker (the `ui` Port). Chrome restarts the worker at will and
 * the Port dies with it, so the hook reconnects and calls `onOpen` again to re-subscribe: a page that
 * stays open never goes stale. Returns a sender that posts on the current Port.
 */
export function useWorkerPort(
  onMessage: (message: FromWorker) => void,
  onOpen: (send: (message: ToWorker) => void) => void,
): (message: ToWorker) => void {
  const port = useRef<browser.Runtime.Port>();
  const handlers = useRef({ onMessage, onOpen });
  handlers.current = { onMessage, onOpen };
  const [generation, setGeneration] = useState(0);
  const send = (message: ToWorker) => port.current?.postMessage(message);

  useEffect(() => {
    const p = browser.runtime.connect({ name: PORT_NAMES.ui });
    p.onMessage.addListener((raw: unknown) => handlers.current.onMessage(raw as FromWorker));
    p.onDisconnect.addListener(() => {
      port.current = undefined;
      setGeneration((g) => g + 1);
    });
    port.current = p;
    handlers.current.onOpen((message) => p.postMessage(message));
    return () => p.disconnect();
  }, [generation]);

  return send;
}
