import { describe, expect, it } from 'vitest';
import type { InPageActionName } from '../../src/messages/page-actions';
import type { ActionOutcome, PageActionRunner } from '../../src/page/sources';
import {
  answerEveryApproval,
  makeHost,
  nextPending,
  openAssistant,
  openTab,
  resultText,
  tick,
} from './helpers';

const SHOP = 'https://shop.example';
const NEWS = 'https://news.example';

/**
 * Stands in for the content script's runner (the DOM work is tested in page-actions.test.ts): records what
 * reached the page, who the overlay would name, and answers like the real one, in sentences.
 */
class RecordingRunner implements PageActionRunner {
  readonly calls: { name: InPageActionName; args: Record<string, unknown>; actor: string | undefined }[] = [];
  /** When set, an action waits here until its signal aborts (a long type, a slow page). */
  hang = false;
  readonly checked: string[] = [];

  /** e9 stands for the page's password field: the real check is page-actions.test.ts's. */
  async check(name: InPageActionName, args: Record<string, unknown>): Promise<ActionOutcome | undefined> {
    this.checked.push(name);
    return name === 'type' && args.ref === 'e9'
      ? { text: 'Switchboard never types into password or payment-card fields.', isError: true }
      : undefined;
  }

  async run(
    name: InPageActionName,
    args: Record<string, unknown>,
    signal: AbortSignal,
    actor: string | undefined,
  ): Promise<ActionOutcome> {
    this.calls.push({ name, args, actor });
    if (this.hang) {
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return { text: 'Stopped: the person pressed Stop.', isError: true };
    }
    if (name === 'type')
      return {
        text: 'Typed into textbox "Email". Changes:\n+ status "Looks good"',
        target: 'textbox "Email"',
      };
    if (name === 'click') return { text: 'Clicked button "Add to cart".', target: 'button "Add to cart"' };
    return { text: `- heading "Shop" [level=1]\n- button "Add to cart" [ref=e1]` };
  }
}

async function shopWithActions() {
  const services = await makeHost();
  const runner = new RecordingRunner();
  await openTab(services.host, 1, SHOP, 0, runner);
  await tick(10);
  return { ...services, runner };
}

const names = async (client: Awaited<ReturnType<typeof openAssistant>>['client']) =>
  (await client.listTools()).tools.map((t) => t.name);

describe('page actions in the host', () => {
  it('offers nothing until "act on this site" is on; the reading ones need the page shared too', async () => {
    const { host, grants } = await shopWithActions();
    const { client } = await openAssistant(host);
    expect(await names(client)).toEqual([]);

    await grants.set(SHOP, { kind: 'page' }, true);
    await tick(10);
    expect(await names(client)).toEqual([]); // sharing the page is not acting on it

    await grants.set(SHOP, { kind: 'actions' }, true);
    await tick(10);
    expect(await names(client)).toEqual(
      ['click', 'page_snapshot', 'press_key', 'screenshot', 'scroll', 'select', 'type', 'wait_for'].map(
        (n) => `shop.example__${n}`,
      ),
    );

    await grants.set(SHOP, { kind: 'page' }, false);
    await tick(10);
    expect(await names(client)).toEqual(
      ['click', 'press_key', 'scroll', 'select', 'type'].map((n) => `shop.example__${n}`),
    );
    // The popup grants the site's own tools one by one: the actions are not among them.
    expect(host.tabState(1).tools).toEqual([]);
    expect(host.tabState(1).actionsGranted).toBe(true);
  });

  it('asks before an action, names the assistant to the page and the tab to the assistant, and logs the element, never the text', async () => {
    const { host, grants, consent, runner, audit } = await shopWithActions();
    await grants.set(SHOP, { kind: 'actions' }, true);
    await grants.set(SHOP, { kind: 'page' }, true);
    const { client } = await openAssistant(host);

    const call = client.callTool({
      name: 'shop.example__type',
      arguments: { ref: 'e4', text: 'secret-ish@example.com', submit: true },
    });
    const asked = await nextPending(consent, 'tool', call);
    expect(asked.request.kind === 'tool' && asked.request.choices).toContain('allow-always');
    expect(runner.calls).toEqual([]); // nothing ran while it asked
    consent.queue.answer(asked.id, { kind: 'tool', decision: 'allow-once' });
    const result = await call;
    // Reading runs without asking.
    const outline = await client.callTool({ name: 'shop.example__page_snapshot', arguments: {} });
    expect(resultText(outline)).toContain('button "Add to cart" [ref=e1]');
    expect(resultText(outline)).toContain('(tab 1)');
    expect(consent.queue.pending()).toEqual([]);

    expect(resultText(result)).toContain('Typed into textbox "Email"');
    expect(resultText(result)).toContain('(tab 1)');
    // The page gets the action's own arguments and who acts; which tab is the host's business.
    expect(runner.calls[0]).toEqual({
      name: 'type',
      args: { ref: 'e4', text: 'secret-ish@example.com', submit: true },
      actor: 'unit-assistant',
    });

    await tick(10);
    const entries = await audit.all();
    const typed = entries.find((e) => e.kind === 'call' && e.tool === 'type');
    expect(typed).toMatchObject({ tab: 1, target: 'textbox "Email"', outcome: 'ok', decision: 'allow-once' });
    expect(JSON.stringify(entries)).not.toContain('secret-ish');

    // Having read the page, the session may be steered by its words: the next action asks, once only.
    const click = client.callTool({ name: 'shop.example__click', arguments: { ref: 'e1' } });
    const again = await nextPending(consent, 'tool', click);
    expect(again.request.kind === 'tool' && again.request.taintedBy).toBe('shop.example');
    expect(again.request.kind === 'tool' && again.request.choices).toEqual(['allow-once', 'deny']);
    consent.queue.answer(again.id, { kind: 'tool', decision: 'deny' });
    await click.catch(() => undefined);
    expect(runner.calls.map((c) => c.name)).toEqual(['type', 'page_snapshot']);
  });

  it('refuses what the page would refuse before anyone is asked, and runs nothing', async () => {
    const { host, grants, consent, runner, audit } = await shopWithActions();
    await grants.set(SHOP, { kind: 'actions' }, true);
    await tick(10);
    const { client } = await openAssistant(host);
    const asked: number[] = [];
    consent.queue.events.on('changed', () => asked.push(consent.queue.pending().length));
    const result = await client.callTool({
      name: 'shop.example__type',
      arguments: { ref: 'e9', text: 'hunter2', tabId: 1 },
    });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/never types into password/);
    expect(asked.filter((n) => n > 0)).toEqual([]);
    expect(runner.checked).toEqual(['type']);
    expect(runner.calls).toEqual([]);
    await tick(10);
    expect((await audit.all()).find((e) => e.kind === 'call')).toMatchObject({
      outcome: 'invalid-arguments',
      tab: 1,
    });
  });

  it('targets a tab by id among two tabs of one site, and refuses a tab of another site', async () => {
    const { host, grants, consent } = await makeHost();
    answerEveryApproval(consent);
    const first = new RecordingRunner();
    const second = new RecordingRunner();
    await openTab(host, 1, SHOP, 0, first);
    await openTab(host, 2, SHOP, 0, second);
    await openTab(host, 3, NEWS, 0, new RecordingRunner());
    await grants.set(SHOP, { kind: 'actions' }, true);
    await tick(10);
    host.tabActivated(2);
    const { client } = await openAssistant(host);

    await client.callTool({ name: 'shop.example__click', arguments: { ref: 'e1', tabId: 1 } });
    expect(first.calls.map((c) => c.args)).toEqual([{ ref: 'e1' }]);
    expect(second.calls).toEqual([]);
    // Without a tab: the site's most recently active one, as for every site tool.
    host.tabActivated(2);
    await client.callTool({ name: 'shop.example__click', arguments: { ref: 'e2' } });
    expect(second.calls.map((c) => c.args)).toEqual([{ ref: 'e2' }]);

    // As for any tool that is not granted: a protocol error, and nothing reaches a page.
    await expect(
      client.callTool({ name: 'shop.example__click', arguments: { ref: 'e1', tabId: 3 } }),
    ).rejects.toThrow(/Tab 3 shows https:\/\/news\.example, not https:\/\/shop\.example/);
    await expect(
      client.callTool({ name: 'shop.example__click', arguments: { ref: 'e1', tabId: 99 } }),
    ).rejects.toThrow(/no tab 99/);
    expect(first.calls.length + second.calls.length).toBe(2);
  });

  it("Stop on the page cancels the running action and pauses the site's actions until turned on again", async () => {
    const { host, grants, consent, runner, audit } = await shopWithActions();
    answerEveryApproval(consent);
    await grants.set(SHOP, { kind: 'actions' }, true);
    await tick(10);
    const { client } = await openAssistant(host);
    runner.hang = true;

    const call = client.callTool({ name: 'shop.example__click', arguments: { ref: 'e1' } });
    while (runner.calls.length === 0) await tick(5);
    expect(host.tabState(1).actingNow).toEqual(['unit-assistant']);
    expect(host.acting.list()).toEqual([{ tabId: 1, origin: SHOP, assistants: ['unit-assistant'] }]);

    await host.stopActions(1, SHOP);
    const result = await call;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/pressed Stop on the page/);
    await tick(10);
    expect(await names(client)).toEqual([]);
    expect(host.tabState(1)).toMatchObject({ actionsGranted: false, actionsPaused: true });
    const stopped = (await audit.all()).find((e) => e.kind === 'call' && e.tool === 'click');
    expect(stopped).toMatchObject({ outcome: 'cancelled', tab: 1 });

    // The person's own answer to their Stop: turning actions on again.
    await grants.set(SHOP, { kind: 'actions' }, true);
    await tick(10);
    expect(host.tabState(1).actionsPaused).toBeUndefined();
    expect(await names(client)).toContain('shop.example__click');
  });

  it("does not offer a site's tool named like an action, in any frame", async () => {
    const { host, grants } = await shopWithActions();
    const frame = await openTab(host, 1, SHOP, 5);
    frame.tools.add('click', () => 'The site’s own click.');
    frame.tools.add('search', () => 'Found 2.');
    await grants.set(SHOP, { kind: 'tool', tool: 'click' }, true);
    await grants.set(SHOP, { kind: 'tool', tool: 'search' }, true);
    await tick(10);
    const { client } = await openAssistant(host);
    expect(await names(client)).toEqual(['shop.example__search']);
  });

  it('takes a screenshot through the platform, and says why when it cannot', async () => {
    let allowed = true;
    const services = await makeHost(undefined, {
      capture: async (tabId) => {
        if (!allowed) throw new Error(`Tab ${tabId} is not the one shown in its window.`);
        return { data: 'aGVsbG8=', mimeType: 'image/jpeg' };
      },
    });
    await openTab(services.host, 4, SHOP, 0, new RecordingRunner());
    await services.grants.set(SHOP, { kind: 'actions' }, true);
    await services.grants.set(SHOP, { kind: 'page' }, true);
    await tick(10);
    const { client } = await openAssistant(services.host);
    const shot = await client.callTool({ name: 'shop.example__screenshot', arguments: {} });
    expect(shot.content).toContainEqual({ type: 'image', data: 'aGVsbG8=', mimeType: 'image/jpeg' });
    allowed = false;
    const refused = await client.callTool({ name: 'shop.example__screenshot', arguments: {} });
    expect(refused.isError).toBe(true);
    expect(resultText(refused)).toMatch(/not the one shown/);
  });
});
