import type { Transport } from '@modelcontextprotocol/client';
import { Client, type RequestOptions, specTypeSchemas } from '@modelcontextprotocol/client';
import type {
  CallToolResult,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplateType as ResourceTemplate,
  Tool,
} from '@modelcontextprotocol/server';
import type { CallOptions } from '../messages/calls';
import type { TabConnectionState } from '../messages/contract';
import { PAGE_URIS, siteKey, tabConnectionId, tabResourceUri } from '../messages/names';
import { ACTOR_META_KEY, isPageAction, isReadingAction, PRECHECK_META_KEY } from '../messages/page-actions';
import type { Grants } from '../permissions/grants';
import { errorMessage, HostError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { ACTION_TOOLS } from './page-action-tools';
import type { ServerConnection } from './server-connection';
import { webmcpHints } from './webmcp-hints';

export interface TabConnectionEvents {
  changed(): void;
  resourceUpdated(innerUri: string): void;
  closed(): void;
}

/**
 * Takes a picture of a tab, as the worker can (tabs.captureVisibleTab): base64 data and its type.
 * Rejects with words for the model when it cannot (the tab is not the one shown, or Chrome refuses).
 */
export type CaptureTab = (tabId: number) => Promise<{ data: string; mimeType: string }>;

export interface TabIdentity {
  tabId: number;
  frameId: number;
  /** From the Port sender that Chrome filled in, never from the page. */
  origin: string;
}

/**
 * The host's MCP client for one document's in-page server: one SDK Client, one isolated session.
 * It caches the tool and resource lists (refreshed on list_changed) so catalog reads are synchronous.
 */
export class TabConnection implements ServerConnection {
  readonly id: string;
  readonly kind = 'tab' as const;
  readonly client: Client;
  state: TabConnectionState = 'connecting';
  error: string | undefined;
  /** The site's own tools and, in a top frame, the page actions after them. */
  tools: Tool[] = [];
  /** The site's own WebMCP tools only (what the popup grants one by one). */
  siteTools: Tool[] = [];
  resources: Resource[] = [];
  readonly resourceTemplates: ResourceTemplate[] = [];
  readonly prompts: Prompt[] = [];
  lastActive: number;

  constructor(
    readonly identity: TabIdentity,
    private readonly transport: Transport,
    private readonly events: TabConnectionEvents,
    private readonly logger: Logger,
    version: string,
    now: number,
    private readonly capture?: CaptureTab,
  ) {
    this.id = tabConnectionId(identity.tabId, identity.frameId);
    this.lastActive = now;
    this.client = new Client({ name: 'switchboard-host', version }, { capabilities: {} });
    this.client.onclose = () => {
      this.state = 'error';
      this.error ??= 'The page closed its connection.';
      this.events.closed();
    };
    this.client.onerror = (error) => this.logger.warn(`${this.id}: ${errorMessage(error)}`);
  }

  get origin(): string {
    return this.identity.origin;
  }

  readonly trustsAllTools = false;
  /** The page is someone else's writing; a tool's result counts as untrusted when the site marks it so. */
  untrusted(tool?: Tool): boolean {
    return tool ? webmcpHints(tool).untrustedContent : true;
  }

  get grantKey(): string {
    return this.identity.origin;
  }

  get catalogKey(): string {
    return siteKey(this.identity.origin);
  }

  get label(): string {
    return new URL(this.identity.origin).host;
  }

  get source(): string {
    return `the web page ${this.identity.origin}`;
  }

  /** Page actions are offered in the top frame only: a frame's document is not the page the person sees. */
  get offersActions(): boolean {
    return this.identity.frameId === 0;
  }

  toolAllowed(tool: string, grants: Grants): boolean {
    const { origin } = this.identity;
    // Every action is behind "Let assistants act on this site"; the ones that read need the page shared too.
    if (this.offersActions && isPageAction(tool)) {
      return grants.isActionsGranted(origin) && (!isReadingAction(tool) || grants.isPageGranted(origin));
    }
    return grants.isToolGranted(origin, tool);
  }

  resourcesAllowed(grants: Grants): boolean {
    return grants.isPageGranted(this.identity.origin);
  }

  innerUriOf(): string | undefined {
    return undefined; // a tab lists every resource it has
  }

  resourceUri(innerUri: string): string | undefined {
    return tabResourceUri(this.identity.tabId, this.identity.frameId, innerUri);
  }

  async open(): Promise<void> {
    try {
      await this.client.connect(this.transport);
      this.client.setNotificationHandler('notifications/tools/list_changed', () => this.#refresh('tools'));
      this.client.setNotificationHandler('notifications/resources/list_changed', () =>
        this.#refresh('resources'),
      );
      this.client.setNotificationHandler('notifications/resources/updated', (n) =>
        this.events.resourceUpdated(n.params.uri),
      );
      await Promise.all([this.#refresh('tools'), this.#refresh('resources')]);
      this.state = 'connected';
    } catch (error) {
      this.state = 'error';
      this.error = `Could not talk to the page: ${errorMessage(error)}`;
      this.logger.warn(`${this.id} failed to open`, error);
    }
    this.events.changed();
  }

  hasTool(name: string): boolean {
    return this.tools.some((t) => t.name === name);
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<CallToolResult> {
    const action = this.offersActions && isPageAction(name);
    if (action && name === 'screenshot') return this.#screenshot();
    // The page's overlay names who acts; nothing else of the assistant or its conversation goes there.
    const meta =
      action && options?.assistant ? { [ACTOR_META_KEY]: { assistant: options.assistant.label } } : {};
    try {
      return await this.#callTool({ name, arguments: args, _meta: meta }, options);
    } catch (error) {
      // The page navigated, reloaded or closed while the tool ran: its connection ended with it, at once.
      if (this.state !== 'connected' || /connection closed/i.test(errorMessage(error))) {
        throw new HostError(
          'tab-gone',
          `The page ${this.identity.origin} went away (it navigated, reloaded or closed) while "${name}" ran: the call ended without a result. It may or may not have taken effect.`,
        );
      }
      throw error;
    }
  }

  /**
   * `tools/call` through the SDK's request with the spec's result schema, which it validates as ever.
   * Not `Client.callTool`: its extra layers have nothing to do for a page (no page tool has an
   * `outputSchema`, and `Mcp-Param-*` headers are for HTTP), and it probes the result schema with
   * `undefined` on every call, formatting the error it expects (~0.07 ms of the worker per call, npm run
   * bench's profile).
   */
  #callTool(
    params: { name: string; arguments: Record<string, unknown>; _meta: Record<string, unknown> },
    options?: RequestOptions,
  ): Promise<CallToolResult> {
    return this.client.request(
      { method: 'tools/call', params },
      specTypeSchemas.CallToolResult,
      options,
    ) as Promise<CallToolResult>;
  }

  /**
   * Before the person is asked to approve an action: whether the page would refuse it anyway (a ref that is
   * gone, a password field). Silence, a slow page or an error mean "ask": the action checks again itself.
   */
  async precheck(name: string, args: Record<string, unknown>): Promise<CallToolResult | undefined> {
    if (!this.offersActions || !isPageAction(name) || isReadingAction(name)) return undefined;
    try {
      const result = await this.#callTool(
        { name, arguments: args, _meta: { [PRECHECK_META_KEY]: true } },
        { timeout: 3000 },
      );
      return result.isError ? (result as CallToolResult) : undefined;
    } catch (error) {
      this.logger.debug(`${this.id}: no precheck`, error);
      return undefined;
    }
  }

  /** The page's URL and title, from its metadata resource (our own in-page server; the words are the page's). */
  async describe(): Promise<{ url: string; title: string }> {
    const fallback = { url: `${this.identity.origin}/`, title: '' };
    try {
      const { contents } = await this.client.readResource({ uri: PAGE_URIS.metadata }, { timeout: 2000 });
      const first = contents[0];
      const meta: unknown = first && 'text' in first ? JSON.parse(first.text) : undefined;
      if (typeof meta !== 'object' || meta === null) return fallback;
      const { url, title } = meta as { url?: unknown; title?: unknown };
      // The page says where it is; it may only say a URL of its own origin (the Port sender's).
      const sameOrigin =
        typeof url === 'string' && URL.canParse(url) && new URL(url).origin === this.identity.origin;
      return {
        url: sameOrigin ? url : fallback.url,
        title: typeof title === 'string' ? title.slice(0, 300) : '',
      };
    } catch (error) {
      this.logger.debug(`${this.id}: no metadata`, error);
      return fallback;
    }
  }

  async #screenshot(): Promise<CallToolResult> {
    const failed = (text: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text }] });
    if (!this.capture) return failed('Screenshots are not available here.');
    let shot: { data: string; mimeType: string };
    try {
      shot = await this.capture(this.identity.tabId);
    } catch (error) {
      return failed(errorMessage(error));
    }
    const { data, mimeType } = shot;
    return {
      content: [
        {
          type: 'text',
          text: `Screenshot of the visible part of tab ${this.identity.tabId} (${this.label}).`,
        },
        { type: 'image', data, mimeType },
      ],
    };
  }

  readResource(innerUri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    return this.client.readResource({ uri: innerUri }, signal ? { signal } : undefined);
  }

  async subscribe(innerUri: string): Promise<void> {
    await this.client.subscribeResource({ uri: innerUri });
  }

  async unsubscribe(innerUri: string): Promise<void> {
    await this.client.unsubscribeResource({ uri: innerUri });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async #refresh(what: 'tools' | 'resources'): Promise<void> {
    try {
      if (what === 'tools') {
        // A site tool named like a page action would share its catalog name with the top frame's action
        // and shadow it: in any frame of the page, it is not offered.
        this.siteTools = (await this.#listAllTools()).filter((t) => !isPageAction(t.name));
        this.tools = this.offersActions ? [...this.siteTools, ...ACTION_TOOLS] : this.siteTools;
      } else this.resources = (await this.client.listResources()).resources;
      this.events.changed();
    } catch (error) {
      this.logger.warn(`${this.id}: could not list ${what}`, error);
    }
  }

  async #listAllTools(): Promise<Tool[]> {
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.client.listTools(cursor ? { cursor } : undefined);
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor && tools.length < 10_000);
    return tools;
  }
}
