import type { WaitingView } from '../messages/contract';

/**
 * Calls that wait on the user outside Switchboard: a form the assistant filled, which only the person
 * submits. Nothing to answer here; it says where to go. Site and tool names are untrusted text.
 */
export function WaitingList({ waiting, main }: { waiting: WaitingView[]; main: boolean }) {
  if (waiting.length === 0) return null;
  const Heading = main ? 'h1' : 'h2';
  return (
    <section class="waiting" aria-labelledby="waiting-heading">
      <Heading id="waiting-heading" tabIndex={-1}>
        {waiting.length === 1 ? 'A form is waiting for you' : `${waiting.length} forms are waiting for you`}
      </Heading>
      <ul>
        {waiting.map((w) => (
          <li key={w.id} role="status">
            <strong>{w.message}</strong>
            <span class="desc">
              {w.assistant ? `${w.assistant} filled in “${w.tool}”. ` : `“${w.tool}” is filled in. `}
              Check it in that tab and submit it there, or leave it: the call ends when the assistant stops
              waiting.
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
