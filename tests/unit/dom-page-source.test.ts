import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { DomPageSource, SIGNIFICANT_TEXT_CHANGE } from '../../src/page/dom-page-source';
import type { PageChange } from '../../src/page/sources';

function page() {
  const dom = new JSDOM(
    '<html lang="en"><head><title>T</title></head><body><p id="p">Hello</p></body></html>',
    {
      url: 'https://app.example/one',
    },
  );
  const loadExtractor = vi.fn(async () => (doc: Document) => ({
    markdown: `# ${doc.title}\n\n${doc.body.textContent}`,
  }));
  const source = new DomPageSource({ win: dom.window as never, loadExtractor, debounceMs: 20 });
  const changes: PageChange[] = [];
  source.onChange((c) => changes.push(c));
  return { dom, source, changes, loadExtractor };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DomPageSource', () => {
  it('loads the extractor only on the first read, and caches until the page changes', async () => {
    const { dom, source, loadExtractor } = page();
    expect(loadExtractor).not.toHaveBeenCalled();
    expect(await source.content()).toBe('# T\n\nHello');
    expect(await source.content()).toBe('# T\n\nHello');
    expect(loadExtractor).toHaveBeenCalledTimes(1);
    dom.window.document.getElementById('p')!.textContent = 'Changed';
    await wait(5);
    expect(await source.content()).toBe('# T\n\nChanged');
  });

  it('reports significant DOM change once, debounced, and ignores small edits', async () => {
    const { dom, changes } = page();
    const doc = dom.window.document;
    doc.getElementById('p')!.textContent = 'Hi';
    await wait(50);
    expect(changes).toEqual([]);
    for (let i = 0; i < 5; i++) {
      const p = doc.createElement('p');
      p.textContent = 'x'.repeat(SIGNIFICANT_TEXT_CHANGE);
      doc.body.append(p);
    }
    await wait(50);
    expect(changes).toEqual(['dom']);
  });

  it('reports in-app navigation', async () => {
    const { dom, changes, source } = page();
    dom.window.history.pushState({}, '', '/two');
    dom.window.document.body.append(dom.window.document.createElement('div'));
    await wait(50);
    expect(changes).toEqual(['navigation']);
    expect(source.metadata()).toMatchObject({ url: 'https://app.example/two', title: 'T', language: 'en' });
  });

  it('reports selection changes', async () => {
    const { dom, changes, source } = page();
    const range = dom.window.document.createRange();
    range.selectNodeContents(dom.window.document.getElementById('p')!);
    dom.window.getSelection()!.addRange(range);
    dom.window.document.dispatchEvent(new dom.window.Event('selectionchange'));
    await wait(50);
    expect(changes).toEqual(['selection']);
    expect(source.selection()).toBe('Hello');
  });
});
