import type { CompleteRequest, CompleteResult, GetPromptResult } from '@modelcontextprotocol/server';
import { RemoteConnection } from '../remote/remote-connection';
import { HostError } from '../shared/errors';
import type { Catalog } from './catalog';

/** prompts/get, routed by catalog name to the server that owns the prompt. */
export async function getPrompt(
  catalog: Catalog,
  name: string,
  args: Record<string, string> | undefined,
  signal?: AbortSignal,
  assistant?: string,
): Promise<GetPromptResult> {
  const route = catalog.routePrompt(name, assistant);
  if (!(route?.connection instanceof RemoteConnection)) {
    throw new HostError('unknown-prompt', `Unknown prompt "${name}".`);
  }
  return route.connection
    .live()
    .getPrompt({ name: route.prompt, ...(args ? { arguments: args } : {}) }, signal ? { signal } : undefined);
}

/** completion/complete for a prompt argument or a resource template variable, routed to its server. */
export async function complete(
  catalog: Catalog,
  params: CompleteRequest['params'],
  assistant?: string,
): Promise<CompleteResult> {
  const empty: CompleteResult = { completion: { values: [], hasMore: false } };
  if (params.ref.type === 'ref/prompt') {
    const route = catalog.routePrompt(params.ref.name, assistant);
    if (!(route?.connection instanceof RemoteConnection)) return empty;
    return route.connection.live().complete({ ...params, ref: { type: 'ref/prompt', name: route.prompt } });
  }
  const route = catalog.routeResource(params.ref.uri);
  if (
    !(route?.connection instanceof RemoteConnection) ||
    !route.connection.resourcesAllowed() ||
    !catalog.allows(route.connection.grantKey, assistant)
  )
    return empty;
  return route.connection.live().complete({ ...params, ref: { type: 'ref/resource', uri: route.innerUri } });
}
