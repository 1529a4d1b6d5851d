import type { BrowserContext } from '@playwright/test';
import { type Everything, startEverything } from '../fixtures/everything';
import { startFakeLlm } from '../fixtures/fake-llm.mjs';
import { expect, test } from './fixtures';
import { addServer, openServers } from './servers';
import { addScriptedModel, openPanel } from './side-panel';

// dist-e2e pre-grants loopback, where the scripted model and the server run (see manifest.config.ts).
test.use({ extensionDist: 'dist-e2e' });
test.beforeEach(() => {
  test.skip(test.info().project.name === 'native', 'tasks do not depend on WebMCP: run once');
});

let llm: Awaited<ReturnType<typeof startFakeLlm>>;
let everything: Everything;
test.beforeAll(async () => {
  [llm, everything] = await Promise.all([startFakeLlm(), startEverything('streamableHttp')]);
});
test.afterAll(async () => {
  await Promise.all([llm?.close(), everything?.stop()]);
});

const addModel = (context: BrowserContext, extId: string) => addScriptedModel(context, extId, llm.url);

test('a server that runs a tool call as a task: the side panel shows its stages as they come, then the result', async ({
  context,
  extId,
  siteTabId,
}) => {
  await addModel(context, extId);
  await addServer(await openServers(context, extId), everything.url, 'Everything');
  const panel = await openPanel(context, extId, siteTabId);
  await expect(panel.getByText(/\d+ tools available/)).toBeVisible({ timeout: 10_000 });

  const box = panel.getByRole('textbox', { name: 'Message' });
  await box.fill('use the tool simulate-research-query with topic "tide pools"');
  await box.press('Enter');

  // server-everything's research tool requires a task (2025-11-25): four stages of about a second each,
  // each a status message the host polls with tasks/get and the line shows while the call runs.
  const call = panel.locator('.tool-call').first();
  const status = call.locator('.tool-call-status');
  await expect(status).toHaveText('Running… Analyzing content...', { timeout: 10_000 });
  await expect(status).toHaveText('Running… Generating report...', { timeout: 10_000 });
  await expect(call).toHaveAttribute('data-status', 'done', { timeout: 10_000 });
  await expect(status).toBeHidden();
  // The result fetched with tasks/result is the call's result: the model read it, and the line holds it.
  await expect(panel.getByRole('article', { name: /Assistant/ }).last()).toContainText(
    /Here is what I found: .*# Research Report: tide pools/s,
    { timeout: 10_000 },
  );
  await call.locator('summary').click();
  await expect(call.getByRole('region', { name: 'Result' })).toContainText('Research Report: tide pools');
});
