/**
 * Declarative WebMCP tools for the polyfill: every `<form toolname tooldescription>` in the document is a
 * tool, kept current as forms come and go, and run as Chromium 156 runs them natively
 * (docs/research/webmcp-declarative.md): the fields are filled; with `toolautosubmit` the form is submitted,
 * otherwise its submit button is focused and the user submits; the `submit` event carries
 * `agentInvoked` and `respondWith(value)`, whose value answers the call; a form that navigates instead
 * answers `null`.
 */
import { type FormTool, formTool } from './form-schema';

export interface FormToolEntry extends FormTool {
  form: HTMLFormElement;
}

type FormWindow = Window & typeof globalThis;

const TOOL_FORM = 'form[toolname]';

/** The document's form tools now, in document order; a later form with a name already used is left out. */
export function listFormTools(doc: Document): FormToolEntry[] {
  const out: FormToolEntry[] = [];
  const names = new Set<string>();
  for (const form of Array.from(doc.querySelectorAll<HTMLFormElement>(TOOL_FORM))) {
    const tool = formTool(form);
    if (!tool || names.has(tool.name)) continue;
    names.add(tool.name);
    out.push({ ...tool, form });
  }
  return out;
}

/**
 * Calls `changed` whenever a form tool appears, goes, or changes its declaration. Returns a stop function.
 *
 * This runs in every document from its first byte, and most documents never have a tool form, so it costs
 * next to nothing until one exists: nothing is observed while the document parses (forms in the HTML are
 * looked for once, at DOMContentLoaded; getTools() lists live meanwhile), and a document without a tool
 * form then has only a light watch, for a form with a toolname arriving (awaitToolForm). The full watch
 * over the forms' fields (watchToolForms) starts with the first tool form (npm run bench, "DOM-heavy page").
 */
export function watchFormTools(win: FormWindow, changed: () => void): () => void {
  const doc = win.document;
  const later = win.setTimeout.bind(win); // captured now: the page may replace the global later
  // Installed before the document parsed: the forms the parser made are new to whoever listens.
  const parsing = doc.readyState === 'loading';
  let stop = () => {};
  const begin = () => {
    const full = (fresh: boolean) => {
      stop = watchToolForms(win, changed, fresh);
    };
    if (doc.querySelector(TOOL_FORM)) full(parsing);
    // Listed after the page's own work of this task (a form is often filled in after it is added).
    else stop = awaitToolForm(win, () => later(() => full(true), 0));
  };
  if (parsing) doc.addEventListener('DOMContentLoaded', begin, { once: true });
  else begin();
  return () => stop();
}

/**
 * Until the document has a tool form: a form arriving, or a form gaining a toolname, is all that can make
 * one. The callback looks only at the added nodes, so a page whose DOM churns pays for little more than
 * the browser's own mutation records.
 */
function awaitToolForm(win: FormWindow, found: () => void): () => void {
  const doc = win.document;
  const observer = new win.MutationObserver((records) => {
    const maybe = records.some((record) =>
      record.type === 'attributes' ? record.target.nodeName === 'FORM' : addsForm(record),
    );
    if (!maybe || !doc.querySelector(TOOL_FORM)) return;
    observer.disconnect();
    found();
  });
  observer.observe(doc, { subtree: true, childList: true, attributes: true, attributeFilter: ['toolname'] });
  return () => observer.disconnect();
}

/**
 * The document has (or had) a tool form: a batch of mutations is looked at only for whether it touches a
 * form, and the forms are listed again at most once per task, after the page's own work. Fields tied to a
 * form from outside it (`form="id"`) are seen when the form itself changes. `fresh`: the tool forms there
 * now are news to whoever listens (they came after the document was first listed).
 */
function watchToolForms(win: FormWindow, changed: () => void, fresh: boolean): () => void {
  const doc = win.document;
  const later = win.setTimeout.bind(win); // captured now: the page may replace the global later
  let last = fresh ? '[]' : signature(listFormTools(doc));
  let scheduled = false;
  const check = () => {
    scheduled = false;
    const next = signature(listFormTools(doc));
    if (next === last) return;
    last = next;
    changed();
  };
  const observer = new win.MutationObserver((records) => {
    // With no tool form in the document, only a form arriving (or gaining a toolname) can matter.
    const inside = last !== '[]';
    if (scheduled || !records.some((record) => touchesForms(record, inside))) return;
    scheduled = true;
    later(check, 0);
  });
  observer.observe(doc, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: [...FORM_ATTRIBUTES, ...FIELD_ATTRIBUTES],
  });
  if (fresh) check();
  return () => observer.disconnect();
}

const FORM_ATTRIBUTES = ['toolname', 'tooldescription', 'toolautosubmit'];
const FIELD_ATTRIBUTES = ['toolparamdescription', 'name', 'required'];

/** Whether one mutation can change a form tool: a form came or went, or something inside a tool form changed. */
function touchesForms(record: MutationRecord, insideToolForms: boolean): boolean {
  const target = record.target as Element;
  const inToolForm = () =>
    insideToolForms && typeof target.closest === 'function' && target.closest('form[toolname]') !== null;
  if (record.type === 'attributes') {
    if (target.nodeName === 'FORM' && FORM_ATTRIBUTES.includes(record.attributeName ?? '')) return true;
    return inToolForm();
  }
  if (addsForm(record)) return true;
  for (let i = 0; i < record.removedNodes.length; i++)
    if (holdsForm(record.removedNodes[i] as Node)) return true;
  // Fields added to or removed from a tool form (the form is an ancestor of where it happened).
  return inToolForm();
}

const addsForm = (record: MutationRecord): boolean => {
  for (let i = 0; i < record.addedNodes.length; i++) if (holdsForm(record.addedNodes[i] as Node)) return true;
  return false;
};

const holdsForm = (node: Node): boolean =>
  node.nodeType === 1 &&
  (node.nodeName === 'FORM' || (node as Element).getElementsByTagName('form').length > 0);

const signature = (tools: FormToolEntry[]) =>
  JSON.stringify(
    tools.map(({ name, description, inputSchema, autosubmit }) => [
      name,
      description,
      inputSchema,
      autosubmit,
    ]),
  );

/** Fills the form with the input, as a person typing would leave it (input and change events fire). */
export function fillForm(win: FormWindow, form: HTMLFormElement, input: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(input)) {
    const items = form.elements.namedItem(key);
    if (!items) continue;
    const fields = items instanceof win.RadioNodeList ? Array.from(items) : [items];
    for (const node of fields) {
      const field = node as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
      if (field instanceof win.HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
        field.checked = field.type === 'checkbox' ? value === true : field.value === String(value);
      } else if (field instanceof win.HTMLSelectElement && field.multiple) {
        const chosen = new Set((Array.isArray(value) ? value : [value]).map(String));
        for (const option of Array.from(field.options)) option.selected = chosen.has(option.value);
      } else {
        field.value = value === null || value === undefined ? '' : String(value);
      }
      field.dispatchEvent(new win.Event('input', { bubbles: true }));
      field.dispatchEvent(new win.Event('change', { bubbles: true }));
    }
  }
}

/**
 * Runs one form tool: fills it, then submits it (toolautosubmit) or focuses its submit button, and settles
 * with what the page answers through `respondWith`, or `null` when the form goes ahead and navigates.
 */
export function runFormTool(
  win: FormWindow,
  tool: FormToolEntry,
  input: Record<string, unknown>,
  signal: AbortSignal,
): Promise<unknown> {
  const { form } = tool;
  return new Promise((resolve, reject) => {
    const stop = () => form.removeEventListener('submit', onSubmit, true);
    const onSubmit = (event: Event) => {
      stop();
      let answered = false;
      // What native adds to the submit event of a form an agent filled.
      Object.defineProperty(event, 'agentInvoked', { value: true, configurable: true });
      Object.defineProperty(event, 'respondWith', {
        configurable: true,
        value: (value: unknown) => {
          if (answered) throw new win.DOMException('respondWith was already called', 'InvalidStateError');
          answered = true;
          event.preventDefault();
          Promise.resolve(value).then(resolve, reject);
        },
      });
      // After every handler of this event: a form nobody answered for goes ahead, and native answers null.
      win.setTimeout(() => {
        if (!answered && !event.defaultPrevented) resolve(null);
      }, 0);
    };
    form.addEventListener('submit', onSubmit, true);
    signal.addEventListener(
      'abort',
      () => {
        stop();
        reject(new win.DOMException('signal is aborted without reason', 'AbortError'));
      },
      { once: true },
    );
    fillForm(win, form, input);
    if (tool.autosubmit) form.requestSubmit();
    else
      form.querySelector<HTMLElement>('button[type=submit], button:not([type]), input[type=submit]')?.focus();
  });
}

/** The form tools of a real page, as the polyfill takes them (webmcp-polyfill.ts, FormToolSource). */
export function domFormTools(win: FormWindow) {
  return {
    list: () => listFormTools(win.document),
    run: (tool: FormToolEntry, input: Record<string, unknown>, signal: AbortSignal) =>
      runFormTool(win, tool, input, signal),
    watch: (changed: () => void) => {
      watchFormTools(win, changed);
    },
  };
}

/**
 * Where a submitted form sends the browser: the submitter's formaction or the form's action, with the
 * fields as the query for GET. A call whose form navigated ends with this, since the page that could
 * answer it is going away.
 */
export function formDestination(form: HTMLFormElement, submitter: HTMLElement | null): string {
  const button = submitter as HTMLButtonElement | null;
  const action = button?.getAttribute('formaction') ?? form.getAttribute('action') ?? '';
  const method = (button?.getAttribute('formmethod') ?? form.getAttribute('method') ?? 'get').toLowerCase();
  let url: URL;
  try {
    url = new URL(action, form.ownerDocument.baseURI);
  } catch {
    return action;
  }
  if (method !== 'get') return `${url.href} (sent as ${method.toUpperCase()})`;
  const query = new URLSearchParams();
  // The form's own window's FormData: the one that can read this form (and the only one in a unit test).
  const Data = form.ownerDocument.defaultView?.FormData ?? FormData;
  for (const [name, value] of new Data(form)) if (typeof value === 'string') query.append(name, value);
  if (button?.name) query.append(button.name, button.value);
  url.search = query.toString();
  return url.href;
}
