import type { ActionPauseStore } from '../../src/permissions/grants';
import type { SessionApprovalStore } from '../../src/storage/stores';
import { readStorage, STORAGE, writeStorage } from '../shared/extension-storage';

/** "Allow for this session": kept while the browser runs (across worker restarts), gone when it closes. */
export const storageSessionApprovals: SessionApprovalStore = {
  async get() {
    const value = await readStorage(STORAGE.sessionApprovals);
    return Array.isArray(value) ? value : [];
  },
  set: (approvals) => writeStorage(STORAGE.sessionApprovals, approvals),
};

/** Sites whose actions the person stopped from the page: paused until the browser closes. */
export const storageSessionPauses: ActionPauseStore = {
  async load() {
    const value = await readStorage(STORAGE.pausedActions);
    return Array.isArray(value) ? value.filter((o): o is string => typeof o === 'string') : [];
  },
  save: (origins) => writeStorage(STORAGE.pausedActions, origins),
};
