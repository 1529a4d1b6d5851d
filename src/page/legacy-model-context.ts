/**
 * `navigator.modelContext`, the API of the 2025–2026 Chrome origin trial and of MCP-B, as an alias onto the
 * current `document.modelContext` (native or our polyfill). Chromium 156 no longer has it
 * (docs/research/webmcp-declarative.md), yet sites still ship against it:
 *   registerTool(tool) → { unregister() }     unregisterTool(name)
 *   provideContext({ tools })                 replaces what the page provided before
 *   clearContext()                            removes every tool registered through the alias
 * Each maps onto registerTool(tool, { signal }), so the tools are the current API's, listed and run once.
 */
import type { ModelContextApi, ModelContextTool } from './webmcp-types';

export interface LegacyModelContext {
  registerTool(tool: ModelContextTool): { unregister(): void };
  unregisterTool(name: string): void;
  provideContext(context?: { tools?: ModelContextTool[] }): void;
  clearContext(): void;
}

export function legacyModelContext(
  context: ModelContextApi,
  AbortControllerCtor: typeof AbortController,
  report: (error: unknown) => void,
): LegacyModelContext {
  const registered = new Map<string, AbortController>();
  let provided = new Set<string>();

  const register = (tool: ModelContextTool) => {
    const name = String((tool as { name?: unknown })?.name ?? '');
    registered.get(name)?.abort(); // registering a name again replaces it, as the trial did
    const controller = new AbortControllerCtor();
    registered.set(name, controller);
    // The trial's registerTool was synchronous: a refusal (bad name, duplicate) is reported, not thrown.
    context.registerTool(tool, { signal: controller.signal }).catch((error: unknown) => {
      if (registered.get(name) === controller) registered.delete(name);
      if (!controller.signal.aborted) report(error);
    });
    return name;
  };
  const unregister = (name: string) => {
    registered.get(name)?.abort();
    registered.delete(name);
    provided.delete(name);
  };

  return {
    registerTool(tool) {
      const name = register(tool);
      return { unregister: () => unregister(name) };
    },
    unregisterTool(name) {
      unregister(String(name));
    },
    provideContext(next = {}) {
      for (const name of provided) unregister(name);
      provided = new Set((next.tools ?? []).map(register));
    },
    clearContext() {
      for (const name of [...registered.keys()]) unregister(name);
    },
  };
}

/**
 * Defines navigator.modelContext unless the page (or another library, e.g. @mcp-b/global) already has one.
 * On Navigator.prototype, without reading `navigator` itself: that first read builds the navigator object
 * in this world, a cost every page would pay at load for an alias few use (npm run bench). `context` is
 * called at the alias's first use: our polyfill is built only then (webmcp-polyfill.ts).
 */
export function installLegacyModelContext(
  win: Window & typeof globalThis,
  context: () => ModelContextApi,
): void {
  const proto = win.Navigator?.prototype;
  if (!proto || 'modelContext' in proto) return;
  let legacy: LegacyModelContext | undefined;
  Object.defineProperty(proto, 'modelContext', {
    get: () =>
      (legacy ??= legacyModelContext(context(), win.AbortController, (error) =>
        win.console.error('navigator.modelContext:', error),
      )),
    enumerable: true,
    configurable: true, // @mcp-b/global replaces it with its own, which must stay possible
  });
}
