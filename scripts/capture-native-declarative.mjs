// Captures what Chromium's native WebMCP (--enable-features=WebMCPTesting) lists for the declarative forms in
// tests/fixtures/webmcp/declarative-forms.html, into native-declarative-tools.json beside it: the reference the
// polyfill's schema synthesis is compared with. Run: node scripts/capture-native-declarative.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';

const dir = resolve(import.meta.dirname, '../tests/fixtures/webmcp');
const html = readFileSync(resolve(dir, 'declarative-forms.html'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: false, // --headless=new below, as the e2e tests run it
  args: ['--no-sandbox', '--headless=new', '--enable-features=WebMCPTesting'],
});
try {
  const page = await browser.newPage();
  // A secure context: WebMCP exists only there. Served from memory, never the network.
  await page.route('http://127.0.0.1:9/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: html }),
  );
  await page.goto('http://127.0.0.1:9/forms.html');
  const tools = await page.evaluate(async () => {
    const listed = await document.modelContext.getTools();
    return listed.map(({ name, description, inputSchema }) => ({ name, description, inputSchema }));
  });
  const version = browser.version();
  writeFileSync(
    resolve(dir, 'native-declarative-tools.json'),
    `${JSON.stringify({ capturedWith: `Chromium ${version}, --enable-features=WebMCPTesting`, tools }, null, 2)}\n`,
  );
  console.log(`Captured ${tools.length} tools with Chromium ${version}.`);
} finally {
  await browser.close();
}
