/**
 * The page actions on a realistic checkout page (tests/fixtures/site/act/checkout.html, its own inline
 * script running in jsdom): what a person would notice after each action, and the refusals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { PageActions } from '../../src/page/actions/actions';
import { RefRegistry } from '../../src/page/actions/refs';
import { isSensitiveField } from '../../src/page/actions/sensitive';
import { snapshot } from '../../src/page/actions/snapshot';

const HTML = readFileSync(join(import.meta.dirname, '../fixtures/site/act/checkout.html'), 'utf8');
const REFUSAL = 'Switchboard never types into password or payment-card fields; ask the person to fill it in.';

interface PageGlobals {
  seen: string[];
  submitted?: number;
}

function open() {
  const { window } = new JSDOM(HTML, {
    url: 'http://127.0.0.1:8080/act/checkout.html',
    runScripts: 'dangerously',
    virtualConsole: new VirtualConsole(),
  });
  const refs = new RefRegistry();
  const first = snapshot(window.document, refs);
  const actions = new PageActions(window as unknown as Window, refs);
  const el = <T extends Element = HTMLInputElement>(id: string) =>
    window.document.getElementById(id) as unknown as T;
  const ref = (id: string) => {
    const r = refs.peek(el(id));
    if (!r) throw new Error(`${id} has no ref`);
    return r;
  };
  const signal = new AbortController().signal;
  const run = (name: Parameters<PageActions['run']>[0], args: Record<string, unknown>, s = signal) =>
    actions.run(name, { tabId: 3, ...args }, s);
  return { window, doc: window.document, refs, first, el, ref, run, page: window as unknown as PageGlobals };
}

describe('page actions on a checkout page', () => {
  it('the snapshot names the fields by their labels and leaves hidden things out', () => {
    const { first } = open();
    expect(first.text).toContain('textbox "Email" [ref=e5] [type=email] [required]');
    expect(first.text).toContain('textbox "Full name" [ref=e6]');
    expect(first.text).toContain('checkbox "Send me news about books" [ref=e12]');
    expect(first.text).toContain('combobox "Country" [ref=e10] value="Choose…" options: "Choose…", "France"');
    expect(first.text).not.toContain('Secret');
  });

  it('click: the page reacts, and the answer says what changed', async () => {
    const { run, ref, el } = open();
    const out = await run('click', { ref: ref('add') });
    expect(out.isError).toBeFalsy();
    expect(out.target).toBe(`button "Add 'The Hobbit' to the basket"`);
    expect(out.text).toMatch(/^Clicked button "Add 'The Hobbit' to the basket" \[ref=e3\]\.\nChanges:/);
    expect(out.text).toContain('+ status "1 item in your basket"');
    expect(out.text).toContain('- Your basket: 0 books.');
    expect(el('count').textContent).toBe('1');
    const again = await run('click', { ref: ref('news') });
    expect(again.text).toContain('It is now checked.');
    expect(el('news').checked).toBe(true);
  });

  it('type: fills the field key by key, with the events a listener expects', async () => {
    const { run, ref, el, page } = open();
    el('email').value = 'old@example.com';
    const out = await run('type', { ref: ref('email'), text: 'ann@example.com' });
    expect(el('email').value).toBe('ann@example.com');
    expect(page.seen).toContain('keydown:a');
    expect(page.seen).toContain('beforeinput:a');
    expect(page.seen).toContain('input:m');
    expect(page.seen.at(-1)).toBe('change:');
    expect(page.seen.filter((e) => e.startsWith('input:')).length).toBe(16); // clearing, then 15 keys
    expect(out.target).toBe('textbox "Email"');
    expect(out.text).toContain('+ textbox "Email" [ref=e5] [type=email] [required] value="ann@example.com"');
  });

  it('type: a controlled input (state only from input events) keeps what was typed', async () => {
    const { run, ref, el } = open();
    const out = await run('type', { ref: ref('promo'), text: 'spring' });
    expect(el('promo').value).toBe('SPRING');
    expect(el('promo-echo').textContent).toBe('Promo SPRING applied');
    expect(out.text).toContain('It now holds "SPRING" (the page changed what was typed).');
  });

  it('type: refuses password and card fields, and leaves them empty', async () => {
    const { run, ref, el } = open();
    for (const id of ['password', 'card', 'cvc']) {
      const out = await run('type', { ref: ref(id), text: '4242 4242' });
      expect(out).toMatchObject({ isError: true, text: REFUSAL });
      expect(el(id).value).toBe('');
    }
    const key = await run('press_key', { ref: ref('password'), key: 'a' });
    expect(key).toMatchObject({ isError: true, text: REFUSAL });
    expect(el('password').value).toBe('');
  });

  it('check: says before the approval what the action would refuse, and changes nothing', () => {
    const { window, refs, ref, el } = open();
    const actions = new PageActions(window as unknown as Window, refs);
    expect(actions.check('type', { ref: ref('password'), text: 'x' })).toMatchObject({
      isError: true,
      text: REFUSAL,
    });
    expect(actions.check('type', { ref: ref('card'), text: 'x' })).toMatchObject({
      isError: true,
      text: REFUSAL,
    });
    expect(actions.check('type', { ref: ref('add'), text: 'x' })?.text).toMatch(/is not a text field/);
    expect(actions.check('select', { ref: ref('email'), values: ['a'] })?.text).toMatch(/is not a list/);
    expect(actions.check('click', { ref: 'e999' })?.text).toMatch(/No element e999 on the page now/);
    // What it cannot tell yet is left to the action (and so to the approval).
    expect(actions.check('type', { ref: ref('email'), text: 'ada@example.org' })).toBeUndefined();
    expect(actions.check('click', { ref: ref('add') })).toBeUndefined();
    expect(actions.check('scroll', { direction: 'down' })).toBeUndefined();
    expect(el('email').value).toBe('');
  });

  it('a password field stays sensitive after a "show password" toggle makes it text', () => {
    const { el } = open();
    const input = el('password');
    input.removeAttribute('autocomplete');
    expect(isSensitiveField(input)).toBe(true);
    input.type = 'text';
    expect(isSensitiveField(input)).toBe(true);
    expect(isSensitiveField(el('email'))).toBe(false);
    expect(isSensitiveField(el('promo'))).toBe(false);
  });

  it('select: by visible text or value, several only where allowed; unknown options are listed', async () => {
    const { run, ref, el } = open();
    const byText = await run('select', { ref: ref('country'), values: ['  germany '] });
    expect(el<HTMLSelectElement>('country').value).toBe('de');
    expect(byText.text).toContain('Chose "Germany" in combobox "Country" [ref=e10].');
    expect(byText.text).toContain('+ combobox "Country" [ref=e10] value="Germany"');
    await run('select', { ref: ref('country'), values: ['uk'] });
    expect(el<HTMLSelectElement>('country').value).toBe('uk');
    const unknown = await run('select', { ref: ref('country'), values: ['Spain'] });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toBe(
      'combobox "Country" [ref=e10] has no option "Spain". Its options: "Choose…", "France", "Germany", "United Kingdom".',
    );
    expect((await run('select', { ref: ref('country'), values: ['fr', 'de'] })).text).toMatch(
      /takes one option/,
    );
    await run('select', { ref: ref('wrap'), values: ['Paper', 'card'] });
    const chosen = Array.from(el<HTMLSelectElement>('wrap').selectedOptions, (o) => o.value);
    expect(chosen).toEqual(['paper', 'card']);
    expect((await run('select', { ref: ref('email'), values: ['x'] })).text).toMatch(/is not a list/);
  });

  it('type with submit presses Enter and submits the form; the button that became disabled refuses clicks', async () => {
    const { run, ref, el, page } = open();
    await run('type', { ref: ref('email'), text: 'ann@example.com' });
    const out = await run('type', { ref: ref('name'), text: 'Ann Lee', submit: true });
    expect(page.submitted).toBe(1);
    expect(out.text).toContain('and pressed Enter, which submitted the form.');
    expect(out.text).toContain('+ alert "Order placed for ann@example.com"');
    expect(out.text).toContain('+ button "Place order" [ref=e15] [disabled]');
    expect(el<HTMLButtonElement>('pay').disabled).toBe(true);
    const click = await run('click', { ref: ref('pay') });
    expect(click.isError).toBe(true);
    expect(click.text).toMatch(/^button "Place order" \[ref=e15\] is disabled, so it can't be clicked now/);
    expect(page.submitted).toBe(1);
  });

  it('press_key: Enter in a field submits, Tab moves focus, Shift+Tab moves it back', async () => {
    const { run, ref, el, doc, page } = open();
    const invalid = await run('press_key', { ref: ref('promo'), key: 'Enter' });
    expect(invalid.text).toMatch(
      /^Pressed Enter, but the form was not sent: textbox "Email" needs a valid value on textbox/,
    );
    expect(page.submitted).toBeUndefined();
    el('email').value = 'ann@example.com';
    const sent = await run('press_key', { ref: ref('promo'), key: 'Enter' });
    expect(sent.text).toMatch(/^Pressed Enter, which submitted the form on textbox "Promo code"/);
    expect(page.submitted).toBe(1);
    const tab = await run('press_key', { ref: ref('email'), key: 'Tab' });
    expect(doc.activeElement).toBe(el('name'));
    expect(tab.text).toContain('Focus is now on textbox "Full name" [ref=e6].');
    await run('press_key', { key: 'Shift+Tab' });
    expect(doc.activeElement).toBe(el('email'));
    const typed = await run('press_key', { key: 'x' });
    expect(typed.isError).toBeFalsy();
    expect(el('email').value).toBe('ann@example.comx');
  });

  it('wait_for: text that appears later, one that never does, and an element that goes', async () => {
    const { run, ref, el } = open();
    await run('click', { ref: ref('load') }); // the dates appear 300 ms after the click
    const waited = await run('wait_for', { text: 'delivery on   TUESDAY' });
    expect(waited).toEqual({
      text: expect.stringMatching(/^"delivery on TUESDAY" appeared after \d+ ms\.$/),
    });
    const never = await run('wait_for', { text: 'Free shipping', timeout: 200 });
    expect(never).toMatchObject({ isError: true });
    expect(never.text).toBe(
      'Waited 200 ms for "Free shipping" to appear, and it did not. Take a page_snapshot to see the page now.',
    );
    const addRef = ref('add');
    setTimeout(() => el('add').remove(), 100);
    const gone = await run('wait_for', { ref: addRef, gone: true, timeout: 2000 });
    expect(gone.text).toMatch(/^element e3 went away after \d+ ms\.$/);
    expect((await run('wait_for', {})).text).toMatch(/needs `text`, `ref`, or both/);
  });

  it('abort: a long type stops where it was, and so does a wait', async () => {
    const { run, ref, el } = open();
    const controller = new AbortController();
    let inputs = 0;
    el('notes').addEventListener('input', () => {
      if (++inputs === 5) controller.abort();
    });
    const out = await run('type', { ref: ref('notes'), text: 'x'.repeat(150) }, controller.signal);
    expect(out.isError).toBe(true);
    expect(out.text).toBe(
      'Stopped: typed 5 of 150 characters into textbox "Delivery notes" [ref=e14], then the call was cancelled.',
    );
    expect(el('notes').value).toBe('xxxxx');
    const later = new AbortController();
    setTimeout(() => later.abort(), 50);
    const wait = await run('wait_for', { text: 'never there' }, later.signal);
    expect(wait.isError).toBe(true);
    expect(wait.text).toMatch(/^Stopped: the call was cancelled after waiting \d+ ms/);
  });

  it('long text goes in chunks and still ends up whole', async () => {
    const { run, ref, el } = open();
    const text = 'Leave it with the neighbours at number 12, please. '.repeat(40);
    const out = await run('type', { ref: ref('notes'), text });
    expect(out.isError).toBeFalsy();
    expect(el<HTMLTextAreaElement>('notes').value).toBe(text);
  });

  it('a ref whose element is gone, or was never given, is a clear error', async () => {
    const { run, ref, el } = open();
    const add = ref('add');
    el('add').remove();
    expect(await run('click', { ref: add })).toEqual({
      isError: true,
      text: 'No element e3 on the page now (it may have been removed). Take a new page_snapshot.',
    });
    expect((await run('click', { ref: 'e999' })).text).toMatch(/^No element e999 on the page now/);
    expect((await run('click', { ref: 'button' })).text).toMatch(/is not a ref/);
    expect((await run('type', { ref: ref('news'), text: 'x' })).text).toMatch(/is not a text field/);
  });

  it('a new element gets a new ref; the old ones keep theirs', async () => {
    const { run, ref, refs, doc } = open();
    await run('click', { ref: ref('add') });
    doc.querySelector('main')!.insertAdjacentHTML('afterbegin', '<button id="late">Late button</button>');
    const text = snapshot(doc, refs).text;
    expect(text).toContain('button "Late button" [ref=e16]');
    expect(text).toContain('textbox "Email" [ref=e5]');
  });
});
