import { describe, expect, it } from 'vitest';
import { checkProviderConfig } from '../../src/assistant/provider-config';
import { type ProviderSettings, ProviderStore } from '../../src/assistant/provider-store';
import type { ProviderConfig } from '../../src/messages/chat-types';
import { MemorySecretStore } from '../../src/storage/memory-stores';
import type { StoredValue } from '../../src/storage/stores';

/** chrome.storage.local's one key, as the store sees it: what is written is what a content script could read. */
function slot(initial?: ProviderSettings) {
  let value = initial;
  const listeners = new Set<() => void>();
  const stored: StoredValue<ProviderSettings> & { raw(): string } = {
    get: async () => structuredClone(value),
    set: async (next) => {
      value = structuredClone(next);
      for (const l of listeners) l();
    },
    onChanged: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    raw: () => JSON.stringify(value ?? null),
  };
  return stored;
}

const base: ProviderConfig = {
  id: 'p1',
  kind: 'openai-compatible',
  name: 'OpenAI',
  baseURL: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  contextTokens: 128_000,
  supportsTools: true,
};

describe('model providers', () => {
  it('keep the API key among the secrets, never in storage.local, and give it only through withKey()', async () => {
    const local = slot();
    const secrets = new MemorySecretStore();
    const store = new ProviderStore(local, secrets);
    await store.save({ ...base, apiKey: 'sk-secret-1' }, true);
    expect(local.raw()).not.toContain('sk-secret-1');
    expect(secrets.rows.get('provider-key:p1')).toBe('sk-secret-1');
    const current = await store.current();
    expect(current).toMatchObject({ id: 'p1', hasKey: true });
    expect(current?.apiKey).toBeUndefined();
    expect((await store.withKey(current!)).apiKey).toBe('sk-secret-1');
  });

  it('keep the saved key when the form leaves it empty, replace it, or remove it with ""', async () => {
    const local = slot();
    const secrets = new MemorySecretStore();
    const store = new ProviderStore(local, secrets);
    const changes: number[] = [];
    store.onChange(() => changes.push(1));
    await store.save({ ...base, apiKey: 'sk-one' }, true);
    // Edited without touching the key: the form sends none, and the check lets Anthropic through on hasKey.
    const kept = checkProviderConfig({ ...base, kind: 'anthropic', name: 'Claude', hasKey: true }, () => 'x');
    expect(kept.apiKey).toBeUndefined();
    await store.save(kept, true);
    expect((await store.withKey((await store.current())!)).apiKey).toBe('sk-one');
    await store.save({ ...base, apiKey: 'sk-two' }, true);
    expect((await store.withKey((await store.current())!)).apiKey).toBe('sk-two');
    expect(changes).toHaveLength(3); // a new key is a change the side panel hears of
    await store.save(
      checkProviderConfig({ ...base, apiKey: '  ' }, () => 'x'),
      true,
    );
    expect(secrets.rows.has('provider-key:p1')).toBe(false);
    expect((await store.current())?.hasKey).toBe(false);
    await store.save({ ...base, apiKey: 'sk-three' }, true);
    await store.remove('p1');
    expect(secrets.rows.size).toBe(0);
  });

  it('move keys an earlier version kept in storage.local, once, on the first read', async () => {
    const local = slot({
      providers: [
        { ...base, apiKey: 'sk-old' },
        { ...base, id: 'p2', apiKey: '' },
      ],
      defaultId: 'p1',
    });
    const secrets = new MemorySecretStore();
    const store = new ProviderStore(local, secrets);
    const { providers } = await store.settings();
    expect(providers.map((p) => [p.id, p.hasKey, 'apiKey' in p])).toEqual([
      ['p1', true, false],
      ['p2', false, false],
    ]);
    expect(local.raw()).not.toContain('apiKey');
    expect([...secrets.rows]).toEqual([['provider-key:p1', 'sk-old']]);
    expect(await store.migrate()).toMatchObject({ defaultId: 'p1' }); // nothing left to move
  });
});
