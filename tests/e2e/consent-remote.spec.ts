import type { Page } from '@playwright/test';
import { type Everything, startEverything } from '../fixtures/everything';
import { startFakeLlm } from '../fixtures/fake-llm.mjs';
import { checkSurface } from './a11y';
import { answer, approvalWindow, clickClosing, pressClosing, showWhole } from './approvals';
import { expect, test } from './fixtures';
import { addServer, openServers } from './servers';
import { addScriptedModel } from './side-panel';

// dist-e2e pre-grants loopback host access (see manifest.config.ts); the site tools behave as in dist.
test.use({ extensionDist: 'dist-e2e' });
test.beforeEach(() => {
  test.skip(test.info().project.name === 'native', 'server requests do not depend on WebMCP: run once');
});

let everything: Everything;
test.beforeAll(async () => {
  everything = await startEverything('streamableHttp');
});
test.afterAll(async () => {
  await everything?.stop();
});

type Row = { kind: string; tool: string; decision: string; outcome: string };
async function auditRows(options: Page): Promise<Row[]> {
  await options
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('link', { name: 'Activity' })
    .click();
  await options.getByRole('button', { name: 'Refresh' }).click();
  // The table shows words; the codes it shows them for are on the cells, which is what this compares.
  return options.locator('table[aria-label="Audit log"] tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({
      kind: row.getAttribute('data-kind') ?? '',
      tool: row.querySelector('.audit-tool')?.textContent ?? '',
      decision: row.querySelector('td[data-decision]')?.getAttribute('data-decision') ?? '',
      outcome: row.querySelector('td[data-outcome]')?.getAttribute('data-outcome') ?? '',
    })),
  );
}

test('elicitation forms, URL elicitation and approvals go through the user, and the audit log lists it all in order', async ({
  context,
  extId,
  site,
  popup,
  assistant,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extId}/extension/options/index.html#advanced`);
  await options.getByLabel('Approval timeout (seconds)').fill('10');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await options
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('link', { name: 'MCP servers' })
    .click();
  await options.getByLabel('Server URL').fill(everything.url);
  await options.getByLabel('Name', { exact: true }).fill('Everything');
  // "Allow all tools without asking" stays off: its tools ask on first use.
  await expect(
    options
      .getByRole('form', { name: 'Add a server' })
      .getByRole('checkbox', { name: 'Allow all tools without asking' }),
  ).not.toBeChecked();
  await options.getByRole('button', { name: 'Add server' }).click();
  await expect(options.getByRole('region', { name: 'Everything' }).getByRole('status')).toHaveText(
    'Connected',
    {
      timeout: 15_000,
    },
  );

  // Site tool: Deny, Allow once, Always allow, then no prompt.
  await popup.getByRole('switch', { name: /add_to_cart/ }).check();
  await popup.getByRole('switch', { name: /broken_tool/ }).check();
  await expect
    .poll(
      async () =>
        (await assistant.client.listTools()).tools.filter((t) => t.name.includes('127.0.0.1')).length,
    )
    .toBe(2);
  const tools = (await assistant.client.listTools()).tools;
  const cartName = tools.find((t) => t.name.endsWith('__add_to_cart'))!.name;
  const brokenName = tools.find((t) => t.name.endsWith('__broken_tool'))!.name;
  const cart = () => assistant.client.callTool({ name: cartName, arguments: { quantity: 1 } });
  const [denied] = await Promise.all([cart(), answer(context, 'Deny')]);
  expect(denied.isError).toBe(true);
  await Promise.all([cart(), answer(context, 'Allow once')]);
  await Promise.all([cart(), answer(context, 'Always allow')]);
  expect((await cart()).isError).toBeFalsy();

  // Nobody answers: a clear timeout.
  const timedOut = await assistant.client.callTool({ name: brokenName, arguments: {} });
  expect(JSON.stringify(timedOut.content)).toMatch(/Nobody answered/);

  // The server asks for a form: first the tool's own approval, then the form, in the same window.
  const elicit = assistant.client.callTool({
    name: 'everything_srv__trigger-elicitation-request',
    arguments: {},
  });
  const toolWin = await approvalWindow(context);
  await expect(toolWin.getByRole('region', { name: 'Summary' })).toContainText('ServerEverything');
  await expect(
    toolWin.getByRole('button', { name: 'Always allow', exact: true }),
  ).toHaveAccessibleDescription(
    /^Always allow lets e2e-assistant use “Trigger Elicitation Request Tool” on the server Everything without asking again\. Only this tool, on this server, for this assistant\. You can undo it in Settings › Approvals/,
  );
  await showWhole(toolWin);
  await checkSurface(toolWin, 'approval-server-tool');
  await answer(context, 'Allow for this session', 'This is the first use of this server tool');
  const form = await approvalWindow(context);
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Everything asks for information');
  await expect(form.getByText('Please provide inputs for the following fields:')).toBeVisible();
  // The first focus is the safe choice: Cancel, as Escape (MCP's "dismissed without choosing").
  await expect(form.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await showWhole(form);
  await checkSurface(form, 'approval-form');
  await form.getByRole('textbox', { name: 'String', exact: true }).fill('Ada Lovelace');
  await form.getByLabel('String with email format').fill('ada@example.com');
  await form.getByLabel('Boolean').check();
  await clickClosing(form, 'Submit');
  const elicited = JSON.stringify((await elicit).content);
  expect(elicited).toContain('- Name: Ada Lovelace');
  expect(elicited).toContain('- Email: ada@example.com');
  expect(elicited).toContain('- Agreed to terms: true');
  expect(elicited).toContain('- Favorite Integer: 42'); // the schema's default, sent as a number

  // The server asks the user to open a URL: the host is shown, and the user declines.
  const pagesBefore = context.pages().length;
  const url = assistant.client.callTool({
    name: 'everything_srv__trigger-url-elicitation',
    arguments: { url: 'https://payments.example.com/confirm?id=1', message: 'Confirm the payment.' },
  });
  await answer(context, 'Allow once');
  const urlWin = await approvalWindow(context);
  await expect(urlWin.getByRole('heading', { level: 1 })).toHaveText('Everything asks you to open a page');
  await expect(urlWin.locator('.host')).toHaveText('payments.example.com');
  await expect(urlWin.getByText('Confirm the payment.')).toBeVisible();
  await showWhole(urlWin);
  await checkSurface(urlWin, 'approval-url');
  await clickClosing(urlWin, 'Decline');
  expect(JSON.stringify((await url).content)).toMatch(/decline/i);
  expect(context.pages().some((p) => p.url().includes('payments.example.com'))).toBe(false);
  expect(context.pages().length).toBeLessThanOrEqual(pagesBefore + 1);

  // The audit log, oldest first (the view shows newest first).
  const rows = (await auditRows(options)).reverse();
  const summary = rows.map((r) =>
    `${r.kind} ${r.tool} ${r.decision.replace(/ by .*/, '')} ${r.outcome}`.replace(/\s+/g, ' ').trim(),
  );
  const expected = [
    'grant add_to_cart granted',
    'grant broken_tool granted',
    'approval add_to_cart deny',
    'call add_to_cart deny denied',
    'approval add_to_cart allow-once',
    'call add_to_cart allow-once ok',
    'approval add_to_cart allow-always',
    'call add_to_cart allow-always ok',
    'call add_to_cart allow-always ok',
    'approval broken_tool timeout',
    'call broken_tool timeout',
    'approval trigger-elicitation-request allow-session',
    'elicitation accept ok',
    'call trigger-elicitation-request allow-session ok',
    'approval trigger-url-elicitation allow-once',
    'elicitation decline decline',
    'call trigger-url-elicitation allow-once ok',
  ];
  expect(summary.filter((line) => !line.startsWith('settings'))).toEqual(expected);
  // …and in words, with no code in sight.
  const table = options.getByRole('table', { name: 'Audit log' });
  await expect(table.locator('tr[data-kind="call"] td[data-decision="deny"]')).toHaveText('Denied by you');
  await expect(table.locator('tr[data-kind="call"] td[data-decision="allow-once"]').first()).toHaveText(
    'Allowed once by you',
  );
  await expect(
    table.locator('tr[data-kind="approval"]').filter({ hasText: 'Not answered in time' }),
  ).toHaveCount(1);
  await expect(table).not.toContainText('allow-once');
  expect(await site.evaluate(() => (window as unknown as { __calls: unknown[] }).__calls.length)).toBe(3);
});

test("a server's sampling request: summary, the request, a bottom bar; Deny has the first focus and Escape denies", async ({
  context,
  extId,
  assistant,
}) => {
  const llm = await startFakeLlm();
  try {
    await addScriptedModel(context, extId, llm.url);
    await addServer(await openServers(context, extId), everything.url, 'Everything');
    await expect
      .poll(async () => (await assistant.client.listTools()).tools.map((t) => t.name))
      .toContain('everything_srv__trigger-sampling-request');
    const sample = (prompt: string) =>
      assistant.client.callTool({
        name: 'everything_srv__trigger-sampling-request',
        arguments: { prompt, maxTokens: 50 },
      });

    // Escape denies the request the user sees: nothing reaches the model.
    const before = llm.requests.length;
    const denied = sample('the weather in Paris');
    const request = await approvalWindow(context);
    await expect(request.getByRole('heading', { level: 1 })).toHaveText('Everything wants to use your model');
    await expect(request.getByRole('region', { name: 'Summary' })).toContainText('ServerEverything');
    await expect(request.getByRole('button', { name: 'Deny', exact: true })).toBeFocused();
    await showWhole(request);
    await checkSurface(request, 'approval-sampling-request');
    await expect(request.locator('.approval')).toHaveAttribute('data-escape', 'armed');
    await pressClosing(request, 'Escape');
    expect(JSON.stringify(await denied)).toMatch(/declined/i);
    expect(llm.requests.length).toBe(before);

    // Approved, the model's answer is shown before the server gets it.
    const approved = sample('the weather in Lyon');
    await clickClosing(await approvalWindow(context), 'Approve');
    const response = await approvalWindow(context);
    await expect(response.getByRole('heading', { level: 1 })).toHaveText(/Response from/, {
      timeout: 15_000,
    });
    await expect(response.getByRole('button', { name: 'Deny', exact: true })).toBeFocused();
    await showWhole(response);
    await checkSurface(response, 'approval-sampling-response');
    await clickClosing(response, 'Send to server');
    expect(JSON.stringify((await approved).content)).toMatch(/Echo: .*the weather in Lyon/);
  } finally {
    await llm.close();
  }
});
