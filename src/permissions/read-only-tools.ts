import type { TabStateView } from '../messages/contract';

/**
 * The tools "Allow all read-only tools" grants: the site's own tools that declare themselves read-only and
 * not consequential (so the approval policy lets them run without asking), that can be called at all, and
 * are not granted yet. Frames' tools belong to other sites and keep their own switches; a blocked site
 * grants nothing.
 */
export function readOnlyToGrant(state: TabStateView): string[] {
  if (!state.origin || state.blocked) return [];
  return state.tools
    .filter((t) => t.readOnly && !t.consequential && !t.unavailable && !t.granted)
    .map((t) => t.name);
}
