import { envelope, type TabStateView } from '../../src/messages/contract';
import type { TabGrantsViewProps } from '../../src/ui/tab-grants-view';
import type { SendToWorker } from './use-worker-port';

/**
 * What the grants view's switches send to the worker. The popup and the side panel's sheet show the same
 * view (TabGrantsView), so they send the same messages, from here.
 */
export function tabGrantActions(
  send: SendToWorker,
  state: TabStateView | undefined,
): Pick<TabGrantsViewProps, 'onGrant' | 'onAssistants' | 'onAllowReadOnly'> {
  return {
    onGrant: (origin, target, granted) => send(envelope('ui→worker:set-grant', { origin, target, granted })),
    onAssistants: (origin, assistants) =>
      send(envelope('ui→worker:set-site-assistants', { origin, assistants })),
    onAllowReadOnly: () => {
      if (state) send(envelope('ui→worker:allow-read-only', { tabId: state.tabId }));
    },
  };
}
