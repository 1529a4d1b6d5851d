/**
 * page_snapshot on the twelve saved real-world pages (in jsdom: no layout, so visibility comes from
 * computed style and attributes). The expected set of interactive elements is computed here with a plain
 * query and an ancestor check, separately from the outline's walk, so a walk that skips or repeats
 * elements fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { outlineLines } from '../../src/page/actions/outline';
import { RefRegistry } from '../../src/page/actions/refs';
import { SNAPSHOT_BUDGET, snapshot } from '../../src/page/actions/snapshot';

const CORPUS = join(import.meta.dirname, '../fixtures/corpus');
const pages = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const ROLES =
  'button link checkbox radio switch tab menuitem menuitemcheckbox menuitemradio option textbox searchbox combobox listbox slider spinbutton treeitem';
const INTERACTIVE = [
  'a[href]',
  'area[href]',
  'button',
  'input:not([type="hidden" i])',
  'select',
  'textarea',
  'details > summary',
  '[contenteditable]:not([contenteditable="false" i])',
  ...ROLES.split(' ').map((r) => `[role="${r}"]`),
].join(', ');
const NEVER_SHOWN = new Set(['script', 'style', 'template', 'noscript', 'head', 'svg']);

/** Shown, by the rules a person would check: no hidden ancestor, not itself visibility:hidden. */
function shownForTest(el: Element): boolean {
  const view = el.ownerDocument.defaultView!;
  if (['hidden', 'collapse'].includes(view.getComputedStyle(el).visibility)) return false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (NEVER_SHOWN.has(node.localName)) return false;
    if (node.hasAttribute('hidden') || node.hasAttribute('inert')) return false;
    if (node.getAttribute('aria-hidden') === 'true') return false;
    if (node.localName === 'dialog' && !node.hasAttribute('open')) return false;
    const parent: Element | null = node.parentElement;
    if (parent?.localName === 'details' && !parent.hasAttribute('open')) {
      if (node !== parent.querySelector(':scope > summary')) return false;
    }
    if (view.getComputedStyle(node).display === 'none') return false;
  }
  return true;
}

/** Interactive elements a person can see; the inside of a field or an editable region is its value. */
function expectedInteractive(doc: Document): Set<Element> {
  const all = Array.from(doc.body.querySelectorAll(INTERACTIVE));
  return new Set(
    all.filter((el) => {
      const container = el.parentElement?.closest(
        'select, textarea, [contenteditable]:not([contenteditable="false" i])',
      );
      return !container && shownForTest(el);
    }),
  );
}

/** Marked things that must never show in a snapshot, added to every page. */
const PLANTED = `
<style>.zqx-gone { display: none } .zqx-ghost { visibility: hidden }</style>
<div hidden><button>ZQX hidden attribute</button></div>
<div style="display:none"><a href="/zqx">ZQX inline display none</a></div>
<p class="zqx-gone">ZQX stylesheet display none <a href="/zqx2">ZQX link</a></p>
<p class="zqx-ghost">ZQX visibility hidden</p>
<div aria-hidden="true"><button>ZQX aria-hidden</button></div>
<div inert><button>ZQX inert</button></div>
<template><button>ZQX template</button></template>
<label>Password <input type="password" value="hunter2-secret"></label>
<label>Card <input autocomplete="cc-number" value="4242424242424242"></label>`;

const quiet = () => new VirtualConsole();
const REF = /\[ref=(e\d+)\]/g;

function load(name: string) {
  const html = readFileSync(join(CORPUS, name, 'source.html'), 'utf8');
  const { window } = new JSDOM(html, { url: 'http://fakehost/test/page.html', virtualConsole: quiet() });
  window.document.body.insertAdjacentHTML('beforeend', PLANTED);
  return window;
}

/** Every part, from the first, following the cursors. */
function allParts(doc: Document, refs: RefRegistry, budget?: number) {
  const parts = [snapshot(doc, refs, budget ? { budget } : {})];
  for (let cursor = parts[0]!.nextCursor; cursor; cursor = parts[parts.length - 1]!.nextCursor) {
    parts.push(snapshot(doc, refs, { cursor, ...(budget ? { budget } : {}) }));
    if (parts.length > 2000) throw new Error('paging does not end');
  }
  return parts;
}

describe('page_snapshot on the saved real-world pages', () => {
  it('has the twelve pages', () => expect(pages).toHaveLength(12));

  it.each(pages)(
    '%s: parts fit the budget, every shown interactive element gets one ref, refs are stable, hidden things and secrets stay out',
    (name) => {
      const window = load(name);
      const doc = window.document;
      const refs = new RefRegistry();
      const parts = allParts(doc, refs);
      const first = parts[0]!;
      expect(first.text.startsWith(`Page: ${doc.title.trim().slice(0, 50)}`)).toBe(true);
      expect(first.text.split('\n')[1]).toBe('URL: http://fakehost/test/page.html');
      for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(SNAPSHOT_BUDGET);

      const seen: string[] = parts.flatMap((p) => Array.from(p.text.matchAll(REF), (m) => m[1]!));
      expect(new Set(seen).size).toBe(seen.length); // no element twice
      const found = new Set(seen.map((ref) => refs.resolve(ref)));
      const expected = expectedInteractive(doc);
      const missing = [...expected].filter((el) => !found.has(el)).map((el) => el.outerHTML.slice(0, 120));
      const extra = [...found]
        .filter((el) => !el || !expected.has(el))
        .map((el) => el?.outerHTML.slice(0, 120));
      expect(missing).toEqual([]);
      expect(extra).toEqual([]);
      expect(seen.length).toBeGreaterThan(10);
      expect(parts.reduce((n, p) => n + p.refs, 0)).toBe(seen.length);

      // Stable: a fresh read gives the same text, and each element still has its ref.
      expect(snapshot(doc, refs).text).toBe(first.text);
      for (const el of expected) expect(seen).toContain(refs.refFor(el));

      const all = parts.map((p) => p.text).join('\n');
      expect(all).not.toContain('ZQX');
      expect(all).not.toContain('hunter2');
      expect(all).not.toContain('4242424242424242');
      expect(all).toMatch(/textbox "Password" \[ref=e\d+\] \[type=password\] \[value hidden\]/);
      expect(all).toMatch(/textbox "Card" \[ref=e\d+\] \[value hidden\]/);
      window.close();
    },
    180_000,
  );
});

describe('paging', () => {
  const html = readFileSync(join(import.meta.dirname, '../fixtures/site/act/checkout.html'), 'utf8');

  it('gives the following lines, with no overlap and no gap, and says how to read on', () => {
    const { window } = new JSDOM(html, {
      url: 'http://127.0.0.1/act/checkout.html',
      virtualConsole: quiet(),
    });
    const doc = window.document;
    for (let i = 0; i < 60; i++)
      doc.body.insertAdjacentHTML('beforeend', `<p>Filler paragraph number ${i} with some words.</p>`);
    const refs = new RefRegistry();
    const lines = outlineLines(doc, refs);
    const parts = allParts(doc, refs, 1000);
    expect(parts.length).toBeGreaterThan(2);
    const body = parts.flatMap((p) => {
      const text = p.text.split('\n').slice(2); // Page:, URL:
      return p.nextCursor ? text.slice(0, -1) : text.slice(0, -1); // footer: more below / end of the page
    });
    expect(body).toEqual(lines);
    expect(parts[0]!.text).toContain(`call page_snapshot with cursor "${parts[0]!.nextCursor}"`);
    expect(parts[1]!.text.split('\n')[0]).toMatch(/\(continued\)$/);
    expect(parts.every((p) => p.text.length <= 1000)).toBe(true);
    for (const p of parts) expect(p.nextCursor?.length ?? 0).toBeLessThanOrEqual(64);
  });

  it('reads on from the same line when lines were added above, and refuses a made-up cursor', () => {
    const { window } = new JSDOM(html, {
      url: 'http://127.0.0.1/act/checkout.html',
      virtualConsole: quiet(),
    });
    const doc = window.document;
    for (let i = 0; i < 60; i++) doc.body.insertAdjacentHTML('beforeend', `<p>Filler ${i}.</p>`);
    const refs = new RefRegistry();
    const first = snapshot(doc, refs, { budget: 1000 });
    const next = outlineLines(doc, refs)[Number(first.nextCursor!.split('.')[0])];
    doc.querySelector('h1')!.insertAdjacentHTML('afterend', '<p>A new banner</p><p>And another</p>');
    const second = snapshot(doc, refs, { budget: 1000, cursor: first.nextCursor! });
    expect(second.text.split('\n')[3]).toBe(next);
    expect(() => snapshot(doc, refs, { cursor: 'nonsense' })).toThrow(/not a cursor/);
  });

  it('shows shadow roots and same-origin frames, and names other sites’ frames', () => {
    const { window } = new JSDOM(
      '<title>T</title><body><div id="host"></div><iframe title="Ads" src="https://ads.example/"></iframe></body>',
      {
        url: 'http://127.0.0.1/',
        virtualConsole: quiet(),
      },
    );
    const doc = window.document;
    const root = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<button>Inside the shadow</button>';
    const frame = doc.querySelector('iframe')!;
    Object.defineProperty(frame, 'contentDocument', { value: null });
    const text = snapshot(doc, new RefRegistry()).text;
    expect(text).toMatch(/button "Inside the shadow" \[ref=e1\]/);
    expect(text).toContain('iframe "Ads" (another site; not available)');
  });
});
