import { resolve } from 'node:path';
import { type BrowserContext, test as base, expect, type Page, type Worker } from '@playwright/test';
import { startStaticServer } from '../fixtures/static-server.mjs';
import { connectAssistant, type TestAssistant } from './assistant';
import { extensionId, launchWithExtension } from './browser';

export interface ExtensionOptions {
  webmcp: 'native' | 'polyfill';
  /** dist/ by default; the remote-server specs use dist-e2e/ (loopback pre-granted, see manifest.config.ts). */
  extensionDist: 'dist' | 'dist-e2e';
}

interface Fixtures {
  context: BrowserContext;
  extId: string;
  worker: Worker;
  site: Page;
  siteTabId: number;
  popup: Page;
  assistant: TestAssistant;
}

interface WorkerFixtures {
  siteUrl: string;
}

export const test = base.extend<Fixtures & ExtensionOptions, WorkerFixtures>({
  webmcp: ['polyfill', { option: true }],
  extensionDist: ['dist', { option: true }],
  siteUrl: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
    async ({}, use) => {
      const { server, url } = await startStaticServer(0);
      await use(url);
      server.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ webmcp, extensionDist }, use) => {
    const context = await launchWithExtension({
      nativeWebMcp: webmcp === 'native',
      dist: resolve(import.meta.dirname, '../..', extensionDist),
    });
    await use(context);
    await context.close();
  },
  extId: async ({ context }, use) => use(await extensionId(context)),
  worker: async ({ context, extId }, use) => {
    const worker = context.serviceWorkers().find((w) => w.url().includes(extId));
    if (!worker) throw new Error('extension service worker not found');
    await use(worker);
  },
  site: async ({ context, siteUrl, webmcp }, use) => {
    const page = await context.newPage();
    await page.goto(siteUrl);
    // Both modes must give the page a document.modelContext; native must really be native.
    // The native implementation exposes a global ModelContext interface; our polyfill does not.
    const kind = await page.evaluate(() =>
      'modelContext' in document ? ('ModelContext' in window ? 'native' : 'polyfill') : 'none',
    );
    expect(kind).toBe(webmcp);
    await use(page);
  },
  siteTabId: async ({ site, worker }, use) => {
    await site.bringToFront();
    const id = await worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id;
    });
    if (id === undefined) throw new Error('could not find the site tab id');
    await use(id);
  },
  popup: async ({ context, extId, siteTabId }, use) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=${siteTabId}`);
    await use(page);
  },
  assistant: async ({ context, extId }, use) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=0`);
    const assistant = await connectAssistant(page);
    await use(assistant);
    await assistant.client.close();
  },
});

export { expect };
