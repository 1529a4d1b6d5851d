import type { ServerCapabilities } from '@modelcontextprotocol/client';

/** What a live session established, kept in chrome.storage.session so a woken worker knows it. */
export interface SessionFacts {
  sessionId?: string;
  protocolVersion?: string;
  transport?: 'streamable-http' | 'sse';
  capabilities?: ServerCapabilities;
  updatedAt: number;
}

/** extension/ passes one over chrome.storage.session; tests pass a Map. */
export interface SessionFactsStore {
  get(serverId: string): Promise<SessionFacts | undefined>;
  set(serverId: string, facts: SessionFacts): Promise<void>;
  delete(serverId: string): Promise<void>;
}

export class MemorySessionFacts implements SessionFactsStore {
  readonly map = new Map<string, SessionFacts>();
  async get(id: string) {
    return this.map.get(id);
  }
  async set(id: string, facts: SessionFacts) {
    this.map.set(id, facts);
  }
  async delete(id: string) {
    this.map.delete(id);
  }
}
