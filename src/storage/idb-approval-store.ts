import type { IDBPDatabase } from 'idb';
import type { StandingApproval } from '../messages/decisions';
import type { SwitchboardDB } from './db';
import type { StandingStore } from './stores';

/** "Always allow" decisions: they must outlive the worker and the browser. */
export class IdbStandingStore implements StandingStore {
  constructor(private readonly db: IDBPDatabase<SwitchboardDB>) {}

  all(): Promise<StandingApproval[]> {
    return this.db.getAll('approvals');
  }

  async put(approval: StandingApproval): Promise<void> {
    await this.db.put('approvals', approval);
  }

  async delete(assistant: string, source: string, tool: string): Promise<void> {
    await this.db.delete('approvals', [assistant, source, tool]);
  }
}
