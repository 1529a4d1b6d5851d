import { describe, expect, it } from 'vitest';
import { catalogName, isValidToolName, MCP_NAME, serverKey, siteKey } from '../../src/messages/names';

describe('catalog names', () => {
  it('are readable for ordinary origins', () => {
    expect(catalogName(siteKey('https://example.com'), 'search')).toBe('example.com__search');
    expect(catalogName(siteKey('http://localhost:5173'), 'add_to_cart')).toBe(
      'localhost_http_p5173__add_to_cart',
    );
    expect(siteKey('https://shop.example.com:8443')).toBe('shop.example.com_p8443');
  });

  it('are deterministic', () => {
    expect(catalogName(siteKey('https://Example.COM'), 't')).toBe(
      catalogName(siteKey('https://example.com'), 't'),
    );
  });

  it('escape hosts that MCP names cannot hold', () => {
    expect(siteKey('https://a_b.example')).toBe('a_5fb.example');
    expect(siteKey('http://[::1]:8080')).toBe('_5b_3a_3a1_5d_http_p8080');
    expect(MCP_NAME.test(catalogName(siteKey('https://xn--bcher-kva.example'), 'x'))).toBe(true);
  });

  it('never collide across origins, schemes, ports, servers and tools', () => {
    const hosts = [
      'a',
      'a_b',
      'a-b',
      'a.b',
      'a__b',
      'a_5fb',
      'http',
      'a_http',
      'a_p80',
      'srv',
      'a_srv',
      '127.0.0.1',
      '[::1]',
    ];
    const origins = hosts.flatMap((h) => [
      `https://${h}`,
      `http://${h}`,
      `https://${h}:8080`,
      `http://${h}:8080`,
      `http://${h}:443`,
    ]);
    const keys = new Set<string>();
    const validOrigins = origins.filter((o) => {
      try {
        new URL(o);
        return true;
      } catch {
        return false;
      }
    });
    for (const origin of validOrigins) keys.add(siteKey(origin));
    for (const name of ['a', 'a_b', 'srv', 'A B']) keys.add(serverKey(name));
    expect(keys.size).toBe(new Set(validOrigins.map((o) => new URL(o).origin)).size + 4);

    const tools = ['x', 'b__x', 'x__y', '_', '__', 'p80__x'];
    const names = new Map<string, string>();
    for (const key of keys) {
      for (const tool of tools) {
        const name = catalogName(key, tool);
        expect(MCP_NAME.test(name), name).toBe(true);
        const pair = `${key} ${tool}`;
        expect(names.get(name) ?? pair, `${name} from ${pair} and ${names.get(name)}`).toBe(pair);
        names.set(name, pair);
      }
    }
  });

  it('stay within 128 characters and distinct when very long', () => {
    const origin = `https://${'a'.repeat(60)}.${'b'.repeat(60)}.example`;
    const a = catalogName(siteKey(origin), 't'.repeat(120));
    const b = catalogName(siteKey(origin), `${'t'.repeat(119)}u`);
    expect(a.length).toBe(128);
    expect(b.length).toBe(128);
    expect(a).not.toBe(b);
    expect(MCP_NAME.test(a)).toBe(true);
  });

  it('checks tool names as MCP does', () => {
    expect(isValidToolName('get_weather.v2-beta')).toBe(true);
    for (const bad of ['', 'has space', 'slash/x', 'ünï', 'x'.repeat(129)])
      expect(isValidToolName(bad)).toBe(false);
  });
});
