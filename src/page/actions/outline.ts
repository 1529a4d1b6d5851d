/**
 * The page outline: one line per thing a person sees or uses, in reading order. Text runs, headings
 * (`## Title`), images with alt text, landmarks where they help (navigation, main, forms, dialogs,
 * search), live regions (`status "1 item in your cart"`) and every interactive element with its ref,
 * name, state and (never for sensitive fields) value. page_snapshot pages through these lines; the
 * actions diff them before and after acting.
 */

import { Namer, textOf } from './names';
import type { RefRegistry } from './refs';
import { inputType, interactiveRole, isDisabled, isEditableHost } from './roles';
import { isSensitiveField } from './sensitive';
import { isShown } from './shown';
import { collapse, cut, pageText, quote } from './text';
import { type Visitor, walkDocument } from './walk';

/** Elements that start and end a run of text (without layout, the tag is the best guess at a block). */
const BLOCK = new Set(
  'address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr legend li main menu nav ol p pre search section summary table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);
/** Controls whose inside is their value, not more page: the outline does not walk into them. */
const LEAF = new Set(['input', 'select', 'textarea']);
const LANDMARK_TAGS: Record<string, string> = {
  nav: 'navigation',
  main: 'main',
  form: 'form',
  search: 'search',
};
const LANDMARK_ROLES = new Set(['navigation', 'main', 'form', 'search', 'dialog', 'alertdialog']);
/** Input types whose value is not text a person typed (no `value=` shown). */
const NO_VALUE = new Set(['checkbox', 'radio', 'submit', 'button', 'reset', 'image', 'file']);
/** Input types worth naming, since they tell what to type (a date, an email). */
const PLAIN_TYPES = new Set([
  'text',
  'search',
  'checkbox',
  'radio',
  'submit',
  'button',
  'reset',
  'number',
  'range',
]);
const OPTIONS_SHOWN = 20;
const TEXT_MAX = 200;

const F_BLOCK = 1;
const F_QUIET = 2;
const F_HEADING = 4;
const F_LANDMARK = 8;
const F_FRAME = 16;

/** The outline of a document as lines, giving refs (through `refs`) to every interactive element shown. */
export function outlineLines(doc: Document, refs: RefRegistry): string[] {
  const builder = new OutlineBuilder(refs, originOf(doc));
  walkDocument(doc, builder);
  builder.flush();
  return builder.lines;
}

function originOf(doc: Document): string {
  try {
    return new URL(doc.URL).origin;
  } catch {
    return '';
  }
}

class OutlineBuilder implements Visitor {
  readonly lines: string[] = [];
  private readonly namer = new Namer();
  private buffer = '';
  /** Inside a name (a link's, a heading's …): its text is already on the element's line. */
  private quiet = 0;
  private indent = '';
  private readonly stack: number[] = [];
  private readonly marks: number[] = [];

  constructor(
    private readonly refs: RefRegistry,
    private readonly origin: string,
  ) {}

  enter(el: Element, shown: boolean): boolean {
    const tag = el.localName;
    if (BLOCK.has(tag)) this.flush();
    if (tag === 'br' || tag === 'hr' || tag === 'svg') return false;
    const role = shown ? interactiveRole(el) : null;
    if (role) {
      this.flush();
      this.emit(this.control(el, role));
      if (LEAF.has(tag) || isEditableHost(el)) return false;
      return this.push(F_QUIET);
    }
    if (tag === 'img') {
      const alt = collapse(el.getAttribute('alt') ?? '');
      if (alt && shown && this.quiet === 0) {
        this.flush();
        this.emit(`img ${quote(alt)}`);
      }
      return false;
    }
    if (this.quiet > 0) return this.push(BLOCK.has(tag) ? F_BLOCK : 0);
    // A label's text is its field's name, on the field's line; said again only if the field is not shown.
    if (tag === 'label') return this.push(labelsShownField(el) ? F_QUIET : 0);
    const explicit = el.getAttribute('role');
    const level = headingLevel(el, tag, explicit);
    if (level > 0) {
      const text = collapse(textOf(el));
      if (text) {
        this.marks.push(this.lines.length);
        this.emit(`${'#'.repeat(level)} ${pageText(cut(text, 100))}`);
        return this.push(F_HEADING | F_QUIET | F_BLOCK);
      }
    }
    const landmark =
      LANDMARK_TAGS[tag] ??
      (explicit && LANDMARK_ROLES.has(explicit) ? explicit : tag === 'dialog' ? 'dialog' : '');
    if (landmark) {
      const name = this.namer.name(el, null);
      this.marks.push(this.lines.length);
      this.emit(name ? `${landmark} ${quote(name)}:` : `${landmark}:`);
      if (landmark !== 'main') this.indent += '  ';
      return this.push(F_LANDMARK | F_BLOCK);
    }
    const live = explicit === 'status' || explicit === 'alert' ? explicit : liveKind(el);
    if (live) {
      const text = collapse(textOf(el));
      if (text) {
        this.flush();
        this.emit(`${live} ${quote(text, TEXT_MAX)}`);
        return this.push(F_QUIET | F_BLOCK);
      }
    }
    return this.push(BLOCK.has(tag) ? F_BLOCK : 0);
  }

  leave(el: Element): void {
    const flags = this.stack.pop() ?? 0;
    if (flags & F_QUIET) this.quiet--;
    if (flags & F_BLOCK) this.flush();
    if (flags & F_HEADING) this.mergeHeading(this.marks.pop() ?? 0);
    if (flags & (F_LANDMARK | F_FRAME)) {
      this.flush();
      if (el.localName !== 'main') this.indent = this.indent.slice(2);
      const mark = this.marks.pop() ?? 0;
      if (this.lines.length === mark + 1) this.lines.pop(); // nothing shown inside: no header either
    }
  }

  text(data: string): void {
    if (this.quiet === 0) this.buffer += data;
  }

  frame(el: HTMLIFrameElement | HTMLFrameElement, doc: Document | null): boolean {
    this.flush();
    const title = el.getAttribute('title') || el.getAttribute('aria-label') || el.getAttribute('name') || '';
    if (!doc) {
      this.emit(`iframe${title ? ` ${quote(title)}` : ''} (another site; not available)`);
      return false;
    }
    this.marks.push(this.lines.length);
    this.emit(`iframe${title ? ` ${quote(title)}` : ''}:`);
    this.indent += '  ';
    // leave() undoes this frame's mark and indent; the entry pushed by enter() is replaced to say so.
    this.stack[this.stack.length - 1] = (this.stack[this.stack.length - 1] ?? 0) | F_FRAME;
    return true;
  }

  flush(): void {
    if (!this.buffer) return;
    // A long paragraph is cut anyway: collapsing only its start keeps this linear in what is shown.
    const text = collapse(this.buffer.length > 4000 ? this.buffer.slice(0, 4000) : this.buffer);
    this.buffer = '';
    if (text) this.emit(pageText(cut(text, TEXT_MAX)));
  }

  private emit(line: string): void {
    this.lines.push(this.indent + line);
  }

  private push(flags: number): boolean {
    this.stack.push(flags);
    if (flags & F_QUIET) this.quiet++;
    return true;
  }

  /** `## link "Title" [ref=e4] → /a`: a heading that is just a link says so on one line. */
  private mergeHeading(mark: number): void {
    const heading = this.lines[mark];
    const only = this.lines[mark + 1];
    if (heading === undefined || only === undefined || this.lines.length !== mark + 2) return;
    const [hashes = '', ...words] = heading.slice(this.indent.length).split(' ');
    const inner = only.slice(this.indent.length);
    if (!inner.includes(`${quote(words.join(' '))} [ref=`)) return;
    this.lines.length = mark;
    this.emit(`${hashes} ${inner}`);
  }

  /** One interactive element's line: role, name, ref, state, value. */
  private control(el: Element, role: string): string {
    const name = this.namer.name(el, role);
    let line = `${role}${name ? ` ${quote(name)}` : ''} [ref=${this.refs.refFor(el)}]`;
    const tag = el.localName;
    const type = inputType(el);
    if (type && !PLAIN_TYPES.has(type)) line += ` [type=${type}]`;
    line += states(el, tag, type);
    if (tag === 'select') return line + selectValue(el as HTMLSelectElement);
    if ((tag === 'input' && !NO_VALUE.has(type)) || tag === 'textarea') {
      const value = (el as HTMLInputElement).value;
      if (value) line += isSensitiveField(el, this.namer) ? ' [value hidden]' : ` value=${quote(value)}`;
    } else if (isEditableHost(el)) {
      const value = collapse(el.textContent ?? '');
      if (value) line += isSensitiveField(el, this.namer) ? ' [value hidden]' : ` value=${quote(value)}`;
    } else if (role === 'link') {
      const href = this.href(el);
      if (href) line += ` → ${href}`;
    }
    return line;
  }

  /** Links on this site as their path; others in full; `javascript:` links as nothing. */
  private href(el: Element): string {
    const raw = el.getAttribute('href') ?? '';
    if (/^\s*javascript:/i.test(raw)) return '';
    const full = (el as HTMLAnchorElement).href || raw;
    const short = this.origin && full.startsWith(`${this.origin}/`) ? full.slice(this.origin.length) : full;
    return cut(short.replace(/\s/g, '%20'), 120);
  }
}

function labelsShownField(label: Element): boolean {
  const control = (label as HTMLLabelElement).control;
  return !!control && interactiveRole(control) !== null && isShown(control);
}

function headingLevel(el: Element, tag: string, role: string | null): number {
  if (tag.length === 2 && tag[0] === 'h' && tag[1]! >= '1' && tag[1]! <= '6') return Number(tag[1]);
  if (role !== 'heading') return 0;
  const level = Number(el.getAttribute('aria-level'));
  return level >= 1 && level <= 6 ? level : 2;
}

function liveKind(el: Element): string {
  const live = el.getAttribute('aria-live');
  return live === 'polite' || live === 'assertive' ? 'status' : '';
}

function states(el: Element, tag: string, type: string): string {
  let out = '';
  if (isDisabled(el)) out += ' [disabled]';
  if (tag === 'input' && (type === 'checkbox' || type === 'radio')) {
    const input = el as HTMLInputElement;
    if (input.indeterminate) out += ' [mixed]';
    else if (input.checked) out += ' [checked]';
  } else {
    const checked = el.getAttribute('aria-checked');
    if (checked === 'true') out += ' [checked]';
    else if (checked === 'mixed') out += ' [mixed]';
  }
  if (el.getAttribute('aria-pressed') === 'true') out += ' [pressed]';
  if (el.getAttribute('aria-selected') === 'true') out += ' [selected]';
  const expanded =
    tag === 'summary' ? String(el.parentElement?.hasAttribute('open')) : el.getAttribute('aria-expanded');
  if (expanded === 'true') out += ' [expanded]';
  else if (expanded === 'false') out += ' [collapsed]';
  if ((el as HTMLInputElement).required === true || el.getAttribute('aria-required') === 'true') {
    out += ' [required]';
  }
  if ((el as HTMLInputElement).readOnly === true) out += ' [readonly]';
  if (el.getAttribute('aria-invalid') === 'true') out += ' [invalid]';
  return out;
}

/** ` value="France" options: "France", "Germany", …and 180 more`, the list capped. */
function selectValue(select: HTMLSelectElement): string {
  const options = select.options;
  const chosen: string[] = [];
  const shown: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const option = options[i]!;
    const text = option.label || option.text;
    if (option.selected) chosen.push(quote(text, 60));
    if (i < OPTIONS_SHOWN) shown.push(quote(text, 40));
  }
  const more = options.length > OPTIONS_SHOWN ? `, …and ${options.length - OPTIONS_SHOWN} more` : '';
  const value =
    chosen.length === 0 ? '' : select.multiple ? ` selected: ${chosen.join(', ')}` : ` value=${chosen[0]}`;
  return `${value}${shown.length > 0 ? ` options: ${shown.join(', ')}${more}` : ''}`;
}
