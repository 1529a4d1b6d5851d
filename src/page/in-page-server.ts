import type { CallToolResult, Resource, Tool, Transport } from '@modelcontextprotocol/server';
import { ResourceNotFoundError, Server } from '@modelcontextprotocol/server';
import { isValidToolName, PAGE_URIS, WEBMCP_META_KEY } from '../messages/names';
import { ACTION_META_KEY, ACTOR_META_KEY, isPageAction, PRECHECK_META_KEY } from '../messages/page-actions';
import type { PageToolDescriptor } from '../messages/page-types';
import { errorMessage } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { errorResult, resultFromPage } from './page-result';
import type { PageActionRunner, PageChange, PageSource, PageToolSource } from './sources';

const RESOURCES: Resource[] = [
  {
    uri: PAGE_URIS.content,
    name: 'page-content',
    title: 'Page content',
    description: 'The readable main content of the page, as Markdown.',
    mimeType: 'text/markdown',
  },
  {
    uri: PAGE_URIS.metadata,
    name: 'page-metadata',
    title: 'Page metadata',
    description: 'URL, title, description and language of the page.',
    mimeType: 'application/json',
  },
  {
    uri: PAGE_URIS.selection,
    name: 'page-selection',
    title: 'Selected text',
    description: 'The text the user has selected on the page.',
    mimeType: 'text/plain',
  },
];

const AFFECTED: Record<PageChange, string[]> = {
  navigation: Object.values(PAGE_URIS),
  dom: [PAGE_URIS.content],
  selection: [PAGE_URIS.selection],
};

export function toMcpTool(tool: PageToolDescriptor): Tool {
  const schemaOk = tool.inputSchema.type === 'object';
  return {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    description: schemaOk
      ? tool.description
      : `${tool.description}\n[Unavailable: the site declared an invalid input schema.]`,
    inputSchema: (schemaOk ? tool.inputSchema : { type: 'object' }) as Tool['inputSchema'],
    annotations: {
      readOnlyHint: tool.annotations.readOnlyHint === true,
      ...(tool.title ? { title: tool.title } : {}),
    },
    _meta: {
      [WEBMCP_META_KEY]: {
        consequentialHint: tool.annotations.consequentialHint === true,
        untrustedContentHint: tool.annotations.untrustedContentHint === true,
        // The host refuses calls to it before anything is asked (see argument-check.ts).
        ...(schemaOk ? {} : { unavailable: 'The site declared an invalid input schema.' }),
        ...(tool.form ? { form: tool.form } : {}),
      },
    },
  };
}

/**
 * The in-page MCP server: an SDK Server in the content script exposing the page as resources and the
 * site's WebMCP tools. One per document; talks to the host over a Port transport.
 */
export function createInPageServer(
  tools: PageToolSource,
  /** Absent in an embedded frame: it offers its tools, and the page the user sees is the top one's. */
  page: PageSource | undefined,
  logger: Logger,
  version: string,
  /** Page actions (top frame only). The host lists them itself; this server only carries them out. */
  actions?: PageActionRunner,
): { server: Server; connect(transport: Transport): Promise<void> } {
  const server = new Server(
    { name: 'switchboard-page', version },
    { capabilities: { tools: { listChanged: true }, resources: { subscribe: true } } },
  );
  const subscribed = new Set<string>();
  let known = new Map<string, PageToolDescriptor>();

  const listTools = async (): Promise<Tool[]> => {
    const list = (await tools.list()).filter((t) => {
      if (isPageAction(t.name)) {
        logger.warn(`Ignoring WebMCP tool "${t.name}": Switchboard's own page action has that name.`);
        return false;
      }
      if (isValidToolName(t.name)) return true;
      logger.warn(
        `Ignoring WebMCP tool with a name MCP does not allow: ${JSON.stringify(t.name.slice(0, 140))}`,
      );
      return false;
    });
    known = new Map(list.map((t) => [t.name, t]));
    return list.map(toMcpTool);
  };

  server.setRequestHandler('tools/list', async () => ({ tools: await listTools() }));

  server.setRequestHandler('tools/call', async (request, ctx): Promise<CallToolResult> => {
    const { name, arguments: args = {} } = request.params;
    if (isPageAction(name)) {
      // The worker takes screenshots; a frame has no actions (its document is not the page the user sees).
      if (!actions || name === 'screenshot')
        return errorResult(`"${name}" is not available in this document.`);
      if (request.params._meta?.[PRECHECK_META_KEY] === true) {
        const refusal = await actions.check(name, args).catch(() => undefined);
        return refusal ? errorResult(refusal.text) : { content: [] };
      }
      const actor = request.params._meta?.[ACTOR_META_KEY];
      const label =
        typeof actor === 'object' &&
        actor !== null &&
        typeof (actor as { assistant?: unknown }).assistant === 'string'
          ? (actor as { assistant: string }).assistant.slice(0, 80)
          : undefined;
      try {
        const outcome = await actions.run(name, args, ctx.mcpReq.signal, label);
        return {
          content: [{ type: 'text', text: outcome.text }],
          ...(outcome.isError ? { isError: true } : {}),
          ...(outcome.target ? { _meta: { [ACTION_META_KEY]: { target: outcome.target } } } : {}),
        };
      } catch (error) {
        return errorResult(`"${name}" failed on the page: ${errorMessage(error)}`);
      }
    }
    if (!known.has(name)) await listTools();
    const tool = known.get(name);
    if (!tool) return errorResult(`The page has no tool named "${name}" (it may have been unregistered).`);
    if (tool.inputSchema.type !== 'object') {
      return errorResult(`The site declared an invalid input schema for "${name}", so it cannot be called.`);
    }
    try {
      return resultFromPage(await tools.execute(name, JSON.stringify(args), ctx.mcpReq.signal));
    } catch (error) {
      return errorResult(`The page's tool "${name}" failed: ${errorMessage(error)}`);
    }
  });

  const resources = page ? RESOURCES : [];
  server.setRequestHandler('resources/list', async () => ({ resources }));
  server.setRequestHandler('resources/read', async (request) => {
    const { uri } = request.params;
    if (!page) throw new ResourceNotFoundError(uri);
    switch (uri) {
      case PAGE_URIS.content:
        return { contents: [{ uri, mimeType: 'text/markdown', text: await page.content() }] };
      case PAGE_URIS.metadata:
        return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(page.metadata()) }] };
      case PAGE_URIS.selection:
        return { contents: [{ uri, mimeType: 'text/plain', text: page.selection() }] };
      default:
        throw new ResourceNotFoundError(uri);
    }
  });
  server.setRequestHandler('resources/subscribe', async (request) => {
    if (!resources.some((r) => r.uri === request.params.uri))
      throw new ResourceNotFoundError(request.params.uri);
    subscribed.add(request.params.uri);
    return {};
  });
  server.setRequestHandler('resources/unsubscribe', async (request) => {
    subscribed.delete(request.params.uri);
    return {};
  });

  const report = (what: string) => (error: unknown) =>
    logger.debug(`in-page server: ${what} not sent`, error);
  const offTools = tools.onChange(() => server.sendToolListChanged().catch(report('tools/list_changed')));
  const offPage = page
    ? page.onChange((change) => {
        for (const uri of AFFECTED[change]) {
          if (subscribed.has(uri)) server.sendResourceUpdated({ uri }).catch(report('resources/updated'));
        }
      })
    : () => {};
  server.onclose = () => {
    offTools();
    offPage();
  };

  return { server, connect: (transport) => server.connect(transport) };
}
