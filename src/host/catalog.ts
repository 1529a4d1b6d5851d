import type { Prompt, Resource, ResourceTemplateType, Tool } from '@modelcontextprotocol/server';
import { catalogName } from '../messages/names';
import type { Grants } from '../permissions/grants';
import type { ServerConnection } from './server-connection';

export interface ToolRoute {
  grantKey: string;
  tool: string;
  /** A connection that offers it; calls go to connectionFor(route), the most recently active one. */
  via: ServerConnection;
}

export interface ResourceRoute {
  connection: ServerConnection;
  innerUri: string;
}

export interface PromptRoute {
  connection: ServerConnection;
  prompt: string;
}

/**
 * The assistant's view: the union of what is allowed, and nothing else. Tools are per grant key (two tabs
 * of one site offer one tool, routed to the most recently active tab); resources are per connection, since
 * each tab shows a different page. Each server's names carry its catalog key, so servers are told apart.
 */
export class Catalog {
  #tools: Tool[] | undefined;
  #routes: Map<string, ToolRoute> | undefined;

  constructor(
    private readonly grants: Grants,
    private readonly connections: () => Iterable<ServerConnection>,
  ) {}

  /** Call on every change of connections, their lists or grants: tools and routes are cached until then. */
  invalidate(): void {
    this.#tools = undefined;
    this.#routes = undefined;
  }

  /** An assistant is about to read the lists: each connection re-lists what has gone stale (in the background). */
  freshen(): void {
    for (const conn of this.connections()) conn.freshen?.();
  }

  /**
   * The tools, for one assistant when `assistant` (an AssistantRef id) is given: then the sites whose grants
   * the user limited to other assistants drop out. Without it, the union (change detection, the popup).
   */
  tools(assistant?: string): Tool[] {
    this.#tools ??= this.#buildTools();
    if (assistant === undefined || !this.grants.scoped) return this.#tools;
    return this.#tools.filter((t) => {
      const route = this.routeTool(t.name);
      return route !== undefined && this.grants.allowsAssistant(route.grantKey, assistant);
    });
  }

  #buildTools(): Tool[] {
    const byName = new Map<string, Tool>();
    for (const conn of this.#byRecency()) {
      if (conn.state !== 'connected') continue;
      for (const tool of conn.tools) {
        if (!conn.toolAllowed(tool.name, this.grants)) continue;
        const name = catalogName(conn.catalogKey, tool.name);
        if (byName.has(name)) continue;
        const title = tool.title ?? tool.annotations?.title ?? tool.name;
        byName.set(name, {
          ...tool,
          name,
          title: `${title} (${conn.label})`,
          description: `${tool.description ?? ''}\n\n[Tool of ${conn.source}]`.trim(),
        });
      }
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  routeTool(name: string): ToolRoute | undefined {
    if (!this.#routes) {
      this.#routes = new Map();
      for (const conn of this.connections()) {
        for (const tool of conn.tools) {
          const key = catalogName(conn.catalogKey, tool.name);
          if (!this.#routes.has(key))
            this.#routes.set(key, { grantKey: conn.grantKey, tool: tool.name, via: conn });
        }
      }
    }
    return this.#routes.get(name);
  }

  /** The connection a call goes to: of those with this grant key, the most recently active that has the tool. */
  connectionFor(route: ToolRoute): ServerConnection | undefined {
    return this.#byRecency().find(
      (c) => c.grantKey === route.grantKey && c.state === 'connected' && c.hasTool(route.tool),
    );
  }

  /** A connection by its id (a tab's top frame is tabConnectionId(tabId)). */
  connectionById(id: string): ServerConnection | undefined {
    for (const conn of this.connections()) if (conn.id === id) return conn;
    return undefined;
  }

  resources(assistant?: string): Resource[] {
    return this.#visibleWithHostUris((conn) => conn.resources, 'uri', assistant);
  }

  resourceTemplates(assistant?: string): ResourceTemplateType[] {
    return this.#visibleWithHostUris((conn) => conn.resourceTemplates, 'uriTemplate', assistant);
  }

  /** Every visible connection's items, with the URI field rewritten to the assistant-facing form. */
  #visibleWithHostUris<T, K extends keyof T & string>(
    items: (conn: ServerConnection) => T[],
    field: K,
    assistant: string | undefined,
  ): T[] {
    const out: T[] = [];
    for (const conn of this.#visible(assistant)) {
      for (const item of items(conn)) {
        const uri = conn.resourceUri(String(item[field]));
        if (uri) out.push({ ...item, [field]: uri });
      }
    }
    return out;
  }

  /** Listed resources first; then a server's prefix, for URIs expanded from its templates. */
  routeResource(uri: string): ResourceRoute | undefined {
    for (const conn of this.connections()) {
      for (const resource of conn.resources) {
        if (conn.resourceUri(resource.uri) === uri) return { connection: conn, innerUri: resource.uri };
      }
    }
    for (const conn of this.connections()) {
      const innerUri = conn.innerUriOf(uri);
      if (innerUri !== undefined) return { connection: conn, innerUri };
    }
    return undefined;
  }

  prompts(assistant?: string): Prompt[] {
    const out: Prompt[] = [];
    for (const conn of this.#visible(assistant)) {
      for (const prompt of conn.prompts)
        out.push({ ...prompt, name: catalogName(conn.catalogKey, prompt.name) });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  routePrompt(name: string, assistant?: string): PromptRoute | undefined {
    for (const conn of this.#visible(assistant)) {
      for (const prompt of conn.prompts) {
        if (catalogName(conn.catalogKey, prompt.name) === name)
          return { connection: conn, prompt: prompt.name };
      }
    }
    return undefined;
  }

  /** Whether an assistant may use what this grant key's grants allow (the user may limit a site to some). */
  allows(grantKey: string, assistant: string | undefined): boolean {
    return assistant === undefined || this.grants.allowsAssistant(grantKey, assistant);
  }

  #visible(assistant?: string): ServerConnection[] {
    return this.#byRecency().filter(
      (c) => c.state === 'connected' && c.resourcesAllowed(this.grants) && this.allows(c.grantKey, assistant),
    );
  }

  #byRecency(): ServerConnection[] {
    return [...this.connections()].sort((a, b) => b.lastActive - a.lastActive);
  }
}
