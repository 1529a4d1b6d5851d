import '../../src/shared/zod';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { type ApprovalView, envelope } from '../../src/messages/contract';
import { ApprovalPage } from '../../src/ui/approval-view';
import { useWorkerPort } from '../shared/use-worker-port';

function Approval() {
  const [pending, setPending] = useState<ApprovalView[]>();
  const [error, setError] = useState<string>();
  const [seen, setSeen] = useState(false);
  const send = useWorkerPort(
    (message) => {
      if (message.type === 'worker→ui:approvals') {
        setPending(message.payload.pending);
        setError(undefined);
        if (message.payload.pending.length > 0) setSeen(true);
        // Opened for a queue that is now empty: nothing left to decide here.
        else if (seen) window.close();
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
