import type { Client } from '@modelcontextprotocol/client';
import type { Prompt, Resource, ResourceTemplateType, Tool } from '@modelcontextprotocol/server';
import { listAllPages } from './remote-helpers';

export type ListKind = 'tools' | 'resources' | 'prompts';

export interface ServerLists {
  tools?: Tool[];
  resources?: Resource[];
  resourceTemplates?: ResourceTemplateType[];
  prompts?: Prompt[];
}

export interface FetchedList {
  lists: ServerLists;
  /** How long the server says the list stays fresh (2026-07-28 `ttlMs`, the shortest of its pages); absent before. */
  ttlMs?: number;
}

/**
 * The host asks for a list when it wants the server's answer now (a change notification, an expired list):
 * the SDK's response cache, which serves a list until its ttlMs runs out, is skipped, and refilled.
 */
const NOW = { cacheMode: 'refresh' } as const;

/** One of a server's lists, every page of it; nothing for what the server does not offer. */
export async function fetchList(client: Client, what: ListKind): Promise<FetchedList> {
  const caps = client.getServerCapabilities();
  let ttlMs: number | undefined;
  const timed = <P>(page: P): P => {
    const ttl = (page as { ttlMs?: unknown }).ttlMs;
    if (typeof ttl === 'number') ttlMs = Math.min(ttlMs ?? ttl, ttl);
    return page;
  };
  const lists: ServerLists = {};
  if (what === 'tools' && caps?.tools) {
    lists.tools = await listAllPages(async (c) => timed(await client.listTools(c, NOW)), 'tools');
  } else if (what === 'resources' && caps?.resources) {
    lists.resources = await listAllPages(async (c) => timed(await client.listResources(c, NOW)), 'resources');
    lists.resourceTemplates = await listAllPages(
      async (c) => timed(await client.listResourceTemplates(c, NOW)),
      'resourceTemplates',
    );
  } else if (what === 'prompts' && caps?.prompts) {
    lists.prompts = await listAllPages(async (c) => timed(await client.listPrompts(c, NOW)), 'prompts');
  }
  return { lists, ...(ttlMs !== undefined ? { ttlMs } : {}) };
}
