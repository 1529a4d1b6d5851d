import { JSDOM } from 'jsdom';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { ApprovalAnswer, ApprovalView } from '../../src/messages/contract';
import { ApprovalPage } from '../../src/ui/approval-view';

const SCHEMA = {
  type: 'object',
  properties: { email: { type: 'string', format: 'email', title: 'Email' } },
  required: ['email'],
};

/** The approval window showing one form request, in a DOM, as the person sees it. */
function showForm() {
  const dom = new JSDOM('<!doctype html><body></body>');
  const previous = globalThis.document;
  globalThis.document = dom.window.document; // Preact creates nodes through the global document
  const answers: ApprovalAnswer[] = [];
  const view: ApprovalView = {
    id: 'e1',
    createdAt: 0,
    expiresAt: Date.now() + 60_000,
    source: { kind: 'server', label: 'Newsletter' },
    request: { kind: 'elicitation-form', message: 'Where should we send it?', requestedSchema: SCHEMA },
  };
  const root = dom.window.document.body;
  const show = (error?: string) =>
    act(() => {
      render(h(ApprovalPage, { pending: [view], error, onAnswer: (_, a) => answers.push(a) }), root);
    });
  show();
  const input = () => root.querySelector('input') as HTMLInputElement;
  const type = (text: string) =>
    act(() => {
      input().value = text;
      input().dispatchEvent(new dom.window.Event('input', { bubbles: true }));
    });
  const submit = () =>
    act(() => {
      (root.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    });
  const alert = () => root.querySelector('.elicit-problem[role="alert"]')?.textContent ?? '';
  const close = () => {
    act(() => render(null, root));
    globalThis.document = previous;
  };
  return { root, answers, show, type, submit, alert, input, close };
}

describe('the elicitation form in the approval window', () => {
  it('checks an answer as the worker will, so the person corrects it before it is sent', () => {
    const ui = showForm();
    ui.type('ü@example.com'); // the browser's email input accepts it; JSON Schema's "email" does not
    ui.submit();
    expect(ui.answers).toEqual([]);
    expect(ui.alert()).toMatch(/does not fit the form the server asked for/);
    ui.type('ada@example.com');
    ui.submit();
    expect(ui.answers).toEqual([
      { kind: 'elicitation', action: 'accept', content: { email: 'ada@example.com' } },
    ]);
    ui.close();
  });

  it('can be corrected and sent again after the worker refused an answer', () => {
    const ui = showForm();
    ui.type('ada@example.com');
    ui.submit();
    expect(ui.answers).toHaveLength(1);
    const submitButton = () => ui.root.querySelector('button[type="submit"]') as HTMLButtonElement;
    expect(submitButton().disabled).toBe(true);
    ui.show(
      'The answer does not fit the form the server asked for, so it was not sent: "email" is required.',
    );
    expect(submitButton().disabled).toBe(false);
    ui.submit();
    expect(ui.answers).toHaveLength(2);
    ui.close();
  });
});
