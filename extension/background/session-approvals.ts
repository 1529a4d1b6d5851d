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
