import '../../src/shared/zod';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { createModel } from '../../src/assistant/model';
import { generateSampling } from '../../src/assistant/sampling-generate';
import { type ApprovalView, envelope, type WaitingView } from '../../src/messages/contract';
import { ApprovalPage } from '../../src/ui/approval-view';
import type { SamplingGenerate } from '../../src/ui/sampling-generate';
import { providerStore } from '../shared/secrets';
import { openSettings } from '../shared/settings-link';
import { useWorkerPort } from '../shared/use-worker-port';

/** Which window this is (set by the worker); see approval-window.ts. */
const WINDOW = Number(new URLSearchParams(location.search).get('w')) || undefined;

/**
 * A server's approved sampling request, put to the user's model from here: this page may load the AI SDK,
 * the service worker may not (see window-sampling-provider.ts). The key is read from storage here too.
 */
const generate: SamplingGenerate = async (request, signal) => {
  const providers = providerStore();
  const config = await providers.current();
  if (!config) throw new Error('No model is set up any more. Add one in Switchboard settings.');
  return generateSampling(createModel(await providers.withKey(config)), request, signal);
};

/** Settings › Approvals, where "Always allow" decisions are listed and undone, in a tab of a normal window. */
const openApprovals = () => void openSettings('approvals');

function Approval() {
  const [pending, setPending] = useState<ApprovalView[]>();
  const [waiting, setWaiting] = useState<WaitingView[]>([]);
  const [error, setError] = useState<string>();
  const send = useWorkerPort(
    (message) => {
      if (message.type === 'worker→ui:approvals') {
        // A window the worker is closing must not show a request that arrived meanwhile: the new window does.
        const current = message.payload.window === undefined || message.payload.window === WINDOW;
        setPending(current ? message.payload.pending : []);
        setWaiting(current ? (message.payload.waiting ?? []) : []);
        setError(undefined);
      } else if (message.type === 'worker→ui:error') setError(message.payload.message);
    },
    (post) => post(envelope('ui→worker:watch-approvals', {})),
  );
  return (
    <ApprovalPage
      pending={pending}
      waiting={waiting}
      error={error}
      onAnswer={(id, answer) => send(envelope('ui→worker:answer', { id, answer }))}
      generate={generate}
      onOpenApprovals={openApprovals}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<Approval />, root);
