import browser from 'webextension-polyfill';
import type { SettingsSection } from '../../src/ui/settings-sections';

/** Settings at one section (its hash route, src/ui/settings-sections.tsx). */
export const settingsUrl = (section: SettingsSection): string =>
  browser.runtime.getURL(`extension/options/index.html#${section}`);

/**
 * Opens Settings where a link means to go: at a section in a new tab, or (no section) Chrome's own way,
 * which reuses an open Settings tab. Every "Open settings" of every page goes through here.
 */
export function openSettings(section?: SettingsSection): Promise<unknown> {
  return section ? browser.tabs.create({ url: settingsUrl(section) }) : browser.runtime.openOptionsPage();
}
