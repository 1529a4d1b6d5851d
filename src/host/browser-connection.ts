import type {
  CallToolResult,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplateType as ResourceTemplate,
  Tool,
} from '@modelcontextprotocol/server';
import type { CallOptions } from '../messages/calls';
import { BROWSER_SERVER_ID, serverGrantKey, serverKey } from '../messages/names';
import { HostError } from '../shared/errors';
import {
  accessSentence,
  checkTabUrl,
  loadTrouble,
  noSuchTab,
  notShown,
  refusal,
  shownUrl,
  text,
} from './browser-text';
import { BROWSER_TOOLS, type BrowserToolName, isBrowserTool } from './browser-tools';
import type { ServerConnection } from './server-connection';
import { listingResult, tabsListing, type VisibleTab } from './tabs-listing';
import { type TabsPlatform, waitForLoad } from './tabs-platform';

export type { VisibleTab } from './tabs-listing';

/** What the built-in browser server needs of the browser and of the host. */
export interface BrowserConnectionDeps {
  platform: TabsPlatform;
  /** The top-frame tabs of sites with any grant (a tool, the page, actions) for this assistant (an AssistantRef id). */
  visibleTabs(assistant?: string): Promise<VisibleTab[]>;
  /** Whether this assistant has a grant on the origin (a tool, the page, actions). */
  siteAccess(origin: string, assistant?: string): 'granted' | 'nothing';
  /**
   * Asks a tab that just loaded a granted site to connect, resolving once its connection is up (or will
   * not come): the worker does not connect new pages by itself. Optional; without it we only look.
   */
  connect?(tabId: number): Promise<void>;
  /** The user's switch for the browser tools; absent, they are on. */
  enabled?(): boolean;
  now(): number;
  /** How long tab_open and tab_navigate wait for the page to load; 15 s by default. */
  loadTimeoutMs?: number;
}

const LOAD_TIMEOUT_MS = 15_000;

/**
 * The server the host runs itself: the browser's tabs. Switchboard has no "tabs" permission, so it knows
 * a tab's address and title only where the user granted the site (its page told the host); the rest it
 * only counts. An assistant can act only on the tabs it is shown, and open or send tabs only to http(s).
 */
export class BrowserConnection implements ServerConnection {
  readonly id = `builtin:${BROWSER_SERVER_ID}`;
  readonly kind = 'builtin' as const;
  readonly grantKey = serverGrantKey(BROWSER_SERVER_ID);
  readonly catalogKey = serverKey(BROWSER_SERVER_ID);
  readonly label = 'Browser tabs';
  readonly source = 'Switchboard’s built-in browser tools';
  readonly state = 'connected' as const;
  readonly tools: Tool[] = [...BROWSER_TOOLS];
  readonly resources: Resource[] = [];
  readonly resourceTemplates: ResourceTemplate[] = [];
  readonly prompts: Prompt[] = [];
  readonly trustsAllTools = false;
  lastActive: number;
  readonly #timeoutMs: number;

  constructor(private readonly deps: BrowserConnectionDeps) {
    this.lastActive = deps.now();
    this.#timeoutMs = deps.loadTimeoutMs ?? LOAD_TIMEOUT_MS;
  }

  /** tabs_list repeats the pages' titles; the other tools' answers are ours. */
  untrusted(tool?: Tool): boolean {
    return tool?.name === 'tabs_list';
  }

  toolAllowed(tool: string): boolean {
    return this.hasTool(tool) && this.deps.enabled?.() !== false;
  }

  resourcesAllowed(): boolean {
    return false;
  }

  hasTool(name: string): boolean {
    return isBrowserTool(name);
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<CallToolResult> {
    if (!isBrowserTool(name)) throw new HostError('not-granted', `Unknown tool "${name}".`);
    // The approval may have taken a while: a cancelled call does nothing.
    if (options?.signal?.aborted) throw cancelled(`"${name}" was cancelled before it ran.`);
    return this.#run(name, args, options?.assistant?.id, options?.signal);
  }

  /**
   * What can be refused before anyone is asked: an address that is not http(s), or a tab the assistant is
   * not shown. The person is never asked to approve a call that would be refused anyway.
   */
  async precheck(
    name: string,
    args: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<CallToolResult | undefined> {
    if (name === 'tab_open' || name === 'tab_navigate') {
      const checked = checkTabUrl(args.url);
      if ('refused' in checked) return refusal(checked.refused);
    }
    if (name === 'tab_activate' || name === 'tab_navigate' || name === 'tab_close') {
      const refused = await this.#withTab(args.tabId, options?.assistant?.id, async () => undefined);
      if (refused) return refused;
    }
    return undefined;
  }

  #run(
    name: BrowserToolName,
    args: Record<string, unknown>,
    assistant: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<CallToolResult> {
    switch (name) {
      case 'tabs_list':
        return this.#list(assistant);
      case 'tab_open':
        return this.#open(args.url, assistant, signal);
      case 'tab_activate':
        return this.#withTab(args.tabId, assistant, async (tab, shown) => {
          await this.deps.platform.update(tab.id, { active: true });
          await this.deps.platform.focusWindow(tab.windowId);
          return text(
            `Tab ${tab.id} (${shown}) is now the tab shown in window ${tab.windowId}, and that window is in front.`,
          );
        });
      case 'tab_navigate':
        return this.#withTab(args.tabId, assistant, async (tab, shown) => {
          const checked = checkTabUrl(args.url);
          if ('refused' in checked) return refusal(checked.refused);
          await this.deps.platform.update(tab.id, { url: checked.url.href });
          return this.#afterLoad(tab.id, `Tab ${tab.id} went to ${checked.url.href}.`, checked.url, {
            assistant,
            signal,
            left: shown,
          });
        });
      case 'tab_close':
        return this.#withTab(args.tabId, assistant, async (tab, shown) => {
          await this.deps.platform.remove(tab.id);
          return text(`Closed tab ${tab.id} (${shown}).`);
        });
    }
  }

  async #list(assistant: string | undefined): Promise<CallToolResult> {
    const [all, visible] = await Promise.all([this.deps.platform.all(), this.deps.visibleTabs(assistant)]);
    return listingResult(tabsListing(all, visible));
  }

  async #open(
    rawUrl: unknown,
    assistant: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<CallToolResult> {
    const checked = checkTabUrl(rawUrl);
    if ('refused' in checked) return refusal(checked.refused);
    const tab = await this.deps.platform.create(checked.url.href);
    return this.#afterLoad(tab.id, `Opened tab ${tab.id} at ${checked.url.href}.`, checked.url, {
      assistant,
      signal,
    });
  }

  /**
   * After tab_open or tab_navigate: wait for the page, then say where the tab is and what the assistant
   * has there. `left` is the address a navigated tab showed before.
   */
  async #afterLoad(
    tabId: number,
    done: string,
    url: URL,
    call: { assistant: string | undefined; signal: AbortSignal | undefined; left?: string },
  ): Promise<CallToolResult> {
    const outcome = await waitForLoad(this.deps.platform, tabId, this.#timeoutMs, call.signal);
    if (outcome === 'cancelled')
      throw cancelled(`${done} The call was cancelled while tab ${tabId} was loading; the tab stays.`);
    if (outcome === 'closed') return refusal(`${done} ${loadTrouble(tabId, 'closed', this.#timeoutMs)}`);
    const granted = this.deps.siteAccess(url.origin, call.assistant) === 'granted';
    const access = (visible: boolean) =>
      accessSentence(tabId, visible ? { visible } : { visible, host: url.host, granted });
    // Still loading: the page the host knows for this tab may be the one being left, so look no further.
    if (outcome === 'timeout')
      return text(`${done} ${loadTrouble(tabId, 'timeout', this.#timeoutMs)} ${access(false)}`);
    if (granted) await this.deps.connect?.(tabId);
    const seen = (await this.deps.visibleTabs(call.assistant)).find((v) => v.tabId === tabId);
    const now = seen && shownUrl(seen.url, seen.origin);
    // The host may not have heard yet that the old page went: the same address as before is not news.
    if (!now || (now === call.left && now !== url.href)) return text(`${done} ${access(false)}`);
    // A redirect moves the tab on; where it is now is known only on a site the assistant is shown.
    const where = now === url.href ? done : `${done.slice(0, -1)}; it is now at ${now}.`;
    return text(`${where} ${access(true)}`);
  }

  /** Runs `act` on a tab the assistant is shown; any other tab id is refused, saying what to do. */
  async #withTab<R extends CallToolResult | undefined>(
    rawId: unknown,
    assistant: string | undefined,
    act: (tab: { id: number; windowId: number }, shownUrl: string) => Promise<R>,
  ): Promise<CallToolResult | R> {
    if (typeof rawId !== 'number' || !Number.isInteger(rawId) || rawId < 0)
      return refusal('Give the tab as `tabId`, a number from tabs_list.');
    const [all, visible] = await Promise.all([this.deps.platform.all(), this.deps.visibleTabs(assistant)]);
    const tab = all.find((t) => t.id === rawId);
    if (!tab) return refusal(noSuchTab(rawId));
    const seen = visible.find((v) => v.tabId === rawId);
    if (!seen) return refusal(notShown(rawId));
    return act(tab, shownUrl(seen.url, seen.origin));
  }

  readResource(): Promise<ReadResourceResult> {
    return Promise.reject(noResources());
  }

  subscribe(): Promise<void> {
    return Promise.reject(noResources());
  }

  unsubscribe(): Promise<void> {
    return Promise.reject(noResources());
  }

  resourceUri(): string | undefined {
    return undefined;
  }

  innerUriOf(): string | undefined {
    return undefined;
  }

  async close(): Promise<void> {
    // Nothing to close: it holds no connection, only the platform the worker owns.
  }
}

const cancelled = (message: string) => new HostError('cancelled', message);
const noResources = () =>
  new HostError('unknown-resource', 'Switchboard’s built-in browser tools have no resources.');
