/**
 * Whether an embedding document lets a frame use WebMCP tools: the `tools` permissions-policy feature,
 * whose default allowlist is 'self', read from the frame element's `allow` attribute. Native Chromium
 * applies the same rule (and response headers, which a content script cannot see); the polyfill has only
 * this. A cross-origin frame needs `allow="tools"`; a same-origin one is allowed unless the page says
 * `allow="tools 'none'"`.
 *
 * `childOrigin` is the frame document's origin as the browser reported it (a MessageEvent's origin), never
 * what the frame says.
 */
export function frameAllowsTools(
  allow: string | null,
  childOrigin: string,
  selfOrigin: string,
  src: string | null,
): boolean {
  if (!/^https?:\/\/[^/]+$/.test(childOrigin)) return false; // opaque ("null") and non-web origins never
  const directive = (allow ?? '')
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([feature]) => feature === 'tools');
  if (!directive) return childOrigin === selfOrigin;
  const allowlist = directive.length > 1 ? directive.slice(1) : ["'src'"];
  return allowlist.some((item) => {
    if (item === '*') return true;
    if (item === "'self'") return childOrigin === selfOrigin;
    if (item === "'src'") return childOrigin === originOf(src, selfOrigin);
    return item !== "'none'" && childOrigin === originOf(item, undefined);
  });
}

/** A URL's origin; an absent or empty `src` (about:blank, srcdoc) is the embedder's own. */
function originOf(url: string | null, fallback: string | undefined): string | undefined {
  if (!url) return fallback;
  try {
    const parsed = new URL(url, fallback);
    return parsed.protocol === 'about:' ? fallback : parsed.origin;
  } catch {
    return undefined;
  }
}
