import type { IDBPDatabase } from 'idb';
import type { Conversation } from '../messages/chat-types';
import type { SwitchboardDB } from '../storage/db';

export type ConversationSummary = Pick<Conversation, 'id' | 'title' | 'updatedAt'>;

/** The assistant's history: listed newest first, resumable, deletable. Only the side panel reads it. */
export interface ConversationStore {
  list(): Promise<ConversationSummary[]>;
  get(id: string): Promise<Conversation | undefined>;
  put(conversation: Conversation): Promise<void>;
  delete(id: string): Promise<void>;
}

export class IdbConversationStore implements ConversationStore {
  constructor(private readonly db: IDBPDatabase<SwitchboardDB>) {}

  async list(): Promise<ConversationSummary[]> {
    const all = await this.db.getAllFromIndex('conversations', 'by-updated');
    return all.reverse().map(({ id, title, updatedAt }) => ({ id, title, updatedAt }));
  }
  get(id: string): Promise<Conversation | undefined> {
    return this.db.get('conversations', id);
  }
  async put(conversation: Conversation): Promise<void> {
    await this.db.put('conversations', conversation);
  }
  async delete(id: string): Promise<void> {
    await this.db.delete('conversations', id);
  }
}

/** A title from the first user message, as chat apps do. */
export function titleFor(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New conversation';
}
