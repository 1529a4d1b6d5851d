import type { Resource, Tool } from '@modelcontextprotocol/server';
import type { Grants } from '../permissions/grants';
import { catalogName } from './naming';
import type { ServerConnection } from './server-connection';

export interface ToolRoute {
  grantKey: string;
  tool: string;
}

export interface ResourceRoute {
  connection: ServerConnection;
  innerUri: string;
}

/**
 * The assistant's view: the union of what is granted, and nothing else. Tools are per origin (two tabs of
 * one site offer one tool, routed to the most recently active tab); resources are per tab, since each tab
 * shows a different page.
 */
export class Catalog {
  constructor(
    private readonly grants: Grants,
    private readonly connections: () => Iterable<ServerConnection>,
  ) {}

  tools(): Tool[] {
    const byName = new Map<string, Tool>();
    for (const conn of this.#byRecency()) {
      for (const tool of conn.tools) {
        if (!this.grants.isToolGranted(conn.grantKey, tool.name)) continue;
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
    for (const conn of this.connections()) {
      for (const tool of conn.tools) {
        if (catalogName(conn.catalogKey, tool.name) === name)
          return { grantKey: conn.grantKey, tool: tool.name };
      }
    }
    return undefined;
  }

  /** The connection a call goes to: of those with this grant key, the most recently active that has the tool. */
  connectionFor(route: ToolRoute): ServerConnection | undefined {
    return this.#byRecency().find(
      (c) => c.grantKey === route.grantKey && c.state === 'connected' && c.hasTool(route.tool),
    );
  }

  resources(): Resource[] {
    const out: Resource[] = [];
    for (const conn of this.#byRecency()) {
      if (conn.state !== 'connected' || !this.grants.isPageGranted(conn.grantKey)) continue;
      for (const resource of conn.resources) {
        const uri = conn.resourceUri(resource.uri);
        if (uri) out.push({ ...resource, uri });
      }
    }
    return out;
  }

  routeResource(uri: string): ResourceRoute | undefined {
    for (const conn of this.connections()) {
      for (const resource of conn.resources) {
        if (conn.resourceUri(resource.uri) === uri) return { connection: conn, innerUri: resource.uri };
      }
    }
    return undefined;
  }

  #byRecency(): ServerConnection[] {
    return [...this.connections()].sort((a, b) => b.lastActive - a.lastActive);
  }
}
