import type { ProviderConfig } from '../messages/chat-types';

import type { StoredValue } from '../storage/stores';

export interface ProviderSettings {
  providers: ProviderConfig[];
  /** The one the assistant and sampling use. */
  defaultId?: string;
}

/** The user's model providers, keys included. Read by extension pages and, for sampling, the worker. */
export class ProviderStore {
  constructor(private readonly slot: StoredValue<ProviderSettings>) {}

  async settings(): Promise<ProviderSettings> {
    const value = await this.slot.get();
    return {
      providers: Array.isArray(value?.providers) ? value.providers : [],
      ...(value?.defaultId ? { defaultId: value.defaultId } : {}),
    };
  }

  /** The provider in use: the default, else the first. */
  async current(): Promise<ProviderConfig | undefined> {
    const { providers, defaultId } = await this.settings();
    return providers.find((p) => p.id === defaultId) ?? providers[0];
  }

  async save(config: ProviderConfig, makeDefault: boolean): Promise<void> {
    const { providers, defaultId } = await this.settings();
    const next = [...providers.filter((p) => p.id !== config.id), config];
    await this.slot.set({
      providers: next,
      defaultId: makeDefault || !defaultId ? config.id : defaultId,
    });
  }

  async remove(id: string): Promise<void> {
    const { providers, defaultId } = await this.settings();
    const next = providers.filter((p) => p.id !== id);
    await this.slot.set({
      providers: next,
      ...(defaultId && defaultId !== id ? { defaultId } : next[0] ? { defaultId: next[0].id } : {}),
    });
  }

  onChange(listener: () => void): () => void {
    return this.slot.onChanged(listener);
  }
}
