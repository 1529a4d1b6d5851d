// @vitest-environment jsdom
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatItem, ToolCallItem } from '../../src/messages/chat-types';
import { ChatView, type ChatViewProps } from '../../src/ui/chat/chat-view';
import { HistoryList } from '../../src/ui/chat/history-list';
import { RESULT_PREVIEW_CHARS, ToolCallView } from '../../src/ui/chat/tool-call-view';

let root: HTMLElement | undefined;

function mount(node: ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(node, root!));
  return root;
}

afterEach(() => {
  if (root) act(() => render(null, root!));
  root?.remove();
  root = undefined;
});

function chat(overrides: Partial<ChatViewProps> = {}) {
  const props: ChatViewProps = {
    items: [],
    streaming: false,
    providerLabel: 'gpt-4o-mini on OpenAI',
    noProvider: false,
    toolCount: 2,
    pageAttachable: true,
    attachments: [],
    onSend: vi.fn(),
    onStop: vi.fn(),
    onAttachPage: vi.fn(),
    onRemoveAttachment: vi.fn(),
    onOpenSettings: vi.fn(),
    onOpenApprovals: vi.fn(),
    onNewChat: vi.fn(),
    ...overrides,
  };
  return { props, el: mount(h(ChatView, props)) };
}

const button = (el: HTMLElement, name: string) =>
  [...el.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);

function textarea(el: HTMLElement): HTMLTextAreaElement {
  const label = [...el.querySelectorAll('label')].find((l) => l.textContent === 'Message');
  return document.getElementById(label!.htmlFor) as HTMLTextAreaElement;
}

function type(box: HTMLTextAreaElement, text: string) {
  act(() => {
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function press(target: Element, key: string, shiftKey = false) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));
  });
}

const call = (status: ToolCallItem['status'], extra: Partial<ToolCallItem> = {}): ToolCallItem => ({
  id: `c-${status}`,
  tool: 'example.com__search',
  title: 'Search products',
  args: { query: 'lamp' },
  status,
  ...extra,
});

describe('the chat view', () => {
  it('shows text from the model, tools and the user as text, never as HTML', () => {
    const evil = '<img src=x onerror="globalThis.pwned = true">';
    const items: ChatItem[] = [
      { kind: 'user', id: 'u', text: evil, at: 1, attachments: [{ uri: 'p:1', title: evil, text: '' }] },
      {
        kind: 'assistant',
        id: 'a',
        text: `Here:\n${evil}`,
        at: 2,
        toolCalls: [call('done', { title: evil, result: evil, structured: { html: evil } })],
      },
      { kind: 'notice', id: 'n', text: evil, at: 3, tone: 'error' },
    ];
    const { el } = chat({ items });
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[data-kind="assistant"] .chat-text')?.textContent).toBe(`Here:\n${evil}`);
    expect(el.querySelector('[role="alert"]')?.textContent).toBe(evil);
    expect(el.querySelector('[role="log"]')?.getAttribute('aria-label')).toBe('Conversation');
  });

  it('sends on Enter, not on Shift+Enter, and clears the box', () => {
    const { el, props } = chat();
    const box = textarea(el);
    type(box, 'What is on this page?');
    press(box, 'Enter', true);
    expect(props.onSend).not.toHaveBeenCalled();
    press(box, 'Enter');
    expect(props.onSend).toHaveBeenCalledWith('What is on this page?');
    expect(box.value).toBe('');
    expect(button(el, 'Send')?.disabled).toBe(true);
  });

  it('while streaming, disables Send and offers Stop, also on Escape', () => {
    const { el, props } = chat({
      streaming: true,
      items: [{ kind: 'user', id: 'u', text: 'Hi', at: 1 }],
    });
    type(textarea(el), 'more');
    expect(button(el, 'Send')?.disabled).toBe(true);
    press(textarea(el), 'Enter');
    expect(props.onSend).not.toHaveBeenCalled();
    act(() => button(el, 'Stop')?.click());
    press(textarea(el), 'Escape');
    expect(props.onStop).toHaveBeenCalledTimes(2);
  });

  it('shows attachments as removable chips, and says why a page cannot be attached', () => {
    const { el, props } = chat({
      pageAttachable: false,
      attachments: [{ uri: 'page://tab/1', title: 'Lamps – Shop', text: '# Lamps' }],
    });
    expect(el.textContent).toContain('Attached: Lamps – Shop');
    act(() => button(el, 'Remove Lamps – Shop')?.click());
    expect(props.onRemoveAttachment).toHaveBeenCalledWith('page://tab/1');
    const attach = button(el, 'Attach this page');
    expect(attach?.disabled).toBe(true);
    expect(attach?.title).toContain('Share page content');
  });

  it('explains how to share a site’s tools when empty, or asks for a model first', () => {
    const withModel = chat();
    expect(withModel.el.textContent).toContain('Open the Switchboard popup');
    expect(withModel.el.textContent).toContain('2 tools available');
    expect(button(withModel.el, 'Open settings')).toBeUndefined();
    act(() => render(null, root!));

    const { el, props } = chat({ noProvider: true, providerLabel: undefined, toolCount: 0 });
    expect(el.textContent).toContain('Set up a model first');
    expect(el.textContent).toContain('No tools shared yet');
    expect(el.textContent).not.toContain('Open the Switchboard popup');
    act(() => button(el, 'Open settings')?.click());
    expect(props.onOpenSettings).toHaveBeenCalled();
  });
});

describe('a tool call', () => {
  it('waiting for approval: open, with a Review button outside the summary', () => {
    const onOpenApprovals = vi.fn();
    const el = mount(h(ToolCallView, { call: call('waiting-approval'), onOpenApprovals }));
    expect(el.querySelector('[data-status="waiting-approval"]')).not.toBeNull();
    expect(el.querySelector('details')?.open).toBe(true);
    expect(el.querySelector('summary')?.textContent).toContain('Waiting for your approval');
    const review = button(el, 'Review');
    expect(review?.closest('summary')).toBeNull();
    act(() => review?.click());
    expect(onOpenApprovals).toHaveBeenCalled();
    expect(el.querySelector('pre')?.textContent).toBe('{\n  "query": "lamp"\n}');
  });

  it('done: collapsed, no Review, long results shortened until "Show all"', () => {
    const long = 'x'.repeat(RESULT_PREVIEW_CHARS + 10);
    const el = mount(h(ToolCallView, { call: call('done', { result: long }), onOpenApprovals: vi.fn() }));
    expect(el.querySelector('details')?.open).toBe(false);
    expect(el.querySelector('summary')?.textContent).toContain('Done');
    expect(button(el, 'Review')).toBeUndefined();
    const result = () => el.querySelectorAll('pre')[1]!.textContent!;
    expect(result().length).toBe(RESULT_PREVIEW_CHARS + 1);
    act(() => [...el.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Show all'))?.click());
    expect(result()).toBe(long);
  });
});

describe('the history list', () => {
  it('lists newest first, labels each Delete with its title, and has an empty state', () => {
    const onOpen = vi.fn();
    const onDelete = vi.fn();
    const el = mount(
      h(HistoryList, {
        conversations: [
          { id: 'old', title: 'Old lamps', updatedAt: 1 },
          { id: 'new', title: 'New chairs', updatedAt: 2 },
        ],
        currentId: 'new',
        onOpen,
        onDelete,
      }),
    );
    const titles = [...el.querySelectorAll('.chat-history-open')].map((b) => b.textContent);
    expect(titles).toEqual(['New chairs', 'Old lamps']);
    act(() => button(el, 'Delete conversation Old lamps')?.click());
    expect(onDelete).toHaveBeenCalledWith('old');
    act(() => button(el, 'New chairs')?.click());
    expect(onOpen).toHaveBeenCalledWith('new');
    act(() => render(null, root!));

    const empty = mount(h(HistoryList, { conversations: [], onOpen, onDelete }));
    expect(empty.textContent).toBe('No saved conversations.');
  });
});
