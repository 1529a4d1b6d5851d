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

/** One of a server's lists, every page of it; nothing for what the server does not offer. */
export async function fetchList(client: Client, what: ListKind): Promise<ServerLists> {
  const caps = client.getServerCapabilities();
  if (what === 'tools' && caps?.tools) {
    return { tools: await listAllPages((cursor) => client.listTools(cursor), 'tools') };
  }
  if (what === 'resources' && caps?.resources) {
    return {
      resources: await listAllPages((cursor) => client.listResources(cursor), 'resources'),
      resourceTemplates: await listAllPages(
        (cursor) => client.listResourceTemplates(cursor),
        'resourceTemplates',
      ),
    };
  }
  if (what === 'prompts' && caps?.prompts) {
    return { prompts: await listAllPages((cursor) => client.listPrompts(cursor), 'prompts') };
  }
  return {};
}
