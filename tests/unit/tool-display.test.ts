import { describe, expect, it } from 'vitest';
import { callSummary, callTitle, toolSource, toolTitle } from '../../src/assistant/tool-display';
import { catalogName, parseCatalogName, serverKey, siteKey } from '../../src/messages/names';
import { readableName } from '../../src/shared/readable-name';

describe('parseCatalogName', () => {
  it('gives back the origin and tool of every kind of site key', () => {
    for (const origin of [
      'https://example.com',
      'http://127.0.0.1:4173',
      'https://shop.example.com:8443',
      'http://localhost',
      'https://xn--bcher-kva.example',
      'http://[::1]:8080',
    ]) {
      expect(parseCatalogName(catalogName(siteKey(origin), 'search_article'))).toEqual({
        source: { kind: 'site', origin },
        tool: 'search_article',
      });
    }
  });

  it('gives back a server by its (lowercased) name', () => {
    expect(parseCatalogName(catalogName(serverKey('My Files'), 'read-file'))).toEqual({
      source: { kind: 'server', name: 'my files' },
      tool: 'read-file',
    });
  });

  it('refuses what is not a catalog name', () => {
    expect(parseCatalogName('search')).toBeUndefined();
    expect(parseCatalogName('__search')).toBeUndefined();
    expect(parseCatalogName('example.com_zz__search')).toBeUndefined();
  });
});

describe('tool titles', () => {
  const name = '127.0.0.1_http_p4173__search_article';

  it('reads names as words', () => {
    expect(readableName('search_article')).toBe('Search article');
    expect(readableName('searchArticle')).toBe('Search article');
    expect(readableName('trigger-sampling-request')).toBe('Trigger sampling request');
  });

  it('takes the tool’s title without the catalog’s site ending, else annotations.title, else its name', () => {
    expect(toolTitle({ name, title: 'Search this article (127.0.0.1:4173)' })).toBe('Search this article');
    expect(toolTitle({ name, title: 'Search this article' })).toBe('Search this article');
    expect(toolTitle({ name, annotations: { title: 'Find in article' } })).toBe('Find in article');
    // The catalog falls back to the tool's own name: still made readable.
    expect(toolTitle({ name, title: 'search_article (127.0.0.1:4173)' })).toBe('Search article');
    expect(toolTitle({ name })).toBe('Search article');
    const server = catalogName(serverKey('Everything'), 'get-sum');
    expect(toolTitle({ name: server, title: 'Get sum (Everything)' })).toBe('Get sum');
    expect(toolTitle({ name: 'plain_tool' })).toBe('Plain tool');
  });

  it('names where a tool runs as a person reads it', () => {
    expect(toolSource(name)).toBe('127.0.0.1:4173');
    expect(toolSource(catalogName(siteKey('https://example.com'), 'x'))).toBe('example.com');
    expect(toolSource(catalogName(serverKey('Everything'), 'x'))).toBe('everything');
    expect(toolSource('no_source')).toBeUndefined();
  });

  it('a call’s one line says what it did, where, and how it went', () => {
    const call = { tool: name, title: 'Search this article' };
    expect(callSummary({ ...call, status: 'done' })).toBe('Searched this article on 127.0.0.1:4173');
    expect(callSummary({ ...call, status: 'running' })).toBe('Searching this article on 127.0.0.1:4173…');
    expect(callSummary({ ...call, status: 'error' })).toBe('Could not search this article on 127.0.0.1:4173');
    expect(callSummary({ ...call, status: 'cancelled' })).toBe(
      'Stopped: Search this article on 127.0.0.1:4173',
    );
    expect(callSummary({ ...call, status: 'waiting-approval' })).toBe(
      'Search this article on 127.0.0.1:4173',
    );
    expect(callSummary({ tool: name, title: 'Add to cart', status: 'done' })).toBe(
      'Added to cart on 127.0.0.1:4173',
    );
    expect(callSummary({ tool: name, title: 'Find a flight', status: 'done' })).toBe(
      'Found a flight on 127.0.0.1:4173',
    );
    // A title that does not start with a known verb keeps its words.
    expect(callSummary({ tool: name, title: 'Weather forecast', status: 'done' })).toBe(
      'Weather forecast on 127.0.0.1:4173',
    );
    expect(callSummary({ tool: name, title: 'Weather forecast', status: 'error' })).toBe(
      'Weather forecast on 127.0.0.1:4173 failed',
    );
    // Conversations saved before kept the catalog's title, and calls without any.
    expect(callTitle({ tool: name, title: 'Search this article (127.0.0.1:4173)' })).toBe(
      'Search this article',
    );
    expect(callTitle({ tool: name })).toBe('Search article');
  });
});
