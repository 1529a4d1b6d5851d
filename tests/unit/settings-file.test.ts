import { describe, expect, it } from 'vitest';
import type { StandingApproval } from '../../src/messages/decisions';
import type { GrantRecord } from '../../src/messages/grant-record';
import type { Preferences } from '../../src/messages/preferences';
import { DEFAULT_PREFERENCES } from '../../src/settings/preferences';
import { checkPreferences, formatRootsText, parseRootsText } from '../../src/settings/preferences-check';
import {
  parseSettingsFile,
  type SettingsSnapshot,
  serializeSettings,
} from '../../src/settings/settings-file';

const SECRET = 'sk-live-abcdef0123456789';

const grants: GrantRecord[] = [
  { origin: 'https://shop.example', target: 'tool:search', grantedAt: 1000 },
  { origin: 'https://shop.example', target: 'page', grantedAt: 1001 },
  { origin: 'http://localhost:8080', target: 'blocked', grantedAt: 1002 },
];
const always: StandingApproval = {
  assistant: 'claude-desktop',
  source: 'server:abc',
  tool: 'read_file',
  decision: 'allow-always',
  at: 2000,
};
const preferences: Preferences = {
  approvalTimeoutSeconds: 300,
  auditLimit: 1000,
  roots: [{ uri: 'file:///home/me/project', name: 'My project' }, { uri: 'https://example.com/repo' }],
};
const snapshot: SettingsSnapshot = {
  grants,
  approvals: [always, { ...always, tool: 'write_file', decision: 'allow-session' }],
  servers: [
    {
      id: 'abc',
      name: 'Files',
      url: 'https://mcp.example.com/mcp',
      headers: { Authorization: `Bearer ${SECRET}`, 'X-Team': 'blue-team-secret' },
      enabled: true,
      allowAllTools: false,
      createdAt: 3000,
    },
  ],
  preferences,
};

/** A valid exported file as an object, for tests to break one field at a time. */
function validFile(): Record<string, unknown> & {
  grants: Record<string, unknown>[];
  approvals: Record<string, unknown>[];
  servers: Record<string, unknown>[];
  preferences: Record<string, unknown>;
} {
  return JSON.parse(serializeSettings(snapshot));
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('settings file', () => {
  it('round-trips grants, always-approvals, servers and preferences', () => {
    const text = serializeSettings(snapshot, new Date('2030-01-02T03:04:05Z'));
    expect(JSON.parse(text)).toMatchObject({
      format: 'switchboard-settings',
      version: 1,
      exportedAt: '2030-01-02T03:04:05.000Z',
    });
    const parsed = parseSettingsFile(text);
    expect(parsed.grants).toEqual(grants);
    expect(parsed.approvals).toEqual([always]); // the session approval is not exported
    expect(parsed.preferences).toEqual(preferences);
    expect(parsed.servers).toEqual([
      {
        id: 'abc',
        name: 'Files',
        url: 'https://mcp.example.com/mcp',
        enabled: true,
        allowAllTools: false,
        createdAt: 3000,
        headerNames: ['Authorization', 'X-Team'],
      },
    ]);
  });

  it('never writes header values (they may be API keys)', () => {
    const text = serializeSettings(snapshot);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('blue-team-secret');
    expect(text).not.toContain('"headers"');
  });

  it('rejects text that is not JSON', () => {
    expect(errorOf(() => parseSettingsFile('{oops'))).toMatch(/^This file is not JSON: /);
  });

  it('rejects JSON that is not a settings file', () => {
    for (const text of [
      '[]',
      'null',
      '42',
      '{"grants": []}',
      '{"format": "other-extension", "version": 1}',
    ]) {
      expect(errorOf(() => parseSettingsFile(text))).toBe('This is not a Switchboard settings file.');
    }
  });

  it('rejects a file from a newer version', () => {
    const text = JSON.stringify({ ...validFile(), version: 2 });
    expect(errorOf(() => parseSettingsFile(text))).toMatch(/made by a newer Switchboard/);
  });

  it('rejects a huge file before parsing it', () => {
    const text = `{"format":"switchboard-settings","pad":"${'x'.repeat(5_000_001)}"}`;
    expect(errorOf(() => parseSettingsFile(text))).toMatch(/too large/);
  });

  it.each([
    ['grants[1].origin: not an http(s) origin', (f) => (f.grants[1]!.origin = 'https://shop.example/path')],
    ['grants[0].origin: not an http(s) origin', (f) => (f.grants[0]!.origin = 'file:///etc/passwd')],
    ['grants[0].target: must be "page"', (f) => (f.grants[0]!.target = 'everything')],
    ['grants[0].target: must be "page"', (f) => (f.grants[0]!.target = 'tool:')],
    ['grants[0].target: must be "page"', (f) => (f.grants[0]!.target = `tool:${'x'.repeat(129)}`)],
    ['approvals[0].decision: only "allow-always"', (f) => (f.approvals[0]!.decision = 'allow-session')],
    ['approvals[0].tool', (f) => delete f.approvals[0]!.tool],
    ['approvals[0].assistant', (f) => (f.approvals[0]!.assistant = 'a'.repeat(257))],
    ['servers[0].url: Use https for evil.example', (f) => (f.servers[0]!.url = 'http://evil.example/mcp')],
    ['servers[0].url: Switchboard connects', (f) => (f.servers[0]!.url = 'javascript:alert(1)')],
    ['servers[1].id: duplicate id "abc"', (f) => f.servers.push({ ...f.servers[0]!, name: 'Copy' })],
    ['servers[0].headerNames[0]: "Bad Name"', (f) => (f.servers[0]!.headerNames = ['Bad Name'])],
    ['servers[0].headerNames[0]: The header "Host"', (f) => (f.servers[0]!.headerNames = ['Host'])],
    ['preferences.auditLimit: The audit log size must be', (f) => (f.preferences.auditLimit = 10)],
    [
      'preferences.roots[1].uri: "ftp://x" is not',
      (f) => (f.preferences.roots = [{ uri: 'file:///a' }, { uri: 'ftp://x' }]),
    ],
    ['preferences: missing (expected object)', (f) => Reflect.deleteProperty(f, 'preferences')],
  ] as [string, (f: ReturnType<typeof validFile>) => void][])('reports %s', (expected, breakIt) => {
    const file = validFile();
    breakIt(file);
    const message = errorOf(() => parseSettingsFile(JSON.stringify(file)));
    expect(message).toMatch(/^This settings file was not imported:\n/);
    expect(message).toContain(expected);
  });

  it('lists at most five problems, then says how many more', () => {
    const file = validFile();
    file.grants = Array.from({ length: 8 }, (_, i) => ({ origin: `bad-${i}`, target: 'page', grantedAt: 0 }));
    const message = errorOf(() => parseSettingsFile(JSON.stringify(file)));
    expect(message.split('\n')).toEqual([
      'This settings file was not imported:',
      'grants[0].origin: not an http(s) origin',
      'grants[1].origin: not an http(s) origin',
      'grants[2].origin: not an http(s) origin',
      'grants[3].origin: not an http(s) origin',
      'grants[4].origin: not an http(s) origin',
      '…and 3 more.',
    ]);
  });

  it('caps the number of grants', () => {
    const file = validFile();
    file.grants = Array.from({ length: 10_001 }, () => ({
      origin: 'https://a.example',
      target: 'page',
      grantedAt: 0,
    }));
    expect(errorOf(() => parseSettingsFile(JSON.stringify(file)))).toContain(
      'grants: more than 10000 grants',
    );
  });
});

describe('checkPreferences', () => {
  it('accepts the defaults and the limits', () => {
    expect(checkPreferences(DEFAULT_PREFERENCES)).toEqual(DEFAULT_PREFERENCES);
    const edge = { approvalTimeoutSeconds: 10, auditLimit: 100_000, roots: [] };
    expect(checkPreferences(edge)).toEqual(edge);
  });

  it.each([
    [{ approvalTimeoutSeconds: 9 }, 'The approval timeout must be a whole number from 10 to 3600.'],
    [{ approvalTimeoutSeconds: 3601 }, 'The approval timeout must be a whole number from 10 to 3600.'],
    [{ approvalTimeoutSeconds: 12.5 }, 'The approval timeout must be a whole number from 10 to 3600.'],
    [{ approvalTimeoutSeconds: Number.NaN }, 'The approval timeout must be a whole number from 10 to 3600.'],
    [{ auditLimit: 99 }, 'The audit log size must be a whole number from 100 to 100000.'],
    [{ auditLimit: '500' }, 'The audit log size must be a whole number from 100 to 100000.'],
    [{ roots: Array.from({ length: 51 }, () => ({ uri: 'file:///a' })) }, 'At most 50 roots.'],
    [{ roots: [{ uri: 'not a url' }] }, 'roots[0].uri: "not a url" is not a file:, https: or http: URL.'],
    [
      { roots: [{ uri: 'file:///a', name: 'n'.repeat(201) }] },
      'roots[0].name: A root name can be at most 200',
    ],
  ])('rejects %j', (patch, expected) => {
    expect(errorOf(() => checkPreferences({ ...DEFAULT_PREFERENCES, ...patch }))).toContain(expected);
  });
});

describe('parseRootsText', () => {
  it('reads one root per line, with an optional name, ignoring blank lines', () => {
    const text = '\n  file:///home/me/project   My   project \r\n\nhttps://example.com/repo\n';
    expect(parseRootsText(text)).toEqual([
      { uri: 'file:///home/me/project', name: 'My   project' },
      { uri: 'https://example.com/repo' },
    ]);
    expect(parseRootsText('  \n ')).toEqual([]);
  });

  it('round-trips through formatRootsText', () => {
    expect(parseRootsText(formatRootsText(preferences.roots))).toEqual(preferences.roots);
  });

  it('names the bad line', () => {
    expect(errorOf(() => parseRootsText('file:///ok\n\nhome/me/project Project'))).toMatch(
      /^Line 3: "home\/me\/project" is not a file:, https: or http: URL\./,
    );
    expect(errorOf(() => parseRootsText('ftp://files.example'))).toMatch(/^Line 1: /);
    expect(errorOf(() => parseRootsText(`file:///a ${'n'.repeat(201)}`))).toMatch(/^Line 1: A root name/);
  });

  it('caps the number of roots', () => {
    const text = Array.from({ length: 51 }, (_, i) => `file:///r${i}`).join('\n');
    expect(errorOf(() => parseRootsText(text))).toBe('At most 50 roots; this has 51.');
  });
});
