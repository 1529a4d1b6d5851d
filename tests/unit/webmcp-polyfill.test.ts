import { describe, expect, it } from 'vitest';
import type { FormToolEntry } from '../../src/page/form-tools';
import { installWebMcpPolyfill } from '../../src/page/webmcp-install';
import { createModelContext, type FormToolSource } from '../../src/page/webmcp-polyfill';
import type { ModelContextApi, PolyfillWindow } from '../../src/page/webmcp-types';

/** Node has EventTarget, Event, DOMException and AbortController: a window at the polyfill's interface. */
function fakeWindow(secure = true): PolyfillWindow & { errors: unknown[] } {
  const errors: unknown[] = [];
  return {
    document: {},
    location: { origin: 'https://site.example' },
    isSecureContext: secure,
    EventTarget,
    Event,
    DOMException,
    AbortController,
    setTimeout: (cb, ms) => setTimeout(cb, ms),
    console: { error: (...args: unknown[]) => errors.push(args) },
    errors,
  };
}

const echo = (extra: object = {}) => ({
  name: 'echo',
  description: 'Echoes input',
  inputSchema: { type: 'object', properties: { a: { type: 'number' } } },
  execute: (input: unknown) => ({ echoed: input }),
  ...extra,
});

async function setup() {
  const win = fakeWindow();
  const mc = createModelContext(win);
  const events: string[] = [];
  for (const type of ['toolchange', 'toolactivated', 'toolcancel']) {
    mc.addEventListener(type, (e) =>
      events.push(`${type}${'toolName' in e ? `:${(e as { toolName: string }).toolName}` : ''}`),
    );
  }
  return { win, mc, events };
}

const tool = async (mc: ModelContextApi, name: string) => (await mc.getTools()).find((t) => t.name === name)!;

describe('WebMCP polyfill: registerTool', () => {
  it('resolves undefined, fires toolchange, and lists the tool as native does', async () => {
    const { win, mc, events } = await setup();
    await expect(
      mc.registerTool(echo({ title: 'Echo', annotations: { readOnlyHint: 'yes', extra: 1 } })),
    ).resolves.toBeUndefined();
    expect(events).toEqual(['toolchange']);
    const [item] = await mc.getTools();
    expect(item).toEqual({
      name: 'echo',
      title: 'Echo',
      description: 'Echoes input',
      inputSchema: { type: 'object', properties: { a: { type: 'number' } } },
      annotations: {
        readOnlyHint: true,
        untrustedContentHint: false,
        consequentialHint: false,
        debugging: false,
      },
      origin: 'https://site.example',
      window: win,
    });
  });

  it('omits inputSchema and annotations when not given, title defaults to ""', async () => {
    const { mc } = await setup();
    await mc.registerTool({ name: 'bare', description: 'd', execute: () => 1 });
    expect(await mc.getTools()).toEqual([
      {
        name: 'bare',
        title: '',
        description: 'd',
        origin: 'https://site.example',
        window: expect.anything(),
      },
    ]);
  });

  it('returns fresh copies, sorted by name', async () => {
    const { mc } = await setup();
    await mc.registerTool(echo({ name: 'zeta' }));
    await mc.registerTool(echo({ name: 'alpha' }));
    const first = await mc.getTools();
    expect(first.map((t) => t.name)).toEqual(['alpha', 'zeta']);
    (first[0]!.inputSchema as { type: string }).type = 'mutated';
    expect((await tool(mc, 'alpha')).inputSchema).toMatchObject({ type: 'object' });
  });

  it('rejects as the spec says, never throwing synchronously', async () => {
    const { mc, events } = await setup();
    await mc.registerTool(echo());
    const cases: [object, string][] = [
      [echo(), 'InvalidStateError'],
      [echo({ name: 'has space' }), 'InvalidStateError'],
      [echo({ name: '' }), 'InvalidStateError'],
      [echo({ name: 'x'.repeat(129) }), 'InvalidStateError'],
      [echo({ name: 'ok', description: '' }), 'InvalidStateError'],
      [echo({ name: 'ok', execute: undefined }), 'TypeError'],
      [echo({ name: 'ok', execute: 'x' }), 'TypeError'],
      [echo({ name: 'ok', inputSchema: '{"type":"object"}' }), 'TypeError'],
      [echo({ name: 'ok', inputSchema: null }), 'TypeError'],
    ];
    for (const [def, name] of cases) {
      const promise = mc.registerTool(def as never);
      await expect(promise, JSON.stringify(def)).rejects.toMatchObject({ name });
    }
    const circular: Record<string, unknown> = { type: 'object' };
    circular.self = circular;
    await expect(mc.registerTool(echo({ name: 'ok', inputSchema: circular }))).rejects.toBeInstanceOf(
      TypeError,
    );
    await expect(mc.registerTool(echo({ name: 'x'.repeat(128) }))).resolves.toBeUndefined();
    await expect(mc.registerTool(echo({ name: 'ok2', inputSchema: { type: 123 } }))).resolves.toBeUndefined(); // no schema validation
    expect(events.filter((e) => e === 'toolchange')).toHaveLength(3);
  });

  it('unregisters when the signal aborts, and rejects an already-aborted signal', async () => {
    const { mc, events } = await setup();
    const controller = new AbortController();
    await mc.registerTool(echo(), { signal: controller.signal });
    controller.abort();
    await new Promise((r) => setTimeout(r, 5));
    expect(await mc.getTools()).toEqual([]);
    expect(events).toEqual(['toolchange', 'toolchange']);
    await expect(mc.registerTool(echo(), { signal: AbortSignal.abort('gone') })).rejects.toBe('gone');
    await expect(mc.registerTool(echo())).resolves.toBeUndefined(); // the name is free again
  });

  it('rejects insecure exposedTo and fromOrigins entries', async () => {
    const { mc } = await setup();
    await expect(mc.registerTool(echo(), { exposedTo: ['http://evil.example'] })).rejects.toMatchObject({
      name: 'SecurityError',
    });
    await expect(mc.getTools({ fromOrigins: ['http://evil.example'] })).rejects.toMatchObject({
      name: 'SecurityError',
    });
  });
});

describe('WebMCP polyfill: executeTool', () => {
  it('passes a JSON round-tripped input and {signal}, in a later task, after toolactivated', async () => {
    const { mc, events } = await setup();
    const seen: unknown[] = [];
    const input = { a: 1, d: new Date(0), f: () => 1 };
    await mc.registerTool(
      echo({
        execute: (value: unknown, options: { signal: AbortSignal }) => {
          seen.push(value, Object.keys(options), options.signal instanceof AbortSignal);
          return { ok: true };
        },
      }),
    );
    const order: string[] = [];
    const pending = mc.executeTool(await tool(mc, 'echo'), input).then((r) => order.push('resolved') && r);
    order.push('returned');
    await expect(pending).resolves.toBe('{"ok":true}');
    expect(order).toEqual(['returned', 'resolved']);
    expect(seen).toEqual([{ a: 1, d: '1970-01-01T00:00:00.000Z' }, ['signal'], true]);
    expect(events).toEqual(['toolchange', 'toolactivated:echo']);
  });

  it('serialises results the way Chromium does', async () => {
    const { mc } = await setup();
    const table: [unknown, string][] = [
      [{ ok: true }, '{"ok":true}'],
      ['hello', 'hello'],
      ['{"a":1}', '{"a":1}'],
      ['', 'Operation succeeded'],
      [undefined, 'undefined'],
      [null, 'null'],
      [42, '42'],
      [true, 'true'],
      [1n, '1'],
      [{ a: undefined, b: [undefined], c: Number.NaN }, '{"b":[null],"c":null}'],
    ];
    for (const [index, [value, expected]] of table.entries()) {
      await mc.registerTool(echo({ name: `t${index}`, execute: async () => value }));
      await expect(mc.executeTool(await tool(mc, `t${index}`), {})).resolves.toBe(expected);
    }
  });

  it('turns a throwing, rejecting or unserialisable tool into UnknownError (and never crashes on a Symbol)', async () => {
    const { win, mc } = await setup();
    const bad = [
      () => {
        throw new Error('boom');
      },
      async () => Promise.reject(new TypeError('async boom')),
      () => ({ big: 1n }),
      () => Symbol('s'),
    ];
    for (const [index, execute] of bad.entries()) {
      await mc.registerTool(echo({ name: `b${index}`, execute }));
      await expect(mc.executeTool(await tool(mc, `b${index}`), {})).rejects.toMatchObject({
        name: 'UnknownError',
      });
    }
    expect(win.errors.length).toBe(bad.length);
  });

  it('checks its arguments as native does', async () => {
    const { mc } = await setup();
    await mc.registerTool(echo());
    const t = await tool(mc, 'echo');
    await expect(mc.executeTool('echo' as never, {})).rejects.toBeInstanceOf(TypeError);
    await expect(mc.executeTool({ name: 'echo' } as never, {})).rejects.toBeInstanceOf(TypeError);
    await expect(mc.executeTool(t, '{"a":1}' as never)).rejects.toBeInstanceOf(TypeError);
    await expect(mc.executeTool({ ...t, name: 'nope' }, {})).rejects.toMatchObject({ name: 'UnknownError' });
    await expect(mc.executeTool({ ...t, origin: 'https://other.example' }, {})).rejects.toMatchObject({
      name: 'UnknownError',
    });
    await expect(mc.executeTool(t)).resolves.toBe('{"echoed":{}}');
  });

  it('cancels: rejects with the reason, aborts the tool signal, fires toolcancel', async () => {
    const { mc, events } = await setup();
    let toolSignal: AbortSignal | undefined;
    await mc.registerTool(
      echo({
        execute: (_: unknown, { signal }: { signal: AbortSignal }) => {
          toolSignal = signal;
          return new Promise(() => undefined);
        },
      }),
    );
    const controller = new AbortController();
    const pending = mc.executeTool(await tool(mc, 'echo'), {}, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort('stop');
    await expect(pending).rejects.toBe('stop');
    expect(toolSignal?.aborted).toBe(true);
    expect(events).toContain('toolcancel:echo');
  });
});

describe('WebMCP polyfill: installation', () => {
  it('installs document.modelContext as a getter only in secure contexts and never over a native one', () => {
    class Doc {}
    const win = { ...fakeWindow(), Document: Doc, document: new Doc() };
    const get = installWebMcpPolyfill(win);
    const mc = (win.document as { modelContext?: ModelContextApi }).modelContext;
    expect(get?.()).toBe(mc);
    expect(Object.getOwnPropertyDescriptor(Doc.prototype, 'modelContext')).toMatchObject({
      enumerable: true,
      set: undefined,
    });
    expect(Object.prototype.toString.call(mc)).toBe('[object ModelContext]');
    expect(() => new (mc!.constructor as new () => unknown)()).toThrow(/Illegal constructor/);
    expect(installWebMcpPolyfill(win)?.()).toBe(mc);
    expect(installWebMcpPolyfill({ ...fakeWindow(false), document: {} })).toBeUndefined();
  });

  it('builds the polyfill at the first read, once, and tells `created` before the page gets it', async () => {
    class Doc {}
    const win = { ...fakeWindow(), Document: Doc, document: new Doc() };
    const heard: string[] = [];
    installWebMcpPolyfill(win, undefined, (context) => {
      heard.push('created');
      context.addEventListener('toolchange', () => heard.push('toolchange'));
    });
    expect(heard).toEqual([]); // installed, not built
    const doc = win.document as { modelContext: ModelContextApi };
    const mc = doc.modelContext;
    expect(doc.modelContext).toBe(mc);
    await mc.registerTool(echo());
    expect(heard).toEqual(['created', 'toolchange']);
  });

  it('builds the polyfill when the first tool form appears, on a page that never read the API', async () => {
    class Doc {}
    const win = { ...fakeWindow(), Document: Doc, document: new Doc() };
    let formsChange = () => {};
    const listed: FormToolEntry[] = [];
    const forms: FormToolSource = {
      list: () => listed,
      run: async () => 'sent',
      watch: (changed) => {
        formsChange = changed;
      },
    };
    const heard: string[] = [];
    installWebMcpPolyfill(win, forms, (context) => {
      heard.push('created');
      context.addEventListener('toolchange', () => heard.push('toolchange'));
    });
    expect(heard).toEqual([]);
    listed.push({
      name: 'book_table',
      description: 'Books a table',
      inputSchema: { type: 'object', properties: {} },
      autosubmit: false,
      form: {} as HTMLFormElement,
    });
    formsChange(); // the form watch saw a <form toolname> arrive
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).toEqual(['created', 'toolchange']);
    const mc = (win.document as { modelContext: ModelContextApi }).modelContext;
    expect((await mc.getTools()).map((t) => t.name)).toEqual(['book_table']);
  });
});
