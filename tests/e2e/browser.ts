import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, expect, type Page } from '@playwright/test';

export const DIST = resolve(import.meta.dirname, '../../dist');

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

/** Chromium with the built extension, as root on a machine with no network: the flags this needs. */
export async function launchWithExtension(options: {
  nativeWebMcp: boolean;
  headless?: boolean;
  /** Defaults to dist/; the bench passes dist-bench/, and null launches without the extension. */
  dist?: string | null;
  /** The profile directory; a new empty one by default. The same one again is the browser reopened. */
  profile?: string;
  /** Extra environment for the browser (and so for a native-messaging host it starts). */
  env?: Record<string, string>;
  /** A fresh profile is an install, which opens the welcome tab; it is closed unless this is set. */
  keepWelcome?: boolean;
  /** More command-line switches (the bench's DevTools port). */
  args?: string[];
}): Promise<BrowserContext> {
  const dist = options.dist === undefined ? DIST : options.dist;
  if (dist && !existsSync(join(dist, 'manifest.json'))) {
    throw new Error(`${dist} is not built: run npm run build first.`);
  }
  const args = [
    ...(dist ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : []),
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    ...(options.nativeWebMcp ? ['--enable-features=WebMCPTesting'] : []),
    ...(options.args ?? []),
  ];
  if (options.headless !== false) args.push('--headless=new');
  const profile = options.profile ?? newProfile();
  // Chrome writes Default/ at the first start: without it this start is an install (the bridge's install
  // may have put its manifest in the profile already, so "empty" is not the test). The bench's bare
  // extensions have no welcome page.
  const installs =
    !!dist && existsSync(join(dist, 'extension/welcome/index.html')) && !existsSync(join(profile, 'Default'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
    headless: false, // we pass --headless=new ourselves: Playwright's own headless switch drops extensions
    args,
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
  });
  // The install opens the welcome tab on its own time. Waiting for it here, before a test opens its tabs,
  // means it never appears later and takes "the active tab" (or the newest page) from them.
  if (installs) {
    const welcome = await welcomeTab(context);
    if (!options.keepWelcome) await welcome.close();
  }
  return context;
}

/** The welcome page the install opened (it opens once per fresh profile). */
export async function welcomeTab(context: BrowserContext): Promise<Page> {
  const isWelcome = (p: Page) => p.url().includes('/extension/welcome/index.html');
  await expect
    .poll(() => context.pages().some(isWelcome), {
      message: 'the welcome tab opens on install',
      timeout: 15_000,
    })
    .toBe(true);
  const page = context.pages().find(isWelcome);
  if (!page) throw new Error('the welcome tab went away');
  return page;
}

export const newProfile = () => mkdtempSync(join(tmpdir(), 'switchboard-profile-'));

export async function extensionId(context: BrowserContext): Promise<string> {
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith('chrome-extension://'),
    }));
  return new URL(worker.url()).host;
}
