import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readableCopy } from '../../src/page/readable-copy';

const URL = 'https://news.example/2026/12/harbour-reopens.html';
const PAGE = `<!doctype html><html lang="en"><head><title>Harbour reopens after storm repairs</title>
<style>body { font-family: Georgia, serif } .byline { color: #555 }</style></head>
<body><style>.ad { display: none }</style>
<article><h1>Harbour reopens after storm repairs</h1><p class="byline">By Ana Ruiz</p>
<p>The town's harbour reopened on Monday, six weeks after the November storm tore away a third of the
outer wall. Fishing boats were the first to return, followed by the ferry to the islands at noon.</p>
<figure><style>figure img { width: 100% }</style><img src="/img/wall.jpg" alt="The rebuilt wall"></figure>
<p>Repairs cost the council 2.4 million euros, <a href="/budget">most of it from the regional fund</a>.
The harbour master said the new wall is built to stand a storm twice as strong.</p>
<div><span><style>.x{}</style><img data-src="/img/ferry-small.jpg"></span><noscript><img src="/img/ferry.jpg"></noscript></div>
<p>Ferries will run on the winter timetable until March, with an extra crossing on Saturdays.</p></article>
</body></html>`;

describe('readableCopy', () => {
  it('leaves out style sheets but keeps the URL, the rest of the tree, and styles next to a noscript', () => {
    const { window } = new JSDOM(PAGE, { url: URL });
    const copy = readableCopy(window.document);
    expect(copy).not.toBe(window.document);
    expect(copy.URL).toBe(URL);
    expect(copy.documentElement.getAttribute('lang')).toBe('en');
    // Only the one beside the noscript is left: Readability's noscript step looks at that sibling.
    expect([...copy.querySelectorAll('style')].map((s) => s.textContent)).toEqual(['.x{}']);
    expect(window.document.querySelectorAll('style')).toHaveLength(4);
    const withoutStyles = (d: Document) => {
      const c = d.cloneNode(true) as Document;
      for (const s of [...c.querySelectorAll('style')]) if (s.textContent !== '.x{}') s.remove();
      return c.documentElement.outerHTML;
    };
    expect(copy.documentElement.outerHTML).toBe(withoutStyles(window.document));
  });

  it('gives Readability the same article as a full clone', () => {
    const { window } = new JSDOM(PAGE, { url: URL });
    const read = (d: Document) => new Readability(d).parse();
    const full = read(window.document.cloneNode(true) as Document);
    const copy = read(readableCopy(window.document));
    expect(copy).toEqual(full);
    // The style beside the noscript decides whether Readability swaps in the noscript's image: with it, the
    // span is not a lone image. Dropping every style would have changed the article.
    expect(full?.content).toContain('ferry-small.jpg');
    expect(full?.content).not.toContain('/img/ferry.jpg"');
    const naive = window.document.cloneNode(true) as Document;
    for (const s of [...naive.querySelectorAll('style')]) s.remove();
    expect(read(naive)?.content).toContain('/img/ferry.jpg"');
  });

  it('is a plain clone when the page has no style element', () => {
    const { window } = new JSDOM('<title>Plain</title><p>Just text.</p>', { url: URL });
    const copy = readableCopy(window.document);
    expect(copy.documentElement.outerHTML).toBe(window.document.documentElement.outerHTML);
    expect(copy.URL).toBe(URL);
  });
});
