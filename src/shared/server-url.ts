const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** https, or http only on loopback. Returns the normalised URL or throws a message a person can act on. */
export function checkServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`"${raw}" is not a URL. Enter the server's full address, e.g. https://example.com/mcp.`);
  }
  if (url.protocol === 'https:') return url.href;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return url.href;
  if (url.protocol === 'http:') {
    throw new Error(
      `Use https for ${url.host}: plain http is only allowed for servers on this computer (localhost).`,
    );
  }
  throw new Error(
    `Switchboard connects to MCP servers over https (or http on localhost), not ${url.protocol}`,
  );
}

/** The origin pattern to ask host permission for (permission match patterns ignore ports). */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const RESERVED = new Set([
  'host',
  'content-length',
  'mcp-session-id',
  'mcp-protocol-version',
  'last-event-id',
]);

export function checkHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new Error(`"${name}" is not a valid header name.`);
    if (RESERVED.has(name.toLowerCase())) throw new Error(`The header "${name}" is managed by Switchboard.`);
    if (/[\r\n]/.test(value)) throw new Error(`The value of "${name}" has a line break.`);
    out[name] = value;
  }
  return out;
}

/** Whether `value` is a URL whose scheme matches `schemes` (e.g. /^https?:$/). */
export function isUrlWith(value: string, schemes: RegExp): boolean {
  try {
    return schemes.test(new URL(value).protocol);
  } catch {
    return false;
  }
}
