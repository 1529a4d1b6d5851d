import type { Page } from '@playwright/test';
import { grantPageTool, type TestAssistant } from './assistant';
import { expect, test } from './fixtures';

const trackParcelTool = (site: Page, popup: Page, assistant: TestAssistant) =>
  grantPageTool(site, popup, assistant, '/parcels/index.html', 'track_parcel');

test('a call in flight when its page navigates ends at once, saying so', async ({
  site,
  popup,
  assistant,
}) => {
  const name = await trackParcelTool(site, popup, assistant);
  const call = assistant.client.callTool({ name, arguments: { code: 'JD014600' } }).then(
    (r) => JSON.stringify(r),
    (e: Error) => `threw: ${e.message}`,
  );
  await expect(site.locator('#status')).toHaveText('Asking the depot about JD014600…');
  const left = Date.now();
  await site.goto(new URL('/index.html', site.url()).href);
  const outcome = await call;
  // At once, not after a timeout, and saying what happened.
  expect(Date.now() - left).toBeLessThan(5_000);
  expect(outcome).toMatch(/went away \(it navigated, reloaded or closed\) while \\"track_parcel\\" ran/);
});

test('an assistant’s cancel reaches the tool’s AbortSignal', async ({ site, popup, assistant }) => {
  const name = await trackParcelTool(site, popup, assistant);
  const abort = new AbortController();
  const call = assistant.client
    .callTool({ name, arguments: { code: 'JD014601' } }, { signal: abort.signal })
    .catch((e: Error) => e.message);
  await expect(site.locator('#status')).toHaveText('Asking the depot about JD014601…');
  abort.abort();
  expect(await call).toMatch(/AbortError/);
  await expect
    .poll(() => site.evaluate(() => (window as unknown as { __aborted: string[] }).__aborted))
    .toEqual(['JD014601']);
  await expect(site.locator('#status')).toHaveText('Stopped tracking JD014601.');
});
