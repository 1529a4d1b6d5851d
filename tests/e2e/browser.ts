import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';

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
  ];
  if (options.headless !== false) args.push('--headless=new');
  return chromium.launchPersistentContext(options.profile ?? newProfile(), {
    executablePath: chromiumPath(),
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
    headless: false, // we pass --headless=new ourselves: Playwright's own headless switch drops extensions
    args,
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
  });
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
