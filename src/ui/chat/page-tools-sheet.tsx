import { useEffect, useRef } from 'preact/hooks';
import type { TabStateView } from '../../messages/contract';
import { TabGrantsView, type TabGrantsViewProps } from '../tab-grants-view';

/**
 * The tools the tab's page offers (its own and its frames', as the grants view lists them), and how many
 * are not shared. Nothing for a blocked site: the user said no to all of it.
 */
export function countPageTools(
  state: TabStateView | undefined,
): { offered: number; unshared: number } | undefined {
  if (!state?.origin || state.blocked) return undefined;
  const tools = [...state.tools, ...(state.frames ?? []).flatMap((f) => (f.blocked ? [] : f.tools))];
  return { offered: tools.length, unshared: tools.filter((t) => !t.granted).length };
}

export interface PageToolsSheetProps extends TabGrantsViewProps {
  open: boolean;
  onClose(): void;
}

/**
 * The page's grants, the same view as the popup's, in a modal sheet over the chat: the user chooses what
 * to share without leaving the conversation. A modal <dialog> keeps focus inside and closes on Escape.
 */
export function PageToolsSheet({ open, onClose, ...grants }: PageToolsSheetProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog ref={dialog} class="chat-sheet" aria-labelledby="chat-sheet-h" onClose={onClose}>
      <header class="chat-sheet-head">
        <h2 id="chat-sheet-h">Share with the assistant</h2>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </header>
      <p class="chat-sheet-desc">Switch on what the assistant may use. The change applies at once.</p>
      {open && <TabGrantsView {...grants} />}
    </dialog>
  );
}
