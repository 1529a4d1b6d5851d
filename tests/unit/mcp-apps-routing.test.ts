import type { Tool } from '@modelcontextprotocol/client';
import { isToolVisibilityAppOnly } from '@modelcontextprotocol/ext-apps/app-bridge';
import { describe, expect, it } from 'vitest';
import { appHostContext } from '../../src/assistant/apps/app-host-context';
import { appResourceOf } from '../../src/assistant/apps/app-resource';
import {
  appContextAttachment,
  appResourceHostUri,
  appServerKey,
  appText,
  decideAppResourceRead,
  decideAppToolCall,
  decideOpenLink,
  toolAppUri,
} from '../../src/assistant/apps/app-routing';
import {
  hiddenFromModel,
  MCP_APPS_CAPABILITY,
  modelTools,
  rendersMcpApps,
  visibleToApps,
} from '../../src/messages/mcp-apps';

const tool = (name: string, ui?: Record<string, unknown>): Tool => ({
  name,
  inputSchema: { type: 'object' },
  ...(ui ? { _meta: { ui } } : {}),
});

describe('visibility', () => {
  const both = tool('weather_srv__show', { resourceUri: 'ui://weather/app.html' });
  const appOnly = tool('weather_srv__refresh', { visibility: ['app'] });
  const modelOnly = tool('weather_srv__summary', { visibility: ['model'] });
  const nobody = tool('weather_srv__hidden', { visibility: [] });
  const plain = tool('weather_srv__plain');

  it('keeps from the model every tool whose visibility lacks "model", as the SDK does for ["app"]', () => {
    expect(modelTools([both, appOnly, modelOnly, nobody, plain]).map((t) => t.name)).toEqual([
      'weather_srv__show',
      'weather_srv__summary',
      'weather_srv__plain',
    ]);
    for (const t of [both, appOnly, modelOnly, plain])
      expect(hiddenFromModel(t)).toBe(isToolVisibilityAppOnly(t));
    expect(hiddenFromModel(nobody)).toBe(true);
  });

  it('lets apps call the default and app-visible tools only', () => {
    expect([both, appOnly, modelOnly, nobody, plain].map(visibleToApps)).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
  });

  it('knows a client that renders apps by the extension and its HTML profile', () => {
    expect(rendersMcpApps(MCP_APPS_CAPABILITY)).toBe(true);
    expect(rendersMcpApps({})).toBe(false);
    expect(rendersMcpApps(undefined)).toBe(false);
    expect(
      rendersMcpApps({ extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html'] } } }),
    ).toBe(false);
  });
});

describe("what an app's requests become", () => {
  const tools = [
    tool('weather_srv__show', { resourceUri: 'ui://weather/app.html' }),
    tool('weather_srv__refresh', { visibility: ['app'] }),
    tool('weather_srv__summary', { visibility: ['model'] }),
    tool('mail_srv__send'),
  ];

  it('finds the app of a server tool, read through the host from that server', () => {
    expect(toolAppUri(tools[0] as Tool)).toBe('ui://weather/app.html');
    expect(toolAppUri(tool('x_srv__y', { resourceUri: 'https://evil.example/app.html' }))).toBeUndefined();
    expect(appServerKey('weather_srv__show')).toBe('weather_srv');
    expect(appServerKey('example.com__search')).toBeUndefined(); // a site's tool has no app
    expect(appResourceHostUri('weather_srv__show', 'ui://weather/app.html')).toBe(
      'switchboard://server/weather_srv/ui://weather/app.html',
    );
    expect(appResourceHostUri('weather_srv__show', 'https://weather.example/')).toBeUndefined();
  });

  it('routes a call to its own server’s tools that apps may call, and refuses the rest', () => {
    expect(decideAppToolCall('weather_srv', tools, 'refresh')).toEqual({
      ok: true,
      value: 'weather_srv__refresh',
    });
    expect(decideAppToolCall('weather_srv', tools, 'show')).toEqual({ ok: true, value: 'weather_srv__show' });
    expect(decideAppToolCall('weather_srv', tools, 'summary')).toMatchObject({
      ok: false,
      reason: /not callable by apps/,
    });
    // Another server's tool, even by its full name: never.
    expect(decideAppToolCall('weather_srv', tools, 'mail_srv__send')).toMatchObject({ ok: false });
    expect(decideAppToolCall('weather_srv', tools, 'send')).toMatchObject({
      ok: false,
      reason: /not available/,
    });
  });

  it("reads only its own server's resources", () => {
    expect(decideAppResourceRead('weather_srv', 'ui://weather/icons.svg')).toEqual({
      ok: true,
      value: 'switchboard://server/weather_srv/ui://weather/icons.svg',
    });
    expect(decideAppResourceRead('weather_srv', 'switchboard://tab/3/content')).toMatchObject({ ok: false });
  });

  it('opens web links only', () => {
    expect(decideOpenLink('https://weather.example/paris')).toEqual({
      ok: true,
      value: 'https://weather.example/paris',
    });
    for (const url of ['javascript:alert(1)', 'chrome://settings', 'file:///etc/passwd', 'not a url'])
      expect(decideOpenLink(url).ok).toBe(false);
  });

  it("takes an app's text blocks only, within a limit, and makes its context an attachment marked as the server's", () => {
    expect(
      appText([
        { type: 'text', text: ' a ' },
        { type: 'image', data: 'x', mimeType: 'image/png' },
        { type: 'text', text: 'b' },
      ]),
    ).toBe('a \nb');
    expect(appText([{ type: 'text', text: 'x'.repeat(10_000) }])).toHaveLength(8000);
    expect(appContextAttachment('c1', 'Show the forecast', 'Forecast', { content: [] })).toBeUndefined();
    expect(
      appContextAttachment('c1', 'Show the forecast', 'Forecast', {
        content: [{ type: 'text', text: 'The user picked Saturday.' }],
        structuredContent: { day: 'Sat' },
      }),
    ).toEqual({
      uri: 'app-context:c1',
      title: 'Show the forecast (app)',
      source: 'Forecast',
      text: 'The user picked Saturday.\n{"day":"Sat"}',
    });
  });
});

describe("an app's resource", () => {
  const uri = 'switchboard://server/weather_srv/ui://weather/app.html';
  it('is the MCP App content, as text or base64, with its declared CSP and permissions', () => {
    const meta = {
      ui: {
        csp: { connectDomains: ['https://api.example'] },
        permissions: { clipboardWrite: {} },
        prefersBorder: false,
      },
    };
    const text = appResourceOf(
      { contents: [{ uri, mimeType: 'text/html;profile=mcp-app', text: '<p>hi</p>', _meta: meta }] },
      uri,
    );
    expect(text).toEqual({
      html: '<p>hi</p>',
      csp: { connectDomains: ['https://api.example'] },
      permissions: { clipboardWrite: {} },
      prefersBorder: false,
    });
    const blob = appResourceOf(
      {
        contents: [
          { uri, mimeType: 'text/html;profile=mcp-app', blob: Buffer.from('<p>é</p>').toString('base64') },
        ],
      },
      uri,
    );
    expect(blob).toEqual({ html: '<p>é</p>' });
  });

  it('is refused when the server sent another type', () => {
    expect(() =>
      appResourceOf({ contents: [{ uri, mimeType: 'text/html', text: '<p>hi</p>' }] }, uri),
    ).toThrow(/no MCP App/);
  });
});

describe('the host context an app is given', () => {
  it('says the panel’s theme, the locale, and inline display within the conversation', () => {
    const context = appHostContext({ dark: true, locale: 'fr-FR', timeZone: 'Europe/Paris', width: 398.6 });
    expect(context).toMatchObject({
      theme: 'dark',
      locale: 'fr-FR',
      timeZone: 'Europe/Paris',
      displayMode: 'inline',
      availableDisplayModes: ['inline'],
      containerDimensions: { width: 399, maxHeight: 640 },
    });
    expect(appHostContext({ dark: false, locale: 'en', timeZone: 'UTC', width: 300 }).theme).toBe('light');
  });
});
