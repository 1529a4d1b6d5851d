import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { installLegacyModelContext, legacyModelContext } from '../../src/page/legacy-model-context';
import { createModelContext } from '../../src/page/webmcp-polyfill';
import type { ModelContextTool, PolyfillWindow } from '../../src/page/webmcp-types';

const win: PolyfillWindow = {
  document: {},
  location: { origin: 'https://recipes.example' },
  isSecureContext: true,
  EventTarget,
  Event,
  DOMException,
  AbortController,
  setTimeout,
  console,
};

const tool = (name: string, text = `${name} ran`): ModelContextTool => ({
  name,
  description: `The ${name} tool`,
  execute: () => text,
});
const names = async (context: ReturnType<typeof createModelContext>) =>
  (await context.getTools()).map((t) => t.name);
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('navigator.modelContext (the origin trial and MCP-B API) as an alias', () => {
  it('registerTool and unregisterTool, and the handle that registerTool returns', async () => {
    const context = createModelContext(win);
    const errors: unknown[] = [];
    const legacy = legacyModelContext(context, AbortController, (e) => errors.push(e));
    const handle = legacy.registerTool(tool('search'));
    legacy.registerTool(tool('save'));
    await tick();
    expect(await names(context)).toEqual(['save', 'search']);
    const [save] = (await context.getTools()).filter((t) => t.name === 'save');
    expect(await context.executeTool(save!, {})).toBe('save ran');
    handle.unregister();
    legacy.unregisterTool('save');
    await tick();
    expect(await names(context)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('provideContext replaces what it provided before, and clearContext removes everything', async () => {
    const context = createModelContext(win);
    const legacy = legacyModelContext(context, AbortController, () => {});
    legacy.registerTool(tool('help'));
    legacy.provideContext({ tools: [tool('a'), tool('b')] });
    await tick();
    expect(await names(context)).toEqual(['a', 'b', 'help']);
    legacy.provideContext({ tools: [tool('c')] });
    await tick();
    expect(await names(context)).toEqual(['c', 'help']);
    legacy.clearContext();
    await tick();
    expect(await names(context)).toEqual([]);
  });

  it('reports what the current API refuses instead of throwing, as the trial did', async () => {
    const context = createModelContext(win);
    const errors: unknown[] = [];
    const legacy = legacyModelContext(context, AbortController, (e) => errors.push(e));
    legacy.registerTool({ name: 'bad name!', description: 'x', execute: () => '' });
    await tick();
    expect(errors).toHaveLength(1);
    expect(await names(context)).toEqual([]);
  });
});

describe('installLegacyModelContext', () => {
  const page = () =>
    new JSDOM('<p>hi</p>', { url: 'https://recipes.example/' }).window as unknown as Window &
      typeof globalThis;

  it('puts the alias on Navigator.prototype, built on first use, onto the same tools', async () => {
    const w = page();
    const context = createModelContext(win);
    installLegacyModelContext(w, () => context);
    const alias = (
      w.navigator as Navigator & { modelContext: { registerTool(t: ModelContextTool): unknown } }
    ).modelContext;
    expect(alias).toBe((w.navigator as unknown as { modelContext: unknown }).modelContext); // one object
    alias.registerTool(tool('get_forecast'));
    await tick();
    expect(await names(context)).toEqual(['get_forecast']);
  });

  it('leaves a navigator.modelContext that is already there alone', () => {
    const w = page();
    const theirs = { theirs: true };
    Object.defineProperty(w.Navigator.prototype, 'modelContext', { value: theirs, configurable: true });
    installLegacyModelContext(w, () => createModelContext(win));
    expect((w.navigator as unknown as { modelContext: unknown }).modelContext).toBe(theirs);
  });
});
