import type { PageToolDescriptor } from '../../../src/messages/page-types';
import type { PageMetadata } from '../../../src/page/metadata';
import type { PageChange, PageSource, PageToolSource } from '../../../src/page/sources';
import { serializeResult } from '../../../src/page/webmcp-values';

type Impl = (input: Record<string, unknown>) => unknown;

/** A page's WebMCP tools at the PageToolSource interface; records every execution. */
export class FakeTools implements PageToolSource {
  readonly calls: { name: string; input: unknown }[] = [];
  readonly #tools = new Map<string, { descriptor: PageToolDescriptor; impl: Impl }>();
  readonly #listeners = new Set<() => void>();

  add(name: string, impl: Impl, extra: Partial<PageToolDescriptor> = {}): void {
    this.#tools.set(name, {
      descriptor: {
        name,
        description: `${name} tool`,
        inputSchema: { type: 'object' },
        annotations: {},
        ...extra,
      },
      impl,
    });
    for (const listener of this.#listeners) listener();
  }

  remove(name: string): void {
    this.#tools.delete(name);
    for (const listener of this.#listeners) listener();
  }

  async list(): Promise<PageToolDescriptor[]> {
    return [...this.#tools.values()].map((t) => t.descriptor);
  }

  async execute(name: string, inputJson: string): Promise<string> {
    const tool = this.#tools.get(name);
    if (!tool) throw new Error('UnknownError');
    const input = JSON.parse(inputJson);
    this.calls.push({ name, input });
    // What executeTool hands over, native and polyfill alike: a string, JSON only for objects.
    return serializeResult(await tool.impl(input), JSON.stringify);
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export class FakePage implements PageSource {
  markdown = '# Hello\n\nWorld';
  selected = '';
  readonly #listeners = new Set<(change: PageChange) => void>();
  constructor(
    public meta: PageMetadata = {
      url: 'https://a.example/',
      title: 'Hello',
      description: null,
      language: 'en',
    },
  ) {}
  metadata(): PageMetadata {
    return this.meta;
  }
  async content(): Promise<string> {
    return this.markdown;
  }
  selection(): string {
    return this.selected;
  }
  onChange(listener: (change: PageChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  fire(change: PageChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}
