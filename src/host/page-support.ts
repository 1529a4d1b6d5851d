/**
 * Whether Switchboard can work on a page, from its URL alone: its content scripts run only on http(s)
 * pages, and Chrome keeps extensions out of its own pages, the Web Store and its PDF viewer. Undefined:
 * it can (or the URL is not known), so the caller asks the page itself.
 */
export function unsupportedReason(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  switch (parsed.protocol) {
    case 'http:':
    case 'https:':
      break;
    case 'file:':
      return 'Switchboard does not work on files opened from your computer.';
    case 'about:':
      return 'This is an empty page. Open a website to use its tools with Switchboard.';
    default:
      return "This is one of the browser's own pages, where extensions cannot work.";
  }
  const { hostname, pathname } = parsed;
  if (
    hostname === 'chromewebstore.google.com' ||
    (hostname === 'chrome.google.com' && pathname.startsWith('/webstore'))
  )
    return 'The Chrome Web Store does not let extensions work on its pages.';
  if (/\.pdf$/i.test(pathname)) return "PDF files open in Chrome's own viewer, where extensions cannot work.";
  return undefined;
}
