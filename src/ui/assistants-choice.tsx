import type { AssistantRef } from '../messages/decisions';

/**
 * Which assistants this site's grants are for: all of them by default. Shown once there is more than the
 * built-in assistant to choose from (a desktop assistant the user allowed).
 */
export function AssistantsChoice({
  choices,
  limit,
  onChange,
}: {
  choices: AssistantRef[];
  limit: string[] | undefined;
  onChange(chosen: string[] | null): void;
}) {
  if (choices.length < 2) return null;
  const all = limit === undefined;
  const chosen = new Set(limit ?? choices.map((c) => c.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange([...next]);
  };
  return (
    <section class="card" aria-labelledby="assistants-heading">
      <h2 id="assistants-heading">Assistants that can use this site</h2>
      <ul>
        <li class="grant-row">
          <div class="grant-text">
            <label for="assistants-all">
              <span class="name">All assistants</span>
            </label>
            <p class="desc" id="assistants-all-desc">
              {all
                ? 'What you switch on here is for every assistant you use with Switchboard.'
                : 'Only the assistants chosen below see this site. The others do not.'}
            </p>
          </div>
          <input
            id="assistants-all"
            class="switch"
            type="checkbox"
            role="switch"
            checked={all}
            aria-checked={all}
            aria-describedby="assistants-all-desc"
            // Narrowing from "all" starts from everyone, so that unchecking one is the next step.
            onChange={(e) => onChange(e.currentTarget.checked ? null : choices.map((c) => c.id))}
          />
        </li>
        {!all &&
          choices.map((choice) => (
            <li key={choice.id} class="assistant-choice">
              <input
                id={`assistant-${choice.id}`}
                type="checkbox"
                checked={chosen.has(choice.id)}
                onChange={(e) => toggle(choice.id, e.currentTarget.checked)}
              />
              <label for={`assistant-${choice.id}`}>{choice.label}</label>
            </li>
          ))}
      </ul>
    </section>
  );
}
