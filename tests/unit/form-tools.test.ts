import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { domFormTools, formDestination } from '../../src/page/form-tools';
import { installWebMcpPolyfill } from '../../src/page/webmcp-install';
import { createModelContext } from '../../src/page/webmcp-polyfill';
import type { ModelContextApi, PolyfillWindow } from '../../src/page/webmcp-types';

const FORMS = readFileSync(resolve(import.meta.dirname, '../fixtures/webmcp/declarative-forms.html'), 'utf8');

/** A page with the fixture's forms and the polyfill installed on it, as main-world.ts installs it. */
function page(html = FORMS) {
  const dom = new JSDOM(html, { url: 'https://travel.example/', pretendToBeVisual: true });
  const win = dom.window as unknown as Window & typeof globalThis;
  const context = createModelContext(win as unknown as PolyfillWindow, domFormTools(win));
  return { win, doc: win.document, context };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('declarative tools in the polyfill', () => {
  it('are listed beside imperative tools, with the synthesised schema', async () => {
    const { context } = page();
    const tools = await context.getTools();
    expect(tools.map((t) => t.name)).toEqual(['find_flight', 'subscribe']);
    expect(tools[1]).toMatchObject({
      title: '',
      description: 'Subscribe to the newsletter',
      origin: 'https://travel.example',
    });
  });

  it('with toolautosubmit: fill, submit, and answer with what respondWith gives', async () => {
    const { doc, context } = page();
    const seen: string[] = [];
    doc.getElementById('subscribe')!.addEventListener('submit', (event) => {
      const e = event as SubmitEvent & { agentInvoked?: boolean; respondWith?: (v: unknown) => void };
      seen.push(
        `agentInvoked=${e.agentInvoked}`,
        (doc.querySelector('#subscribe [name=email]') as HTMLInputElement).value,
      );
      e.respondWith?.(Promise.resolve('Subscribed ada@example.com.'));
    });
    const activated: string[] = [];
    context.addEventListener('toolactivated', (e) =>
      activated.push((e as Event & { toolName: string }).toolName),
    );
    const tool = (await context.getTools()).find((t) => t.name === 'subscribe')!;
    expect(await context.executeTool(tool, { email: 'ada@example.com' })).toBe('Subscribed ada@example.com.');
    expect(seen).toEqual(['agentInvoked=true', 'ada@example.com']);
    expect(activated).toEqual(['subscribe']);
  });

  it('without it: fill, focus the submit button, and wait for the user to submit', async () => {
    const { doc, context } = page();
    doc.getElementById('find-flight')!.addEventListener('submit', (event) => {
      (event as SubmitEvent & { respondWith: (v: unknown) => void }).respondWith(
        '3 flights from LHR to JFK.',
      );
    });
    const tool = (await context.getTools()).find((t) => t.name === 'find_flight')!;
    const call = context.executeTool(tool, {
      from: 'LHR',
      to: 'JFK',
      nonstop: true,
      cabin: 'business',
      meals: ['veg'],
      seat: 'window',
      passengers: 2,
    });
    await tick(10);
    const form = doc.getElementById('find-flight') as HTMLFormElement;
    expect(
      Object.fromEntries(new doc.defaultView!.FormData(form) as unknown as Iterable<[string, string]>),
    ).toMatchObject({
      from: 'LHR',
      to: 'JFK',
      nonstop: 'on',
      cabin: 'business',
      meals: 'veg',
      seat: 'window',
      passengers: '2',
    });
    expect(doc.activeElement?.textContent).toBe('Search');
    form.requestSubmit(); // the user's click
    expect(await call).toBe('3 flights from LHR to JFK.');
  });

  it('a form that goes ahead and navigates answers null; an abort answers AbortError and fires toolcancel', async () => {
    const { context, doc } = page();
    const tool = (await context.getTools()).find((t) => t.name === 'subscribe')!;
    expect(await context.executeTool(tool, { email: 'a@b.example' })).toBeNull();

    doc.getElementById('subscribe')!.addEventListener('submit', (e) => e.preventDefault()); // never answers
    const cancelled: string[] = [];
    context.addEventListener('toolcancel', (e) =>
      cancelled.push((e as Event & { toolName: string }).toolName),
    );
    const abort = new AbortController();
    const call = context.executeTool(tool, { email: 'a@b.example' }, { signal: abort.signal });
    await tick(10);
    abort.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancelled).toEqual(['subscribe']);
  });

  it('appear and disappear with their forms, with toolchange', async () => {
    const { doc, context } = page();
    let changes = 0;
    context.addEventListener('toolchange', () => changes++);
    const form = doc.createElement('form');
    form.setAttribute('toolname', 'late_search');
    form.setAttribute('tooldescription', 'Search the site');
    form.innerHTML = '<input name="q" required>';
    doc.body.append(form);
    // toolchange comes a task after the mutation (the watcher coalesces): wait for it, not a fixed time.
    await vi.waitFor(() => expect(changes).toBe(1));
    expect((await context.getTools()).map((t) => t.name)).toContain('late_search');
    form.remove();
    await vi.waitFor(() => expect(changes).toBe(2));
    expect((await context.getTools()).map((t) => t.name)).not.toContain('late_search');
  });

  it('follow changes inside a tool form, a form gaining a toolname, and ignore DOM churn elsewhere', async () => {
    const { doc, context } = page(
      '<body><form id="f" tooldescription="Plain search"></form><ul id="feed"></ul></body>',
    );
    let changes = 0;
    context.addEventListener('toolchange', () => changes++);
    const feed = doc.getElementById('feed')!;
    for (let i = 0; i < 50; i++) {
      feed.insertAdjacentHTML('beforeend', `<li data-n="${i}">item</li>`);
      await Promise.resolve(); // a new mutation batch each time, as a live page makes them
    }
    await tick(10);
    expect(changes).toBe(0);
    const form = doc.getElementById('f')!;
    form.setAttribute('toolname', 'plain_search'); // a form becomes a tool
    await vi.waitFor(() => expect(changes).toBe(1));
    form.insertAdjacentHTML('beforeend', '<input name="q" required>'); // a field is added
    await vi.waitFor(() => expect(changes).toBe(2));
    const [tool] = (await context.getTools()).filter((t) => t.name === 'plain_search');
    expect(tool?.inputSchema).toMatchObject({ properties: { q: { type: 'string' } }, required: ['q'] });
    for (let i = 0; i < 50; i++) feed.firstElementChild?.remove(); // churn again, with a tool form present
    await tick(10);
    expect(changes).toBe(2);
  });
});

describe('a page with no tool form', () => {
  it('notices one that a script renders later, inside new markup, and then follows its fields', async () => {
    const { doc, context } = page('<body><main id="app"><p>Loading…</p></main></body>');
    let changes = 0;
    context.addEventListener('toolchange', () => changes++);
    const app = doc.getElementById('app')!;
    app.innerHTML = '<form action="/login"><input name="user"></form>'; // an ordinary form is not a tool
    await tick(10);
    expect(changes).toBe(0);
    app.insertAdjacentHTML(
      'beforeend',
      '<section><form toolname="find_trip" tooldescription="Find a train"><input name="to" required></form></section>',
    );
    await vi.waitFor(() => expect(changes).toBe(1));
    expect((await context.getTools()).map((t) => t.name)).toEqual(['find_trip']);
    doc.querySelector('form[toolname]')!.insertAdjacentHTML('beforeend', '<input name="date">');
    await vi.waitFor(() => expect(changes).toBe(2));
    const [tool] = await context.getTools();
    expect(Object.keys((tool!.inputSchema as { properties: object }).properties)).toEqual(['to', 'date']);
  });
});

describe('formDestination (where a submitted form sends the browser)', () => {
  const form = (html: string) => {
    const dom = new JSDOM(`<body>${html}</body>`, { url: 'https://travel.example/flights/' });
    const doc = dom.window.document;
    return { form: doc.querySelector('form') as HTMLFormElement, doc };
  };

  it('is the action with the fields as the query for GET, and the submitter’s name and value', () => {
    const { form: f, doc } = form(
      '<form action="status.html"><input name="number" value="BA117"><input type="checkbox" name="sms"><button name="go" value="1">Track</button></form>',
    );
    expect(formDestination(f, doc.querySelector('button'))).toBe(
      'https://travel.example/flights/status.html?number=BA117&go=1',
    );
    expect(formDestination(f, null)).toBe('https://travel.example/flights/status.html?number=BA117');
  });

  it('follows a submitter’s formaction and says when the form posts', () => {
    const { form: f, doc } = form(
      '<form action="/a" method="post"><input name="q" value="x"><button formaction="/b">B</button></form>',
    );
    expect(formDestination(f, null)).toBe('https://travel.example/a (sent as POST)');
    expect(formDestination(f, doc.querySelector('button'))).toBe('https://travel.example/b (sent as POST)');
  });

  it('without an action, is the page itself', () => {
    const { form: f } = form('<form><input name="q" value="ferry times"></form>');
    expect(formDestination(f, null)).toBe('https://travel.example/flights/?q=ferry+times');
  });
});

describe('declarative tools on a page that never reads document.modelContext', () => {
  it('a tool form added after the document loaded builds the polyfill, which tells of it', async () => {
    const dom = new JSDOM('<main><p>Our menu</p></main>', { url: 'https://bistro.example/' });
    const win = dom.window as unknown as Window & typeof globalThis;
    Object.defineProperty(win, 'isSecureContext', { value: true }); // jsdom has none; https is secure
    const built: ModelContextApi[] = [];
    const changes: string[] = [];
    installWebMcpPolyfill(
      win as unknown as PolyfillWindow & { Document: typeof win.Document },
      domFormTools(win),
      (c) => {
        built.push(c);
        c.addEventListener('toolchange', () => changes.push('toolchange'));
      },
    );
    await tick(10);
    expect(built).toHaveLength(0); // an ordinary page: nothing built
    win.document
      .querySelector('main')!
      .insertAdjacentHTML(
        'beforeend',
        '<form toolname="book_table" tooldescription="Book a table"><input name="guests" required></form>',
      );
    await vi.waitFor(() => expect(changes).toEqual(['toolchange']));
    expect(built).toHaveLength(1);
    const tools = await (
      win.document as Document & { modelContext: ModelContextApi }
    ).modelContext.getTools();
    expect(tools.map((t) => t.name)).toEqual(['book_table']);
  });
});
