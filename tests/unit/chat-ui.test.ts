// @vitest-environment jsdom
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatItem, ToolCallItem } from '../../src/messages/chat-types';
import type { TabStateView, ToolGrantView } from '../../src/messages/contract';
import { ChatView, type ChatViewProps } from '../../src/ui/chat/chat-view';
import { HistoryList } from '../../src/ui/chat/history-list';
import { countPageTools } from '../../src/ui/chat/page-tools-sheet';
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

  it('shows attachments as removable chips named by the page, and says why a page cannot be attached', () => {
    const { el, props } = chat({
      pageAttachable: false,
      attachments: [
        { uri: 'page://tab/1', title: 'Lamps – Shop', text: '# Lamps' },
        { uri: 'page://tab/2', title: 'Page content', source: 'https://shop.example', text: '# Chairs' },
      ],
    });
    const chips = el.querySelector('[aria-label="Attachments"]');
    expect(chips?.textContent).toContain('Lamps – Shop');
    // The resource's generic name is never what a chip says: the host stands in for a missing title.
    expect(chips?.textContent).toContain('shop.example');
    expect(chips?.textContent).not.toContain('Page content');
    act(() => button(el, 'Remove Lamps – Shop')?.click());
    expect(props.onRemoveAttachment).toHaveBeenCalledWith('page://tab/1');
    const attach = button(el, 'Attach this page');
    expect(attach?.disabled).toBe(true);
    expect(attach?.title).toContain('Share page content');
  });

  it('when empty, says what the assistant can do and when it asks; without a model, how to set one up', () => {
    const withModel = chat({
      sharedTools: [{ title: 'Search this article' }],
      toolCount: 1,
    });
    expect(withModel.el.textContent).toContain('Use the tool you shared: Search this article.');
    expect(withModel.el.textContent).toContain('Read-only tools you shared from a site run without asking.');
    expect(withModel.el.textContent).toContain('Other tools ask you first');
    expect(withModel.el.textContent).toContain('1 tool available');
    expect(button(withModel.el, 'Set up a model')).toBeUndefined();
    act(() => render(null, root!));

    const { el, props } = chat({ noProvider: true, providerLabel: undefined, toolCount: 0 });
    expect(el.textContent).toContain('Set up a model first');
    expect(el.textContent).toContain('No tools shared yet');
    expect(el.textContent).not.toContain('run without asking');
    act(() => button(el, 'Set up a model')?.click());
    expect(props.onOpenSettings).toHaveBeenCalled();
  });

  it('offers the page’s unshared tools, and says so only when there are some', () => {
    const onChoosePageTools = vi.fn();
    const some = chat({ pageTools: { offered: 7, unshared: 6 }, onChoosePageTools });
    act(() => button(some.el, 'This page offers 7 tools: choose what to share')?.click());
    expect(onChoosePageTools).toHaveBeenCalled();
    act(() => render(null, root!));
    const none = chat({ pageTools: { offered: 2, unshared: 0 }, onChoosePageTools });
    expect(none.el.textContent).not.toContain('This page offers');
    expect(button(none.el, 'Change what this page shares')).toBeDefined();
  });

  it('offers Retry on a model error that ends the conversation, and not while streaming', () => {
    const items: ChatItem[] = [
      { kind: 'user', id: 'u', text: 'Hi', at: 1 },
      { kind: 'notice', id: 'n', text: 'The provider failed (HTTP 500).', at: 2, tone: 'error' },
    ];
    const { el, props } = chat({ items, onRetry: vi.fn() });
    act(() => button(el, 'Retry')?.click());
    expect(props.onRetry).toHaveBeenCalledTimes(1);
    act(() => render(null, root!));
    expect(button(chat({ items, streaming: true, onRetry: vi.fn() }).el, 'Retry')).toBeUndefined();
    act(() => render(null, root!));
    const answered: ChatItem[] = [
      ...items,
      { kind: 'assistant', id: 'a', text: 'Hello', at: 3, toolCalls: [] },
    ];
    expect(button(chat({ items: answered, onRetry: vi.fn() }).el, 'Retry')).toBeUndefined();
  });
});

describe('a tool call', () => {
  const fields = (el: HTMLElement, region: string) =>
    [...(el.querySelector(`[aria-label="${region}"] dl`)?.children ?? [])].map((row) => [
      row.querySelector('dt')?.textContent,
      row.querySelector('dd')?.textContent,
    ]);

  it('waiting for approval: open, with a Review button outside the summary, arguments as a list', () => {
    const onOpenApprovals = vi.fn();
    const el = mount(h(ToolCallView, { call: call('waiting-approval'), onOpenApprovals }));
    expect(el.querySelector('[data-status="waiting-approval"]')).not.toBeNull();
    expect(el.querySelector('details')?.open).toBe(true);
    expect(el.querySelector('summary')?.textContent).toContain('Search products on example.com');
    expect(el.querySelector('summary')?.textContent).toContain('Needs your approval');
    const review = button(el, 'Review');
    expect(review?.closest('summary')).toBeNull();
    act(() => review?.click());
    expect(onOpenApprovals).toHaveBeenCalled();
    expect(fields(el, 'Sent')).toEqual([['Query', 'lamp']]);
    expect(el.querySelector('pre')).toBeNull();
  });

  it('a form that waits for the person says so instead of the status', () => {
    const note = 'Waiting for you to submit the form on example.com';
    const el = mount(h(ToolCallView, { call: call('running', { note }), onOpenApprovals: vi.fn() }));
    expect(el.querySelector('.tool-call-status')?.textContent).toBe(note);
  });

  it('done: one collapsed line, no Review, one result, long ones shortened until "Show all"', () => {
    const long = 'x'.repeat(RESULT_PREVIEW_CHARS + 10);
    const el = mount(
      h(ToolCallView, {
        call: call('done', { result: long, structured: { same: 'data' } }),
        onOpenApprovals: vi.fn(),
      }),
    );
    expect(el.querySelector('details')?.open).toBe(false);
    expect(el.querySelector('summary')?.textContent).toBe('✓Searched products on example.com');
    expect(el.textContent).not.toContain('example.com__search');
    expect(button(el, 'Review')).toBeUndefined();
    // Text first: the structured copy of the same result is not shown beside it.
    expect(el.querySelectorAll('[aria-label="Result"]')).toHaveLength(1);
    expect(el.textContent).not.toContain('same');
    const result = () => el.querySelector('.tool-call-result')!.textContent!;
    expect(result().length).toBe(RESULT_PREVIEW_CHARS + 1);
    act(() => [...el.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Show all'))?.click());
    expect(result()).toBe(long);
  });

  it('structured content is shown, as fields, only when there is no text', () => {
    const el = mount(
      h(ToolCallView, {
        call: call('done', { result: '', structured: { count: 3 } }),
        onOpenApprovals: vi.fn(),
      }),
    );
    expect(fields(el, 'Result')).toEqual([['Count', '3']]);
  });

  it('a result that is a JSON object reads as fields, and long values open in place with "Show all"', () => {
    const matches = ['m'.repeat(300), 'n'.repeat(300)];
    const el = mount(
      h(ToolCallView, {
        call: call('done', { result: JSON.stringify({ query: 'lamp', matches }) }),
        onOpenApprovals: vi.fn(),
      }),
    );
    expect(el.textContent).not.toContain('{');
    expect(fields(el, 'Result')[0]).toEqual(['Query', 'lamp']);
    // A list is its items, numbered, each long one folded on its own.
    const items = () =>
      [...el.querySelectorAll('[aria-label="Result"] dl.nested .arg-text')].map((e) => e.textContent);
    expect(items()).toHaveLength(2);
    expect(items().every((t) => t?.endsWith('…') && t.length < 300)).toBe(true);
    act(() => [...el.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Show all'))?.click());
    expect(items()).toEqual([matches[0], expect.stringMatching(/…$/)]);
  });

  it('failed: the line says so, and the error reads as what went wrong', () => {
    const el = mount(
      h(ToolCallView, { call: call('error', { result: 'The site said no.' }), onOpenApprovals: vi.fn() }),
    );
    expect(el.querySelector('summary')?.textContent).toBe('✕Could not search products on example.com');
    expect(el.querySelector('[aria-label="What went wrong"]')?.textContent).toContain('The site said no.');
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

describe('the page’s tools', () => {
  const tool = (name: string, granted: boolean): ToolGrantView => ({
    name,
    description: '',
    readOnly: false,
    consequential: false,
    untrustedContent: false,
    granted,
  });
  const state = (extra: Partial<TabStateView>): TabStateView => ({
    tabId: 1,
    origin: 'https://shop.example',
    state: 'connected',
    actionsGranted: false,
    tools: [tool('a', true), tool('b', false)],
    pageContentGranted: false,
    ...extra,
  });

  it('counts the page’s and its frames’ tools, and those not shared; none for a blocked site', () => {
    expect(countPageTools(state({}))).toEqual({ offered: 2, unshared: 1 });
    expect(
      countPageTools(
        state({
          frames: [
            { origin: 'https://maps.example', tools: [tool('c', false)] },
            { origin: 'https://ads.example', blocked: true, tools: [tool('d', false)] },
          ],
        }),
      ),
    ).toEqual({ offered: 3, unshared: 2 });
    expect(countPageTools(state({ blocked: true }))).toBeUndefined();
    expect(countPageTools(state({ origin: null }))).toBeUndefined();
    expect(countPageTools(undefined)).toBeUndefined();
  });
});
