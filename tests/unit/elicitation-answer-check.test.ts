import { type CallToolResult, Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log';
import { clientCapabilities } from '../../src/consent/client-capabilities';
import { ConsentQueue } from '../../src/consent/consent-queue';
import { installServerRequestHandlers, type ServerRequestDeps } from '../../src/consent/server-requests';
import type { ApprovalAnswer, ElicitValue } from '../../src/messages/contract';
import { silentLogger } from '../../src/shared/logger';
import { MemoryAuditStore } from '../../src/storage/memory-stores';
import { collectAnswers } from '../../src/ui/elicitation/answers';
import { fieldsOf } from '../../src/ui/elicitation/fields';
import { remoteConfig, tick } from './helpers';
import { useEverything } from './use-everything';

/** A form as a server would ask for it: one property of each kind the MCP spec allows. */
const SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name', minLength: 2 },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    agree: { type: 'boolean' },
    colour: { type: 'string', enum: ['red', 'green'] },
    size: {
      type: 'string',
      oneOf: [
        { const: 's', title: 'Small' },
        { const: 'l', title: 'Large' },
      ],
    },
    toppings: { type: 'array', items: { anyOf: [{ const: 'ham' }, { const: 'olive' }] }, maxItems: 2 },
    email: { type: 'string', format: 'email' },
  },
  required: ['name', 'age'],
};

const site = { source: { kind: 'server' as const, label: 'Forms' } };
const accept = (content?: Record<string, ElicitValue>): ApprovalAnswer => ({
  kind: 'elicitation',
  action: 'accept',
  ...(content ? { content } : {}),
});

/** One form request in a fresh queue, and whether the asker (the server's side) has got an answer yet. */
function askForm(requestedSchema: Record<string, unknown> = SCHEMA) {
  const queue = new ConsentQueue({ timeoutMs: () => 10_000, logger: silentLogger });
  let settled = false;
  const asked = queue.ask(site, { kind: 'elicitation-form', message: 'Who are you?', requestedSchema });
  void asked.finally(() => {
    settled = true;
  });
  const [view] = queue.pending();
  if (!view) throw new Error('nothing was queued');
  return { queue, asked, id: view.id, settled: () => settled };
}

describe('a form answer is checked against the requested schema before the server gets it', () => {
  it.each([
    ['a wrong type', { name: 'Ada', age: 'forty' }, /"age" must be of type integer, not string/],
    ['a whole number expected', { name: 'Ada', age: 36.5 }, /"age" must be of type integer, not number/],
    ['a number out of range', { name: 'Ada', age: 200 }, /"age" is greater than 150/],
    ['a missing required field', { name: 'Ada' }, /"age" is required/],
    ['text too short', { name: 'A', age: 36 }, /"name" is too short/],
    [
      'an enum value not offered',
      { name: 'Ada', age: 36, colour: 'blue' },
      /"colour" is not one of the offered choices/,
    ],
    [
      'a oneOf choice not offered',
      { name: 'Ada', age: 36, size: 'm' },
      /"size" is not one of the offered choices/,
    ],
    [
      'a list choice not offered',
      { name: 'Ada', age: 36, toppings: ['ham', 'egg'] },
      /"toppings" has a choice that is not offered/,
    ],
    [
      'too many list choices',
      { name: 'Ada', age: 36, toppings: ['ham', 'olive', 'ham'] },
      /"toppings" has too many items/,
    ],
    ['a malformed email', { name: 'Ada', age: 36, email: 'ada@' }, /"email" does not match format "email"/],
    [
      'an extra key',
      { name: 'Ada', age: 36, nickname: 'Countess' },
      /"nickname" is not a field of this form/,
    ],
  ] as const)(
    'refuses %s with a clear message and keeps the request waiting',
    async (_, content, message) => {
      const { queue, id, settled } = askForm();
      const answer = () => queue.answer(id, accept(content as Record<string, ElicitValue>));
      expect(answer).toThrow(/^The answer does not fit the form the server asked for, so it was not sent: /);
      expect(answer).toThrow(message);
      await tick();
      expect(queue.size).toBe(1);
      expect(queue.pending()[0]?.id).toBe(id);
      expect(settled()).toBe(false);
    },
  );

  it('refuses an accept with no content when the form has required fields', () => {
    const { queue, id } = askForm();
    expect(() => queue.answer(id, accept())).toThrow(/"name" is required/);
    expect(queue.size).toBe(1);
  });

  it('names every extra key, even with a valid answer around them', () => {
    const { queue, id } = askForm();
    // Parsed, as the page's message is: a literal "__proto__" would set the prototype, not a key.
    const content = JSON.parse('{"name":"Ada","age":36,"constructor":"x","__proto__":"y"}');
    expect(Object.keys(content)).toEqual(['name', 'age', 'constructor', '__proto__']);
    expect(() => queue.answer(id, accept(content))).toThrow(
      /"constructor" is not a field of this form; "__proto__" is not a field of this form\.$/,
    );
  });

  it('lets the user correct a refused answer: the corrected one settles the request as sent', async () => {
    const { queue, asked, id } = askForm();
    expect(() => queue.answer(id, accept({ name: 'Ada', age: -1 }))).toThrow(/"age" is less than 0/);
    const content = { name: 'Ada', age: 36, agree: true, colour: 'red', size: 'l', toppings: ['olive'] };
    expect(queue.answer(id, accept(content))).toBe(true);
    await expect(asked).resolves.toEqual({ kind: 'elicitation', action: 'accept', content });
    expect(queue.size).toBe(0);
  });

  it('does not check Decline and Cancel: nothing of their content is sent', async () => {
    const declined = askForm();
    expect(
      declined.queue.answer(declined.id, { kind: 'elicitation', action: 'decline', content: { x: 1 } }),
    ).toBe(true);
    await expect(declined.asked).resolves.toMatchObject({ action: 'decline' });
    const cancelled = askForm();
    expect(cancelled.queue.answer(cancelled.id, { kind: 'elicitation', action: 'cancel' })).toBe(true);
  });

  it('sends nothing for a form it cannot check, but still lets the user decline', async () => {
    const schema = { type: 'object', properties: { a: { $ref: 'https://schemas.invalid/a.json' } } };
    const { queue, asked, id } = askForm(schema);
    expect(() => queue.answer(id, accept({ a: 'x' }))).toThrow(
      /^The server's form cannot be checked \(Unresolved \$ref "https:\/\/schemas\.invalid\/a\.json"\), so no answer can be sent: decline or cancel it\.$/,
    );
    expect(queue.size).toBe(1);
    expect(queue.answer(id, { kind: 'elicitation', action: 'decline' })).toBe(true);
    await expect(asked).resolves.toMatchObject({ action: 'decline' });
  });

  it('accepts what the approval form collects, so an ordinary answer is never refused', async () => {
    const collected = collectAnswers(fieldsOf(SCHEMA), {
      name: ' Ada ',
      age: '36',
      agree: true,
      colour: 'green',
      size: 's',
      toppings: ['olive', 'ham'],
      email: ' ada@example.com ',
    });
    if (!collected.ok) throw new Error(JSON.stringify(collected.errors));
    const { queue, asked, id } = askForm();
    expect(queue.answer(id, accept(collected.content))).toBe(true);
    await expect(asked).resolves.toMatchObject({ content: collected.content });
  });
});

describe('a form answer through a real server (server-everything over Streamable HTTP)', () => {
  const everything = useEverything();

  /** An SDK client with the worker's server-request handlers on `queue`, connected to server-everything. */
  async function connect(queue: ConsentQueue) {
    const deps: ServerRequestDeps = {
      queue,
      audit: new AuditLog(new MemoryAuditStore(), () => 100, silentLogger),
      roots: () => [],
      openUrl: async () => {},
      logger: silentLogger,
      now: Date.now,
    };
    const client = new Client({ name: 'unit-worker', version: '1' }, { capabilities: clientCapabilities() });
    installServerRequestHandlers(client, remoteConfig('ev', 'ev', everything.url), deps);
    await client.connect(new StreamableHTTPClientTransport(new URL(everything.url)));
    return client;
  }

  /** The first form request once the queue has one. */
  const nextForm = (queue: ConsentQueue) =>
    new Promise<string>((resolve) => {
      const find = () => queue.pending().find((v) => v.request.kind === 'elicitation-form')?.id;
      const now = find();
      if (now) return resolve(now);
      const off = queue.events.on('changed', () => {
        const id = find();
        if (id) {
          off();
          resolve(id);
        }
      });
    });

  it('refuses an invalid answer without the server hearing of it, then sends the corrected one', async () => {
    const queue = new ConsentQueue({ timeoutMs: () => 10_000, logger: silentLogger });
    const client = await connect(queue);
    let returned = false;
    const call = client.callTool({ name: 'trigger-elicitation-request', arguments: {} });
    void call.finally(() => {
      returned = true;
    });
    const id = await nextForm(queue);

    // Its schema says 1–100 for "integer" and offers four friends; the server would have taken either.
    expect(() => queue.answer(id, accept({ name: 'Ada', integer: 500 }))).toThrow(
      /"integer" is greater than 100/,
    );
    expect(() => queue.answer(id, accept({ name: 'Ada', untitledSingleSelectEnum: 'Gunther' }))).toThrow(
      /"untitledSingleSelectEnum" is not one of the offered choices/,
    );
    expect(() => queue.answer(id, accept({ name: 'Ada', pin: '1234' }))).toThrow(
      /"pin" is not a field of this form/,
    );
    await tick(50);
    expect(returned).toBe(false);
    expect(queue.pending().map((v) => v.id)).toEqual([id]);

    expect(queue.answer(id, accept({ name: 'Ada Lovelace', integer: 7 }))).toBe(true);
    const result = (await call) as CallToolResult;
    const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    expect(text).toContain('- Name: Ada Lovelace');
    expect(text).toContain('- Favorite Integer: 7');
    expect(text).not.toContain('1234');
    await client.close();
  });
});
