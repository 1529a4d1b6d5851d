import { createModelContext, type FormToolSource } from './webmcp-polyfill';
import type { ModelContextApi, PolyfillWindow } from './webmcp-types';

/**
 * Defines document.modelContext (an enumerable getter on Document.prototype, as native) unless the browser
 * already has it or the context is not secure (native exposes it only in secure contexts).
 *
 * The polyfill is built on first use, not at install: at the getter's first read, or when the document's
 * first `<form toolname>` appears (the form watch starts now, and a tool form is a tool even on a page that
 * never reads the API). Most pages do neither and pay only for the getter (npm run bench, "ordinary page").
 * `created` hears of it before the page gets it, so a listener (the bridge) sees the page's first tool.
 * Returns the function that builds it (or returns it once built), or undefined when nothing is installed.
 */
export function installWebMcpPolyfill(
  win: PolyfillWindow & { Document?: { prototype: object } },
  forms?: FormToolSource,
  created?: (context: ModelContextApi) => void,
): (() => ModelContextApi) | undefined {
  if (!win.isSecureContext) return undefined;
  const existing = (win.document as { modelContext?: ModelContextApi }).modelContext;
  if (existing) return () => existing;
  let context: ModelContextApi | undefined;
  // The form watch runs from install; the polyfill, once built, follows it through this.
  let formsChanged = () => {};
  const followed: FormToolSource | undefined = forms && {
    list: () => forms.list(),
    run: (tool, input, signal) => forms.run(tool, input, signal),
    watch: (changed) => {
      formsChanged = changed;
    },
  };
  const get = (): ModelContextApi => {
    if (context) return context;
    context = createModelContext(win, followed);
    created?.(context);
    return context;
  };
  const target = win.Document?.prototype ?? win.document;
  Object.defineProperty(target, 'modelContext', { get, enumerable: true, configurable: true });
  forms?.watch(() => {
    get();
    formsChanged();
  });
  return get;
}
