import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/page/extract';
import { readMetadata } from '../../src/page/metadata';

const CORPUS = join(import.meta.dirname, '../fixtures/corpus');
const pages = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

interface Expected {
  title: string;
  byline: string | null;
  excerpt: string | null;
  lang: string | null;
  siteName: string | null;
}

describe('extraction quality on the saved real-world pages', () => {
  it('has the twelve pages', () => expect(pages).toHaveLength(12));

  it.each(pages)('%s: metadata matches the hand-checked values, and the Markdown is real content', (name) => {
    const html = readFileSync(join(CORPUS, name, 'source.html'), 'utf8');
    const expected = JSON.parse(
      readFileSync(join(CORPUS, name, 'expected-metadata.json'), 'utf8'),
    ) as Expected;
    const { window } = new JSDOM(html, { url: 'http://fakehost/test/page.html' });
    const article = extractArticle(window.document);
    expect(article.readerable).toBe(true);
    expect(article.title).toBe(expected.title);
    expect(article.byline ?? null).toBe(expected.byline);
    expect(article.excerpt ?? null).toBe(expected.excerpt);
    expect(article.siteName ?? null).toBe(expected.siteName);
    expect(article.markdown.startsWith(`# ${expected.title}`)).toBe(true);
    expect(article.markdown.length).toBeGreaterThan(500);
    expect(article.markdown).not.toMatch(/<script|<style/i);
    const meta = readMetadata(window.document, 'http://fakehost/test/page.html');
    expect(meta.url).toBe('http://fakehost/test/page.html');
    if (expected.lang) expect(meta.language?.toLowerCase()).toBe(expected.lang.toLowerCase());
    window.close();
  });

  it('falls back to the body when there is no article, and caps huge pages', () => {
    const { window } = new JSDOM('<title>Tiny</title><body><p>Just a line.</p></body>');
    expect(extractArticle(window.document).markdown).toBe('# Tiny\n\nJust a line.');
    const capped = extractArticle(window.document, 10).markdown;
    expect(capped).toMatch(/^# Tiny\n\nJu\n\n\[Truncated/);
  });
});
