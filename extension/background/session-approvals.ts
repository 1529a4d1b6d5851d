import browser from 'webextension-polyfill';
import type { StandingApproval } from '../../src/messages/decisions';
import type { SessionApprovalStore } from '../../src/storage/stores';

const KEY = 'approvals:session';

/** "Allow for this session": kept while the browser runs (across worker restarts), gone when it closes. */
export const storageSessionApprovals: SessionApprovalStore = {
  async get() {
    const value = (await browser.storage.session.get(KEY))[KEY];
    return Array.isArray(value) ? (value as StandingApproval[]) : [];
  },
  async set(approvals) {
    await browser.storage.session.set({ [KEY]: approvals });
  },
};
