import {
  buildAllowAttribute,
  type McpUiResourcePermissions,
} from '@modelcontextprotocol/ext-apps/app-bridge';
import { describe, expect, it } from 'vitest';
import {
  appAllowAttribute,
  buildAppCsp,
  cspSource,
  grantedPermissions,
  withCspMeta,
} from '../../src/assistant/apps/app-csp';

const directives = (csp: string) =>
  Object.fromEntries(
    csp.split('; ').map((d) => {
      const [name = '', ...values] = d.split(' ');
      return [name, values.join(' ')];
    }),
  );

describe('the CSP an MCP App runs under', () => {
  it('without declared domains, reaches nothing outside its own document', () => {
    expect(directives(buildAppCsp(undefined))).toEqual({
      'default-src': "'none'",
      'script-src': "'unsafe-inline'",
      'style-src': "'unsafe-inline'",
      'img-src': 'data:',
      'font-src': 'data:',
      'media-src': 'data:',
      'connect-src': "'none'",
      'frame-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
    });
  });

  it('allows each declared domain for what it was declared for, and nothing else', () => {
    const d = directives(
      buildAppCsp({
        connectDomains: ['https://api.weather.example', 'wss://live.weather.example'],
        resourceDomains: ['https://*.cdn.example'],
        frameDomains: ['https://www.youtube.com'],
        baseUriDomains: ['https://base.example'],
      }),
    );
    expect(d['connect-src']).toBe('https://api.weather.example wss://live.weather.example');
    expect(d['script-src']).toBe("'unsafe-inline' https://*.cdn.example");
    expect(d['img-src']).toBe('data: https://*.cdn.example');
    expect(d['frame-src']).toBe('https://www.youtube.com');
    expect(d['base-uri']).toBe('https://base.example');
    expect(d['default-src']).toBe("'none'");
  });

  it('drops what is not an origin: keywords, wildcards, schemes, paths and directive separators', () => {
    const csp = buildAppCsp({
      connectDomains: [
        '*',
        "'unsafe-eval'",
        'data:',
        'https:',
        'javascript:alert(1)',
        'https://ok.example; script-src *',
        'https://a.example https://b.example',
        'https://path.example/api',
        'ftp://files.example',
        'https://fine.example:8443',
      ],
      resourceDomains: [42 as unknown as string],
    });
    expect(directives(csp)['connect-src']).toBe('https://fine.example:8443');
    expect(directives(csp)['script-src']).toBe("'unsafe-inline'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp.split('; ')).toHaveLength(11);
  });

  it('normalises an origin and accepts loopback and IPv6 hosts', () => {
    expect(cspSource('HTTPS://Weather.Example/')).toBe('https://weather.example');
    expect(cspSource('http://127.0.0.1:4173')).toBe('http://127.0.0.1:4173');
    expect(cspSource('http://[::1]:8080')).toBe('http://[::1]:8080');
    expect(cspSource('https://*.example.com')).toBe('https://*.example.com');
    expect(cspSource('https://*')).toBeUndefined();
  });

  it('goes first in the document, after a doctype, so it binds everything the app holds', () => {
    const policy = buildAppCsp(undefined);
    const html = withCspMeta('<!DOCTYPE html><html><head><script>1</script></head></html>', policy);
    expect(html.startsWith('<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="')).toBe(true);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script>'));
    expect(withCspMeta('<p>hi</p>', 'default-src "x"')).toBe(
      '<meta http-equiv="Content-Security-Policy" content="default-src &quot;x&quot;"><p>hi</p>',
    );
  });
});

describe("an app's permissions", () => {
  it('grants clipboard writes only: camera, microphone and location would be the extension’s for good', () => {
    const all: McpUiResourcePermissions = { camera: {}, microphone: {}, geolocation: {}, clipboardWrite: {} };
    expect(grantedPermissions(all)).toEqual({ clipboardWrite: {} });
    expect(appAllowAttribute(all)).toBe('clipboard-write');
    expect(appAllowAttribute({ camera: {} })).toBe('');
    expect(appAllowAttribute(undefined)).toBe('');
  });

  it('maps what it grants as the SDK does', () => {
    const granted = grantedPermissions({ clipboardWrite: {}, camera: {} });
    expect(appAllowAttribute({ clipboardWrite: {}, camera: {} })).toBe(buildAllowAttribute(granted));
  });
});
