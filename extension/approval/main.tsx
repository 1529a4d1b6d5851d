import '../../src/shared/zod';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { type ApprovalView, envelope } from '../../src/messages/contract';
import { ApprovalPage } from '../../src/ui/approval-view';
import { useWorkerPort } from '../shared/use-worker-port';

/** Which window this is (set by the worker); see approval-window.ts. */
const WINDOW = Number(new URLSearchParams(location.search).get('w')) || undefined;

function Approval() {
  const [pending, setPending] = useState<ApprovalView[]>();
  const [error, setError] = useState<string>();
  const send = useWorkerPort(
    (message) => {
      if (message.type === 'worker→ui:approvals') {
        // A window the worker is closing must not show a request that arrived meanwhile: the new window does.
        const current = message.payload.window === undefined || message.payload.window === WINDOW;
        setPending(current ? message.payload.pending : []);
        setError(undefined);
      } else if (message.type === 'worker→ui:error') setError(message.payload.message);
    },
    (post) => post(envelope('ui→worker:watch-approvals', {})),
  );
  return (
    <ApprovalPage
      pending={pending}
      error={error}
      onAnswer={(id, answer) => send(envelope('ui→worker:answer', { id, answer }))}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<Approval />, root);
