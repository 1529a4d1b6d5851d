import browser from 'webextension-polyfill';
import type { Host } from '../../src/host/host';
import type { Logger } from '../../src/shared/logger';

const SIZES = [16, 32] as const;
/** The source each size is drawn from: the nearest larger icon, so the scale-down stays sharp. */
const SOURCE: Record<(typeof SIZES)[number], string> = { 16: 'icons/icon-48.png', 32: 'icons/icon-48.png' };

type IconImages = Record<string, ImageData>;

/** The toolbar icon with a dot in its top-left corner: the approval badge sits bottom-right, so both show. */
async function dottedIcons(): Promise<IconImages> {
  const images: IconImages = {};
  for (const size of SIZES) {
    const blob = await (await fetch(browser.runtime.getURL(SOURCE[size]))).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(size, size);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    g.drawImage(bitmap, 0, 0, size, size);
    const r = size * 0.2;
    g.beginPath();
    g.arc(r + 0.5, r + 0.5, r, 0, Math.PI * 2);
    g.fillStyle = '#1e8e3e';
    g.fill();
    g.lineWidth = Math.max(1, size / 16);
    g.strokeStyle = '#ffffff';
    g.stroke();
    images[String(size)] = g.getImageData(0, 0, size, size);
  }
  return images;
}

/**
 * Per tab, the toolbar icon shows whether the site offers tools (a dot) and says how many in its title.
 * The decision is toolbarState's (src/host/toolbar-state.ts, through Host.toolbar); this only draws it. Chrome drops tab-specific icons and titles
 * when the tab navigates, and a new document connects again, which calls this again.
 */
export function showSiteTools(host: Host, logger: Logger): void {
  let dotted: Promise<IconImages> | undefined;
  const shown = new Map<number, string>();
  host.events.on('tabChanged', (tabId) => {
    const { offersTools, title, documentId } = host.toolbar(tabId);
    const key = `${offersTools}|${title}|${documentId ?? ''}`;
    if (shown.get(tabId) === key) return;
    shown.set(tabId, key);
    if (offersTools) dotted ??= dottedIcons();
    const icon =
      dotted && offersTools
        ? dotted.then((imageData) => chrome.action.setIcon({ tabId, imageData }))
        : browser.action.setIcon({ tabId, path: { 16: 'icons/icon-16.png', 48: 'icons/icon-48.png' } });
    Promise.all([icon, browser.action.setTitle({ tabId, title })]).catch((e: unknown) => {
      shown.delete(tabId);
      logger.debug(`toolbar icon of tab ${tabId}`, e);
    });
  });
  browser.tabs.onRemoved.addListener((tabId) => shown.delete(tabId));
}
