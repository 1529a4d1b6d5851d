/**
 * A WebMCP polyfill faithful to the spec (webmachinelearning/webmcp, document.modelContext) and to what
 * Chromium 156's native implementation does where the two differ (result serialisation; see
 * docs/ARCHITECTURE.md). Installed in the page's main world at document_start only when the browser has
 * no native document.modelContext, so sites written against the standard work today.
 *
 * Everything the page could tamper with later (JSON, setTimeout, Promise statics) is captured at install.
 */

import type { FormToolEntry } from './form-tools';
import { type Definition, readToolInit } from './webmcp-tool-init';
import type { ModelContextApi, ModelContextTool, PolyfillWindow, RegisteredTool } from './webmcp-types';
import { isSecureOrigin, queueTask, serializeResult } from './webmcp-values';

const NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** The document's declarative tools (form-tools.ts), when the polyfill runs in a real page. */
export interface FormToolSource {
  list(): FormToolEntry[];
  run(tool: FormToolEntry, input: Record<string, unknown>, signal: AbortSignal): Promise<unknown>;
  watch(changed: () => void): void;
}

export function createModelContext(win: PolyfillWindow, forms?: FormToolSource): ModelContextApi {
  const { JSON: json, Promise: P } = globalThis;
  const stringify = json.stringify.bind(json);
  const parse = json.parse.bind(json);
  const later = queueTask(win);
  const tools = new Map<string, Definition>();
  const origin = win.location.origin;
  const dom = (message: string, name: string) => new win.DOMException(message, name);
  let constructing = true;

  class ToolEvent extends win.Event {
    constructor(
      type: string,
      readonly toolName: string,
    ) {
      super(type);
    }
  }

  class ModelContext extends win.EventTarget implements ModelContextApi {
    #handlers: Record<string, ((event: Event) => unknown) | null> = {};

    constructor() {
      if (!constructing) throw new TypeError("Failed to construct 'ModelContext': Illegal constructor");
      super();
    }

    registerTool(tool: ModelContextTool, options: { signal?: AbortSignal; exposedTo?: string[] } = {}) {
      return new P<undefined>((resolve, reject) => {
        if (tool === undefined)
          throw new TypeError(
            "Failed to execute 'registerTool' on 'ModelContext': 1 argument required, but only 0 present.",
          );
        const def = readToolInit(tool, stringify);
        if (tools.has(def.name)) throw dom('Duplicate tool name', 'InvalidStateError');
        if (!NAME.test(def.name)) throw dom('Invalid tool name', 'InvalidStateError');
        if (def.description === '') throw dom('Description is required', 'InvalidStateError');
        const { signal } = options;
        if (signal?.aborted) return reject(signal.reason);
        for (const target of options.exposedTo ?? []) {
          if (!isSecureOrigin(target))
            throw dom('Only secure origins are allowed in the exposedTo list.', 'SecurityError');
        }
        let settled = false;
        signal?.addEventListener(
          'abort',
          () => {
            if (tools.get(def.name) !== def) return;
            tools.delete(def.name);
            later(() => this.#fire(new win.Event('toolchange')));
            if (!settled) reject(signal.reason);
          },
          { once: true },
        );
        tools.set(def.name, def);
        later(() => {
          if (tools.get(def.name) !== def) return;
          this.#fire(new win.Event('toolchange'));
          settled = true;
          resolve(undefined);
        });
      });
    }

    getTools(options: { fromOrigins?: string[] } = {}) {
      return new P<RegisteredTool[]>((resolve) => {
        for (const o of options.fromOrigins ?? []) {
          if (!isSecureOrigin(o))
            throw dom('Only secure origins are allowed in the fromOrigins list.', 'SecurityError');
        }
        const declared = (forms?.list() ?? [])
          .filter((f) => !tools.has(f.name))
          .map((f) => ({
            name: f.name,
            title: '',
            description: f.description,
            window: win,
            origin,
            inputSchema: parse(stringify(f.inputSchema)),
          }));
        const imperative = [...tools.values()].map((d) => {
          const item: RegisteredTool = {
            name: d.name,
            title: d.title,
            description: d.description,
            window: win,
            origin,
          };
          if (d.schemaJson !== undefined) item.inputSchema = parse(d.schemaJson);
          if (d.annotations) item.annotations = { ...d.annotations };
          return item;
        });
        resolve(
          [...imperative, ...declared].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        );
      });
    }

    executeTool(tool: RegisteredTool, input: object = {}, options: { signal?: AbortSignal } = {}) {
      return new P<string | null>((resolve, reject) => {
        if (typeof tool !== 'object' || tool === null) {
          throw new TypeError(
            "Failed to execute 'executeTool' on 'ModelContext': The provided value is not of type 'RegisteredTool'.",
          );
        }
        for (const member of ['name', 'description', 'window', 'origin'] as const) {
          if (tool[member] === undefined) {
            throw new TypeError(
              `Failed to execute 'executeTool' on 'ModelContext': Failed to read the '${member}' property from 'RegisteredTool': Required member is undefined.`,
            );
          }
        }
        if (typeof input !== 'object' || input === null) {
          throw new TypeError(
            "Failed to execute 'executeTool' on 'ModelContext': invalid input object: value is not an object",
          );
        }
        let inputJson: string;
        try {
          inputJson = stringify(input);
        } catch (error) {
          throw new TypeError(
            `Failed to execute 'executeTool' on 'ModelContext': ${(error as Error).message}`,
          );
        }
        const { signal } = options;
        if (signal?.aborted) return reject(dom('signal is aborted without reason', 'AbortError'));
        const def = String(tool.name) && tools.get(String(tool.name));
        const form = def ? undefined : forms?.list().find((f) => f.name === String(tool.name));
        if (form && tool.origin === origin && tool.window === win) {
          return this.#runForm(form, parse(inputJson), signal, resolve, reject);
        }
        if (!def || tool.origin !== origin || tool.window !== win) {
          return reject(
            dom('The operation failed for an unknown transient reason (e.g. out of memory).', 'UnknownError'),
          );
        }
        const inner = new win.AbortController();
        let done = false;
        signal?.addEventListener(
          'abort',
          () => {
            if (done) return;
            done = true;
            inner.abort();
            this.#fire(new ToolEvent('toolcancel', def.name));
            reject(signal.reason);
          },
          { once: true },
        );
        const failed = (error: unknown) => {
          win.console.error('WebMCP tool execution failed: Uncaught', error);
          return dom(
            'Tool was executed but the invocation failed. For example, the script function threw an error',
            'UnknownError',
          );
        };
        later(() => {
          if (done) return;
          this.#fire(new ToolEvent('toolactivated', def.name));
          let pending: unknown;
          try {
            pending = def.execute.call(undefined, parse(inputJson), { signal: inner.signal });
          } catch (error) {
            done = true;
            return reject(failed(error));
          }
          P.resolve(pending).then(
            (value) => {
              if (done) return;
              done = true;
              try {
                resolve(serializeResult(value, stringify));
              } catch (error) {
                reject(failed(error));
              }
            },
            (error) => {
              if (done) return;
              done = true;
              reject(failed(error));
            },
          );
        });
      });
    }

    /** A declarative tool: the form is filled and submitted (or left for the user to submit). */
    #runForm(
      form: FormToolEntry,
      input: Record<string, unknown>,
      signal: AbortSignal | undefined,
      resolve: (value: string | null) => void,
      reject: (reason: unknown) => void,
    ) {
      const inner = new win.AbortController();
      signal?.addEventListener(
        'abort',
        () => {
          inner.abort();
          this.#fire(new ToolEvent('toolcancel', form.name));
          reject(signal.reason);
        },
        { once: true },
      );
      later(() => {
        this.#fire(new ToolEvent('toolactivated', form.name));
        forms!
          .run(form, input, inner.signal)
          .then((value) => resolve(value === null ? null : serializeResult(value, stringify)), reject);
      });
    }

    #fire(event: Event): void {
      this.dispatchEvent(event);
    }

    #handlerFor(type: string) {
      return this.#handlers[type] ?? null;
    }

    #setHandler(type: string, value: unknown) {
      const previous = this.#handlers[type];
      if (previous) this.removeEventListener(type, previous);
      const handler = typeof value === 'function' ? (value as (event: Event) => unknown) : null;
      this.#handlers[type] = handler;
      if (handler) this.addEventListener(type, handler);
    }

    get ontoolchange() {
      return this.#handlerFor('toolchange');
    }
    set ontoolchange(v) {
      this.#setHandler('toolchange', v);
    }
    get ontoolactivated() {
      return this.#handlerFor('toolactivated');
    }
    set ontoolactivated(v) {
      this.#setHandler('toolactivated', v);
    }
    get ontoolcancel() {
      return this.#handlerFor('toolcancel');
    }
    set ontoolcancel(v) {
      this.#setHandler('toolcancel', v);
    }

    get [Symbol.toStringTag]() {
      return 'ModelContext';
    }
  }

  const context = new ModelContext();
  constructing = false;
  forms?.watch(() => later(() => context.dispatchEvent(new win.Event('toolchange'))));
  return context;
}
