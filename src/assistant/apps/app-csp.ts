import type { McpUiResourceCsp, McpUiResourcePermissions } from '@modelcontextprotocol/ext-apps/app-bridge';

/**
 * The Content-Security-Policy an MCP App runs under, built only from the domains its resource declared
 * (`_meta.ui.csp`): "Host MUST NOT allow undeclared domains". Stricter than the spec's example where that
 * costs an app nothing it declared: no 'self' (the app's document has an opaque origin inside the extension's
 * sandbox page, where 'self' could only ever mean the extension), `base-uri` and `form-action` 'none'.
 */
export function buildAppCsp(csp: McpUiResourceCsp | undefined): string {
  const resources = sources(csp?.resourceDomains);
  const connect = sources(csp?.connectDomains);
  const frames = sources(csp?.frameDomains);
  const bases = sources(csp?.baseUriDomains);
  const list = (values: string[]) => (values.length ? values.join(' ') : "'none'");
  return [
    "default-src 'none'",
    `script-src ${["'unsafe-inline'", ...resources].join(' ')}`,
    `style-src ${["'unsafe-inline'", ...resources].join(' ')}`,
    `img-src ${['data:', ...resources].join(' ')}`,
    `font-src ${['data:', ...resources].join(' ')}`,
    `media-src ${['data:', ...resources].join(' ')}`,
    `connect-src ${list(connect)}`,
    `frame-src ${list(frames)}`,
    "object-src 'none'",
    `base-uri ${list(bases)}`,
    "form-action 'none'",
  ].join('; ');
}

/**
 * A declared domain as a CSP source, or nothing: only `scheme://host[:port]` with an http(s) or ws(s)
 * scheme and a host (a leading `*.` allowed). Anything else (a keyword, `*`, `data:`, a path, a separator
 * that would add a directive) is dropped, never passed on: a server declares origins, not policy.
 */
export function cspSource(domain: unknown): string | undefined {
  if (typeof domain !== 'string' || domain.length > 253) return undefined;
  const match =
    /^(https?|wss?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:(\d{1,5}|\*))?\/?$/i.exec(
      domain,
    );
  if (!match) return undefined;
  const [, scheme, wildcard = '', host, port = ''] = match;
  return `${scheme?.toLowerCase()}://${wildcard}${host?.toLowerCase()}${port}`;
}

function sources(domains: unknown): string[] {
  if (!Array.isArray(domains)) return [];
  return [...new Set(domains.map(cspSource).filter((s): s is string => s !== undefined))];
}

/**
 * The permissions the side panel lets an app have. Only clipboard writes: a camera, microphone or location
 * prompt in a sandboxed frame of the side panel would be granted to the extension's origin, and from then on
 * to every app (the browser keys delegated permissions by the top-level origin), so those are never asked.
 */
export const GRANTABLE_PERMISSIONS = ['clipboardWrite'] as const satisfies (keyof McpUiResourcePermissions)[];

/** What of the requested permissions the host grants (and says so in hostCapabilities.sandbox). */
export function grantedPermissions(
  requested: McpUiResourcePermissions | undefined,
): McpUiResourcePermissions {
  const granted: McpUiResourcePermissions = {};
  for (const key of GRANTABLE_PERMISSIONS) if (requested?.[key]) granted[key] = {};
  return granted;
}

const POLICY_FEATURES: Record<keyof McpUiResourcePermissions, string> = {
  camera: 'camera',
  microphone: 'microphone',
  geolocation: 'geolocation',
  clipboardWrite: 'clipboard-write',
};

/**
 * The frames' `allow` attribute (Permissions Policy) for what was granted. The mapping is the SDK's
 * (`buildAllowAttribute`, which the unit test holds this to); it is written out here because the sandbox page
 * runs it, and importing the SDK's module there would load its schemas (and zod) into that page.
 */
export function appAllowAttribute(requested: McpUiResourcePermissions | undefined): string {
  const granted = grantedPermissions(requested);
  return (Object.keys(POLICY_FEATURES) as (keyof McpUiResourcePermissions)[])
    .filter((key) => granted[key])
    .map((key) => POLICY_FEATURES[key])
    .join('; ');
}

/** The inner frame's sandbox: scripts and forms; never same-origin, popups, top navigation or downloads. */
export const APP_FRAME_SANDBOX = 'allow-scripts allow-forms';

/**
 * The app's HTML with its policy first in the document, so that it applies to everything the document holds:
 * a `<meta>` CSP binds what is parsed after it, and the page cannot lift it (removing the element does not).
 * After a doctype, so the document keeps standards mode.
 */
export function withCspMeta(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('"', '&quot;')}">`;
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  return doctype ? `${doctype[0]}${meta}${html.slice(doctype[0].length)}` : `${meta}${html}`;
}
