import type { ProviderConfig } from '../messages/chat-types';
import type { SecretStore, StoredValue } from '../storage/stores';

/** The providers as kept in the local extension storage area: no API key in them, only whether one is saved. */
export interface ProviderSettings {
  providers: ProviderConfig[];
  /** The one the assistant and sampling use. */
  defaultId?: string;
}

/** Where one provider's key is kept among the secrets. */
export const providerKeyName = (id: string) => `provider-key:${id}`;

/**
 * The user's model providers. What they are (name, address, model) lives in the local extension storage area, so that
 * every context can follow changes; their API keys live among the secrets (IndexedDB of the extension's
 * origin), which no content script can read. Only withKey() reads a key: the side panel, and the approval
 * window when it generates a sampling answer, are the callers.
 */
export class ProviderStore {
  constructor(
    private readonly slot: StoredValue<ProviderSettings>,
    private readonly secrets: SecretStore,
  ) {}

  /** The providers, without keys. An install from before the keys moved is migrated on the way. */
  async settings(): Promise<ProviderSettings> {
    return this.#clean(await this.migrate());
  }

  /** The provider in use: the default, else the first. Without its key. */
  async current(): Promise<ProviderConfig | undefined> {
    const { providers, defaultId } = await this.settings();
    return providers.find((p) => p.id === defaultId) ?? providers[0];
  }

  /** The config with its API key, for the one call that talks to the model. */
  async withKey(config: ProviderConfig): Promise<ProviderConfig> {
    const key = await this.secrets.get(providerKeyName(config.id));
    return typeof key === 'string' && key ? { ...config, apiKey: key } : config;
  }

  /**
   * Saves a provider. Its `apiKey`: a value replaces the saved key, '' removes it, and absent keeps
   * whatever is saved (the form's "leave empty to keep").
   */
  async save(config: ProviderConfig, makeDefault: boolean): Promise<void> {
    const { providers, defaultId } = await this.settings();
    const before = providers.find((p) => p.id === config.id);
    const { apiKey, ...rest } = config;
    let hasKey = Boolean(before?.hasKey);
    if (apiKey) {
      await this.secrets.set(providerKeyName(config.id), apiKey);
      hasKey = true;
    } else if (apiKey === '') {
      await this.secrets.delete(providerKeyName(config.id));
      hasKey = false;
    }
    // `savedAt` changes on every save, so that the pages that follow the settings hear of a new key too.
    const next = [...providers.filter((p) => p.id !== config.id), { ...rest, hasKey, savedAt: Date.now() }];
    await this.slot.set({ providers: next, defaultId: makeDefault || !defaultId ? config.id : defaultId });
  }

  async remove(id: string): Promise<void> {
    const { providers, defaultId } = await this.settings();
    const next = providers.filter((p) => p.id !== id);
    await this.secrets.delete(providerKeyName(id));
    await this.slot.set({
      providers: next,
      ...(defaultId && defaultId !== id ? { defaultId } : next[0] ? { defaultId: next[0].id } : {}),
    });
  }

  onChange(listener: () => void): () => void {
    return this.slot.onChanged(listener);
  }

  /**
   * Moves keys saved by earlier versions (inside the providers, in the local extension storage area) to the secrets,
   * then rewrites the providers without them. Idempotent and cheap when there is nothing to move: the
   * worker runs it at every start, and any reader on its way.
   */
  async migrate(): Promise<ProviderSettings> {
    const raw = await this.slot.get();
    const settings = {
      providers: Array.isArray(raw?.providers) ? raw.providers : [],
      ...(raw?.defaultId ? { defaultId: raw.defaultId } : {}),
    };
    const holding = settings.providers.filter((p) => 'apiKey' in p);
    if (holding.length === 0) return settings;
    for (const p of holding) {
      if (p.apiKey) await this.secrets.set(providerKeyName(p.id), p.apiKey);
    }
    const moved = {
      ...settings,
      providers: settings.providers.map((p) =>
        'apiKey' in p ? { ...this.#withoutKey(p), hasKey: Boolean(p.apiKey) || Boolean(p.hasKey) } : p,
      ),
    };
    await this.slot.set(moved);
    return moved;
  }

  #withoutKey({ apiKey: _, ...rest }: ProviderConfig): ProviderConfig {
    return rest;
  }

  #clean(settings: ProviderSettings): ProviderSettings {
    return { ...settings, providers: settings.providers.map((p) => this.#withoutKey(p)) };
  }
}
