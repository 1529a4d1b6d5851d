import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export type Scheme = 'light' | 'dark';
export const SCHEMES: Scheme[] = ['light', 'dark'];

/**
 * Screenshots of every surface land here on each e2e run; they are not committed by the run.
 * `node scripts/update-screenshots.mjs` copies the current ones into docs/images for the README.
 * (Not test-results/: Playwright empties that at the start of every run.)
 */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../screenshots');

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on what the page shows now and fails on any serious or critical
 * violation, naming each rule and the elements that break it so the failure says what to fix.
 */
export async function expectAccessible(page: Page, surface: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`)
        .join('\n')}`,
  );
  expect(report, `axe-core on ${surface}`).toEqual([]);
}

/** Shows the page in a colour scheme, as the operating system's setting would. */
export async function useScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
}

/** Writes `<name>-<scheme>.png`, the whole page unless an element is given. */
export async function screenshot(page: Page, name: string, scheme: Scheme): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOT_DIR, `${name}-${scheme}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

/** Both checks in both schemes: what every surface test ends with. */
export async function checkSurface(page: Page, name: string): Promise<void> {
  for (const scheme of SCHEMES) {
    await useScheme(page, scheme);
    await expectAccessible(page, `${name} (${scheme})`);
    await screenshot(page, name, scheme);
  }
  await useScheme(page, 'light');
}
