/**
 * The name a person would read for an element: a simplified accessible-name computation (aria-labelledby,
 * aria-label, its labels, its own text, then placeholder, title and, last, the name attribute). Good
 * enough for an assistant to tell fields and buttons apart; not a full accname implementation.
 */
import { inputType, interactiveRole } from './roles';
import { collapse, quote } from './text';

const FIELD_TAGS = new Set(['input', 'select', 'textarea']);
const BUTTON_TYPES = new Set(['submit', 'button', 'reset', 'image']);
/** Text inside these is not part of a label's or button's name (a select's options, a field's value). */
const NOT_NAME = new Set(['select', 'textarea', 'script', 'style', 'template', 'noscript']);

/**
 * Names elements; one per walk, because it remembers each root's `label[for]` elements (Chrome's
 * `el.labels` scans the whole tree for every field, which is quadratic on a page full of fields).
 */
export class Namer {
  private readonly labelsByRoot = new WeakMap<Node, Map<string, Element[]>>();

  name(el: Element, role = interactiveRole(el)): string {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      const root = el.getRootNode() as Document | ShadowRoot;
      const text = labelledBy
        .split(/\s+/)
        .map((id) => (id && typeof root.getElementById === 'function' ? root.getElementById(id) : null))
        .map((ref) => (ref ? textOf(ref) : ''))
        .join(' ');
      if (collapse(text)) return collapse(text);
    }
    const aria = el.getAttribute('aria-label');
    if (aria && collapse(aria)) return collapse(aria);
    const tag = el.localName;
    if (tag === 'input' && BUTTON_TYPES.has(inputType(el))) {
      const input = el as HTMLInputElement;
      const fallback = input.type === 'reset' ? 'Reset' : input.type === 'image' ? input.alt : 'Submit';
      return collapse(input.value || fallback || '');
    }
    if (FIELD_TAGS.has(tag)) {
      const labelled = this.labelText(el);
      if (labelled) return labelled;
    } else if (role && role !== 'textbox') {
      const own = collapse(textOf(el));
      if (own) return own;
      const img = el.querySelector('img[alt]');
      const alt = img ? collapse(img.getAttribute('alt') ?? '') : '';
      if (alt) return alt;
    }
    for (const attr of ['placeholder', 'data-placeholder', 'title', 'name']) {
      const value = el.getAttribute(attr);
      if (value && collapse(value)) return collapse(value);
    }
    return '';
  }

  /** `button "Place order"`: the role and name, as the outline and the audit log show an element. */
  describe(el: Element): string {
    const role = interactiveRole(el) ?? el.localName;
    const name = this.name(el, role);
    return name ? `${role} ${quote(name)}` : role;
  }

  private labelText(el: Element): string {
    const labels: Element[] = [];
    const wrapping = el.closest('label');
    if (wrapping && (!wrapping.hasAttribute('for') || wrapping.getAttribute('for') === el.id)) {
      labels.push(wrapping);
    }
    if (el.id) {
      for (const label of this.labelsFor(el.getRootNode()).get(el.id) ?? []) {
        if (label !== wrapping) labels.push(label);
      }
    }
    return collapse(labels.map(textOf).join(' '));
  }

  private labelsFor(root: Node): Map<string, Element[]> {
    let map = this.labelsByRoot.get(root);
    if (!map) {
      map = new Map();
      const scope = root as Document | ShadowRoot;
      for (const label of Array.from(scope.querySelectorAll?.('label[for]') ?? [])) {
        const id = label.getAttribute('for') ?? '';
        map.set(id, [...(map.get(id) ?? []), label]);
      }
      this.labelsByRoot.set(root, map);
    }
    return map;
  }
}

/** An element's text for a name: its text nodes, leaving out fields' contents and scripts. */
export function textOf(el: Element): string {
  // The fast path: most names are plain text with nothing to leave out.
  if (!el.querySelector('select, textarea, script, style, template, noscript')) return el.textContent ?? '';
  let out = '';
  const visit = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) out += (child as Text).data;
      else if (child.nodeType === 1 && !NOT_NAME.has((child as Element).localName)) visit(child);
    }
  };
  visit(el);
  return out;
}
