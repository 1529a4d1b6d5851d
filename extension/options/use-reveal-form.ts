import { useEffect } from 'preact/hooks';

/**
 * Lists come above their "Add" form, so Edit on a list item would change a form out of sight: bring the
 * form, and its first field, to the person who clicked Edit.
 */
export function useRevealForm(editing: unknown, formSelector: string): void {
  useEffect(() => {
    if (!editing) return;
    const form = document.querySelector<HTMLFormElement>(formSelector);
    form?.scrollIntoView({ block: 'start' });
    form?.querySelector<HTMLElement>('input, select')?.focus();
  }, [editing]);
}
