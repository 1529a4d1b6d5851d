import { checkHeaders, checkServerUrl } from '../shared/server-url';

export interface ImportedServer {
  name: string;
  url: string;
  headers: Record<string, string>;
}

export interface ImportResult {
  remote: ImportedServer[];
  /** Entries that cannot run in a browser or are broken, each with the reason. */
  skipped: { name: string; reason: string }[];
}

/**
 * Reads an `mcpServers` config (Claude Desktop, Cursor) or `servers` (VS Code). Remote entries come in;
 * stdio entries are listed with the reason: a browser extension cannot start local processes.
 */
export function parseMcpServersJson(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`This is not valid JSON: ${(error as Error).message}`);
  }
  const root = data as { mcpServers?: unknown; servers?: unknown; mcp?: { servers?: unknown } };
  const servers = root?.mcpServers ?? root?.servers ?? root?.mcp?.servers;
  if (typeof servers !== 'object' || servers === null || Array.isArray(servers)) {
    throw new Error('No "mcpServers" (or "servers") object found. Paste the whole config file.');
  }
  const result: ImportResult = { remote: [], skipped: [] };
  for (const [name, raw] of Object.entries(servers as Record<string, unknown>)) {
    const entry = (raw ?? {}) as {
      command?: unknown;
      url?: unknown;
      serverUrl?: unknown;
      headers?: unknown;
      type?: unknown;
    };
    if (typeof entry.command === 'string' || entry.type === 'stdio') {
      result.skipped.push({
        name,
        reason: `stdio server (${String(entry.command ?? 'local command')}): a browser cannot start local programs.`,
      });
      continue;
    }
    const url =
      typeof entry.url === 'string'
        ? entry.url
        : typeof entry.serverUrl === 'string'
          ? entry.serverUrl
          : undefined;
    if (!url) {
      result.skipped.push({ name, reason: 'It has neither a "url" nor a "command".' });
      continue;
    }
    try {
      const headers =
        typeof entry.headers === 'object' && entry.headers !== null
          ? checkHeaders(Object.fromEntries(Object.entries(entry.headers).map(([k, v]) => [k, String(v)])))
          : {};
      result.remote.push({ name, url: checkServerUrl(url), headers });
    } catch (error) {
      result.skipped.push({ name, reason: (error as Error).message });
    }
  }
  return result;
}
