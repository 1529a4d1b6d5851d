import { BRIDGE_TAG, type Envelope, type MessageKey } from '../messages/contract';

/**
 * Our window.postMessage envelope between the page's main world and our isolated world.
 * The page can read and forge these: the bridge is only ever a way to reach the page's *own* tools, so a
 * forged message can at worst lie about the page's own tools. Everything received is shape- and
 * size-checked (see page-tools-client.ts) and nothing the host owns (grants, other sites) is reachable.
 */
export type BridgeMessage<K extends MessageKey = MessageKey> = Envelope<K> & { tag: typeof BRIDGE_TAG };

export function bridgeMessage<K extends MessageKey>(message: Envelope<K>): BridgeMessage<K> {
  return { tag: BRIDGE_TAG, ...message } as BridgeMessage<K>;
}

export function isBridgeMessage(data: unknown): data is { tag: string; type: string; payload: unknown } {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { tag?: unknown }).tag === BRIDGE_TAG &&
    typeof (data as { type?: unknown }).type === 'string'
  );
}
