import type { ReadResourceResult } from '@modelcontextprotocol/server';
import type { SessionTaint } from '../consent/session-taint';
import { tabUriPrefix } from '../messages/names';
import type { Grants } from '../permissions/grants';
import { HostError } from '../shared/errors';
import type { Catalog } from './catalog';
import type { ServerConnection } from './server-connection';

/**
 * Assistants' resource reads and subscriptions, by assistant-facing URI. Several assistant sessions may
 * subscribe to one URI: the server hears one subscribe and one unsubscribe, counted here. Reads and
 * subscriptions check the grant each time, as tool calls do.
 */
export class ResourceSubscriptions {
  readonly #counts = new Map<string, number>();

  constructor(
    private readonly catalog: Catalog,
    private readonly grants: Grants,
    private readonly updated: (hostUri: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.#counts.size;
  }

  /** `assistant` (an AssistantRef id): the reader, when the user may have limited a site to some assistants. */
  async read(
    uri: string,
    signal?: AbortSignal,
    assistant?: string,
    taint?: SessionTaint,
  ): Promise<ReadResourceResult> {
    const route = this.#granted(uri, assistant);
    const result = await route.connection.readResource(route.innerUri, signal);
    // A page's content is someone else's writing, and so is a server's unless the user trusts it.
    if (route.connection.untrusted()) taint?.mark(route.connection.label, this.now());
    return { ...result, contents: result.contents.map((c) => ({ ...c, uri })) };
  }

  async subscribe(uri: string, assistant?: string): Promise<void> {
    const route = this.#granted(uri, assistant);
    const count = this.#counts.get(uri) ?? 0;
    if (count === 0) await route.connection.subscribe(route.innerUri);
    this.#counts.set(uri, count + 1);
  }

  async unsubscribe(uri: string): Promise<void> {
    const count = this.#counts.get(uri) ?? 0;
    if (count <= 1) {
      this.#counts.delete(uri);
      const route = this.catalog.routeResource(uri);
      if (count === 1 && route) await route.connection.unsubscribe(route.innerUri);
    } else this.#counts.set(uri, count - 1);
  }

  /** A server said one of its resources changed: tell the subscribers of its assistant-facing URI. */
  forward(conn: ServerConnection, innerUri: string): void {
    if (!conn.resourcesAllowed(this.grants)) return;
    for (const hostUri of this.#counts.keys()) {
      const route = this.catalog.routeResource(hostUri);
      if (route?.connection === conn && route.innerUri === innerUri) this.updated(hostUri);
    }
  }

  /** A tab's document went away, and its subscriptions with it. */
  dropTab(tabId: number): void {
    for (const uri of [...this.#counts.keys()]) {
      if (uri.startsWith(tabUriPrefix(tabId))) this.#counts.delete(uri);
    }
  }

  #granted(uri: string, assistant: string | undefined) {
    const route = this.catalog.routeResource(uri);
    if (
      !route?.connection.resourcesAllowed(this.grants) ||
      !this.catalog.allows(route.connection.grantKey, assistant)
    ) {
      throw new HostError(
        'unknown-resource',
        `Unknown resource "${uri}": it does not exist or its page content is not shared.`,
      );
    }
    return route;
  }
}
