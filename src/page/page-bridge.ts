import { envelope } from '../messages/contract';
import type { PageToolDescriptor } from '../messages/page-types';
import type { WireError } from '../shared/errors';
import { bridgeMessage, isBridgeMessage } from './bridge-protocol';
import { formDestination } from './form-tools';
import type { ModelContextApi, RegisteredTool } from './webmcp-types';

/** Bounds on what the bridge forwards, so a hostile page cannot flood our isolated world. */
export const LIMITS = {
  tools: 256,
  description: 16_000,
  schemaChars: 64_000,
  resultChars: 1024 * 1024,
  inputChars: 1024 * 1024,
} as const;

export interface BridgeWindow {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown, targetOrigin: string): void;
  AbortController?: typeof AbortController;
  document?: Pick<Document, 'querySelectorAll'>;
  setTimeout?: (callback: () => void, ms?: number) => unknown;
}

/**
 * Runs in the page's main world: answers our isolated world's requests by calling the standard
 * document.modelContext API (native or polyfill: the same code path for both), and tells it when the
 * tool set changes. It never sees extension APIs: it only talks window.postMessage.
 *
 * The context can come later (`attach`): our polyfill is built only when the page first uses WebMCP
 * (webmcp-polyfill.ts), and until then the page has no tools, so a listing is empty without building it.
 */
export function installPageBridge(
  win: BridgeWindow,
  initial?: ModelContextApi,
): { attach(context: ModelContextApi): void } {
  const post = win.postMessage.bind(win);
  const { stringify, parse } = { stringify: JSON.stringify.bind(JSON), parse: JSON.parse.bind(JSON) };
  const send = (message: ReturnType<typeof bridgeMessage>) => post(message, '/');

  let context: ModelContextApi | undefined;
  // getTools() is a round trip in native Chromium; the list only changes with a toolchange event.
  let cached: Promise<RegisteredTool[]> | undefined;
  const ownTools = (): Promise<RegisteredTool[]> => {
    if (!context) return Promise.resolve([]);
    cached ??= context
      .getTools()
      .then((tools) => tools.filter((t) => t.window === undefined || t.window === win));
    cached.catch(() => {
      cached = undefined; // the caller reports the failure; the next call asks again
    });
    return cached;
  };
  // A page registers its tools one call at a time, and each fires its own toolchange (a task apart): the
  // isolated world hears of them once a burst, with the news always sent after the last change it carries.
  const later = (win.setTimeout ?? setTimeout).bind(win) as (callback: () => void, ms?: number) => unknown;
  let telling = false;
  const tell = () => {
    telling = false;
    send(bridgeMessage(envelope('page→content:toolchange', {})));
  };
  const attach = (next: ModelContextApi) => {
    if (context) return;
    context = next;
    cached = undefined;
    next.addEventListener('toolchange', () => {
      cached = undefined;
      if (telling) return;
      telling = true;
      later(tell, 0);
    });
  };
  if (initial) attach(initial);

  // Calls in flight, by id, so that a cancel from the isolated world reaches the tool's signal.
  const running = new Map<string, AbortController>();
  // A declarative tool is a <form toolname> of this document (native lists it like any other tool); the
  // first form of a name is the tool, as in form-tools.ts. One query per listing or call, not per tool.
  const formsByName = (): Map<string, Element> => {
    const byName = new Map<string, Element>();
    if (typeof win.document?.querySelectorAll !== 'function') return byName;
    for (const form of Array.from(win.document.querySelectorAll('form[toolname]'))) {
      const name = form.getAttribute('toolname')?.trim();
      if (name && !byName.has(name)) byName.set(name, form);
    }
    return byName;
  };
  const Abort = win.AbortController ?? AbortController; // captured now: the page may replace the global later

  win.addEventListener('message', (event) => {
    if (event.source !== (win as unknown) || !isBridgeMessage(event.data)) return;
    const { type, payload } = event.data as { type: string; payload: Record<string, unknown> };
    const id = typeof payload?.id === 'string' ? payload.id.slice(0, 64) : null;
    if (type === 'content→page:list' && id) {
      ownTools()
        .then((tools) =>
          send(
            bridgeMessage(
              envelope('page→content:tools', {
                id,
                tools: describeTools(tools, stringify, parse, tools.length ? formsByName() : new Map()),
              }),
            ),
          ),
        )
        // getTools rejects when the permissions policy forbids tools: the page then offers none.
        .catch(() => send(bridgeMessage(envelope('page→content:tools', { id, tools: [] }))));
    } else if (type === 'content→page:cancel' && id) {
      running.get(id)?.abort();
    } else if (type === 'content→page:execute' && id) {
      const fail = (error: WireError) =>
        send(bridgeMessage(envelope('page→content:result', { id, ok: false, error })));
      const { name, input } = payload;
      if (typeof name !== 'string' || typeof input !== 'string' || input.length > LIMITS.inputChars) {
        return fail({ name: 'TypeError', message: 'Malformed tool call.' });
      }
      void (async () => {
        const tool = (await ownTools()).find((t) => t.name === name);
        if (!tool) return fail({ name: 'NotFoundError', message: `No tool named "${name}" is registered.` });
        const controller = new Abort();
        running.set(id, controller);
        // A form tool's submission, seen before the browser leaves: a form that navigates ends the call
        // with where it went, which is all the page can still say (executeTool resolves null).
        const form = formsByName().get(name) as HTMLFormElement | undefined;
        let submitter: HTMLElement | null = null;
        const onSubmit = (event: Event) => {
          submitter = (event as SubmitEvent).submitter;
        };
        form?.addEventListener('submit', onSubmit, true);
        // ownTools found the tool, so there is a context.
        const result = await (context as ModelContextApi)
          .executeTool(tool, parse(input), { signal: controller.signal })
          .finally(() => {
            running.delete(id);
            form?.removeEventListener('submit', onSubmit, true);
          });
        const text =
          result ??
          (form
            ? `The form was submitted and the browser is going to ${formDestination(form, submitter)}`
            : 'null');
        if (text.length > LIMITS.resultChars) {
          return fail({
            name: 'RangeError',
            code: 'too-large',
            message: `The result is too large (${text.length} characters; the limit is ${LIMITS.resultChars}).`,
          });
        }
        send(bridgeMessage(envelope('page→content:result', { id, ok: true, result: text })));
      })().catch((error: unknown) =>
        fail({
          name: error instanceof Error || error instanceof DOMException ? error.name : 'Error',
          message: error instanceof Error || error instanceof DOMException ? error.message : String(error),
        }),
      );
    }
  });
  return { attach };
}

function describeTools(
  tools: RegisteredTool[],
  stringify: typeof JSON.stringify,
  parse: typeof JSON.parse,
  forms: Map<string, Element>,
): PageToolDescriptor[] {
  return tools.slice(0, LIMITS.tools).map((tool) => {
    let inputSchema: Record<string, unknown> = { type: 'object', properties: {} };
    if (tool.inputSchema !== undefined) {
      // Native keeps the schema unvalidated; a schema too big or not an object is passed on marked invalid.
      const json = stringify(tool.inputSchema) ?? '';
      const value = json.length <= LIMITS.schemaChars ? parse(json) : null;
      inputSchema = value && typeof value === 'object' && !Array.isArray(value) ? value : { invalid: true };
    }
    const a = tool.annotations;
    return {
      name: String(tool.name),
      ...(tool.title ? { title: String(tool.title).slice(0, 200) } : {}),
      description: String(tool.description).slice(0, LIMITS.description),
      inputSchema,
      annotations: {
        readOnlyHint: a?.readOnlyHint === true,
        consequentialHint: a?.consequentialHint === true,
        untrustedContentHint: a?.untrustedContentHint === true,
      },
      ...formMark(forms.get(String(tool.name))),
    };
  });
}

const formMark = (form: Element | undefined) =>
  form ? { form: { autosubmit: form.hasAttribute('toolautosubmit') } } : {};
