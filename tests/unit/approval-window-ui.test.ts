import { JSDOM } from 'jsdom';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalAnswer, ApprovalView } from '../../src/messages/contract';
import { ESCAPE_ARM_MS } from '../../src/ui/approval/decision-bar';
import { ApprovalPage } from '../../src/ui/approval-view';

const tool = (id: string, args: Record<string, unknown>, choices = ['allow-once', 'allow-always', 'deny']) =>
  ({
    id,
    createdAt: 0,
    expiresAt: Date.now() + 60_000,
    assistant: 'Claude',
    source: { kind: 'site', label: 'https://shop.example' },
    request: {
      kind: 'tool',
      tool: 'add_to_cart',
      title: 'Add to cart',
      description: 'Adds an item.',
      annotations: { readOnlyHint: false, consequentialHint: true },
      argumentsJson: JSON.stringify(args, null, 2),
      choices,
      reason: 'The site marks this tool as consequential.',
    },
  }) as ApprovalView;

/** The approval window in a DOM: what it shows, and what it answered, for which request. */
function approvalWindow() {
  const dom = new JSDOM('<!doctype html><body></body>');
  const previous = globalThis.document;
  globalThis.document = dom.window.document;
  const answers: { id: string; answer: ApprovalAnswer }[] = [];
  const root = dom.window.document.body;
  const show = (pending: ApprovalView[]) =>
    act(() => {
      render(
        h(ApprovalPage, {
          pending,
          error: undefined,
          onAnswer: (id, answer) => answers.push({ id, answer }),
        }),
        root,
      );
    });
  const press = (key: string, init: { repeat?: boolean } = {}) =>
    act(() => {
      dom.window.document.activeElement?.dispatchEvent(
        new dom.window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
      );
    });
  const wait = (ms: number) =>
    act(() => {
      vi.advanceTimersByTime(ms);
    });
  const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name);
  const focused = () => dom.window.document.activeElement?.textContent;
  const close = () => {
    act(() => render(null, root));
    globalThis.document = previous;
  };
  return { root, answers, show, press, wait, button, focused, close };
}

let ui: ReturnType<typeof approvalWindow>;
beforeEach(() => {
  vi.useFakeTimers();
  ui = approvalWindow();
});
afterEach(() => {
  ui.close();
  vi.useRealTimers();
});

describe('the approval window, from the keyboard', () => {
  it('focuses Deny first, and Escape denies the request shown, once it has been on screen a moment', () => {
    ui.show([tool('a', { quantity: 3 })]);
    expect(ui.focused()).toBe('Deny');
    ui.press('Escape'); // the window just appeared: the key was meant for something else
    expect(ui.answers).toEqual([]);
    ui.wait(ESCAPE_ARM_MS);
    ui.press('Escape');
    expect(ui.answers).toEqual([{ id: 'a', answer: { kind: 'tool', decision: 'deny' } }]);
  });

  it('answers only the request shown: a held key or a quick second press does not deny the next one', () => {
    ui.show([tool('a', { quantity: 1 }), tool('b', { quantity: 2 })]);
    ui.wait(ESCAPE_ARM_MS);
    ui.press('Escape');
    ui.press('Escape', { repeat: true });
    expect(ui.answers.map((a) => a.id)).toEqual(['a']);
    // The worker moves the queue on; the second request is new on screen.
    ui.show([tool('b', { quantity: 2 })]);
    expect(ui.root.querySelector('.approval')?.getAttribute('data-id')).toBe('b');
    expect(ui.focused()).toBe('Deny');
    ui.press('Escape');
    expect(ui.answers.map((a) => a.id)).toEqual(['a']);
    ui.wait(ESCAPE_ARM_MS);
    ui.press('Escape');
    expect(ui.answers.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('does not take Escape while an input method composes', () => {
    ui.show([tool('a', {})]);
    ui.wait(ESCAPE_ARM_MS);
    act(() => {
      ui.root.ownerDocument.activeElement?.dispatchEvent(
        new ui.root.ownerDocument.defaultView!.KeyboardEvent('keydown', {
          key: 'Escape',
          bubbles: true,
          isComposing: true,
        }),
      );
    });
    expect(ui.answers).toEqual([]);
  });

  it('cancels a form on Escape, with Cancel focused first', () => {
    ui.show([
      {
        id: 'f',
        createdAt: 0,
        expiresAt: Date.now() + 60_000,
        source: { kind: 'server', label: 'Newsletter' },
        request: {
          kind: 'elicitation-form',
          message: 'Your name?',
          requestedSchema: { type: 'object', properties: { name: { type: 'string' } } },
        },
      },
    ]);
    expect(ui.focused()).toBe('Cancel');
    ui.wait(ESCAPE_ARM_MS);
    ui.press('Escape');
    expect(ui.answers).toEqual([{ id: 'f', answer: { kind: 'elicitation', action: 'cancel' } }]);
  });

  it('denies a sampling request on Escape, with Deny focused first', () => {
    ui.show([
      {
        id: 's',
        createdAt: 0,
        expiresAt: Date.now() + 60_000,
        source: { kind: 'server', label: 'Everything' },
        request: {
          kind: 'sampling-request',
          systemPrompt: '',
          messages: [{ role: 'user', text: 'Hi', editable: true }],
          maxTokens: 10,
          tools: [],
        },
      },
    ]);
    expect(ui.focused()).toBe('Deny');
    ui.wait(ESCAPE_ARM_MS);
    ui.press('Escape');
    expect(ui.answers).toEqual([{ id: 's', answer: { kind: 'sampling', action: 'deny' } }]);
  });
});

describe('a tool request', () => {
  it('lists the arguments with their values, folds long text, and keeps the hints under Details', () => {
    const long = 'x'.repeat(400);
    ui.show([tool('a', { quantity: 3, note: long })]);
    const value = (key: string) => ui.root.querySelector(`.arg[data-key="${key}"] dd`)?.textContent;
    expect(value('quantity')).toBe('3');
    expect(value('note')).toContain('Show all (400 characters)');
    expect(value('note')?.length).toBeLessThan(220);
    act(() => ui.button('Show all (400 characters)')?.click());
    expect(value('note')).toContain(long);
    expect(ui.root.querySelector('details.details')?.hasAttribute('open')).toBe(false);
    expect(ui.root.querySelector('details.details')?.textContent).toContain('consequentialHinttrue');
    expect(ui.root.querySelector('.summary')?.textContent).not.toContain('add_to_cart');
  });

  it('explains Always allow beside its button, and only when it is offered', () => {
    ui.show([tool('a', {})]);
    const always = ui.button('Always allow');
    const note = ui.root.querySelector(`#${always?.getAttribute('aria-describedby')}`);
    expect(note?.textContent).toBe(
      'Always allow lets Claude use “Add to cart” on the site shop.example without asking again. Only this tool, on this site, for this assistant. You can undo it in Settings › Approvals.',
    );
    ui.show([tool('b', {}, ['allow-once', 'deny'])]);
    expect(ui.button('Always allow')).toBeUndefined();
    expect(ui.root.textContent).not.toContain('Settings › Approvals');
  });
});
