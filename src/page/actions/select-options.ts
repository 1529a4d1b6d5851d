/**
 * select: choosing options of a <select> by value or visible text, exact first, then ignoring case and
 * surrounding space. An unknown option is refused with the list of those there are (capped), so the
 * assistant can choose again instead of guessing.
 */
import { ActionError } from './args';
import { plainEvent } from './dom-events';
import { collapse, cut } from './text';

const LISTED = 30;

const norm = (s: string) => collapse(s).toLowerCase();

/** Chooses `values`; returns the chosen options' texts. */
export function chooseOptions(select: HTMLSelectElement, values: string[], label: string): string[] {
  const options = Array.from(select.options);
  if (values.length > 1 && !select.multiple) {
    throw new ActionError(`${label} takes one option; ${values.length} were given.`);
  }
  const chosen = values.map((value) => {
    const option =
      options.find((o) => o.value === value || o.text === value || o.label === value) ??
      options.find((o) => norm(o.value) === norm(value) || norm(o.text) === norm(value));
    if (!option) {
      const list = options.slice(0, LISTED).map((o) => `"${cut(collapse(o.text), 60)}"`);
      const more = options.length > LISTED ? `, …and ${options.length - LISTED} more` : '';
      throw new ActionError(
        `${label} has no option "${cut(value, 100)}". Its options: ${list.join(', ')}${more}.`,
      );
    }
    if (
      option.disabled ||
      (option.parentElement?.localName === 'optgroup' &&
        (option.parentElement as HTMLOptGroupElement).disabled)
    ) {
      throw new ActionError(`The option "${cut(collapse(option.text), 60)}" of ${label} is disabled.`);
    }
    return option;
  });
  const wanted = new Set(chosen);
  if (select.multiple) for (const option of options) option.selected = wanted.has(option);
  else if (chosen[0]) chosen[0].selected = true;
  plainEvent(select, 'input');
  plainEvent(select, 'change');
  return chosen.map((o) => collapse(o.text));
}
