import type { Resource, Tool } from '@modelcontextprotocol/server';
import type { Grants } from '../permissions/grants';
import { catalogName, siteKey } from './naming';
import { PAGE_URI_PREFIX, type TabConnection } from './tab-connection';

export interface ToolRoute {
  origin: string;
  tool: string;
}

export interface ResourceRoute {
  connection: TabConnection;
  innerUri: string;
}

/** Assistant-facing URI of a tab resource: switchboard://tab/<tabId>/<path>; frames add /frame/<id>. */
export function hostResourceUri(connection: TabConnection, innerUri: string): string | undefined {
  if (!innerUri.startsWith(PAGE_URI_PREFIX)) return undefined;
  const { tabId, frameId } = connection.identity;
  const frame = frameId === 0 ? '' : `/frame/${frameId}`;
  return `switchboard://tab/${tabId}${frame}/${innerUri.slice(PAGE_URI_PREFIX.length)}`;
}

/**
 * The assistant's view: the union of what is granted, and nothing else. Tools are per origin (two tabs of
 * one site offer one tool, routed to the most recently active tab); resources are per tab, since each tab
 * shows a different page.
 */
export class Catalog {
  constructor(
    private readonly grants: Grants,
    private readonly connections: () => Iterable<TabConnection>,
  ) {}

  tools(): Tool[] {
    const byName = new Map<string, Tool>();
    for (const conn of this.#byRecency()) {
      for (const tool of conn.tools) {
        if (!this.grants.isToolGranted(conn.origin, tool.name)) continue;
        const name = catalogName(siteKey(conn.origin), tool.name);
        if (byName.has(name)) continue;
        const title = tool.title ?? tool.annotations?.title ?? tool.name;
        byName.set(name, {
          ...tool,
          name,
          title: `${title} (${new URL(conn.origin).host})`,
          description: `${tool.description ?? ''}\n\n[Tool of the web page ${conn.origin}]`.trim(),
        });
      }
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  routeTool(name: string): ToolRoute | undefined {
    for (const conn of this.connections()) {
      for (const tool of conn.tools) {
        if (catalogName(siteKey(conn.origin), tool.name) === name)
          return { origin: conn.origin, tool: tool.name };
      }
    }
    return undefined;
  }

  /** The connection a call for (origin, tool) goes to: the most recently active tab that has the tool. */
  connectionFor(route: ToolRoute): TabConnection | undefined {
    return this.#byRecency().find(
      (c) => c.origin === route.origin && c.state === 'connected' && c.hasTool(route.tool),
    );
  }

  resources(): Resource[] {
    const out: Resource[] = [];
    for (const conn of this.#byRecency()) {
      if (conn.state !== 'connected' || !this.grants.isPageGranted(conn.origin)) continue;
      for (const resource of conn.resources) {
        const uri = hostResourceUri(conn, resource.uri);
        if (uri) out.push({ ...resource, uri });
      }
    }
    return out;
  }

  routeResource(uri: string): ResourceRoute | undefined {
    for (const conn of this.connections()) {
      for (const resource of conn.resources) {
        if (hostResourceUri(conn, resource.uri) === uri) return { connection: conn, innerUri: resource.uri };
      }
    }
    return undefined;
  }

  #byRecency(): TabConnection[] {
    return [...this.connections()].sort((a, b) => b.lastActive - a.lastActive);
  }
}
