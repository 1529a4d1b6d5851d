import type { Preferences } from '../messages/preferences';
import type { PreferenceStore } from '../storage/stores';
import { DEFAULT_PREFERENCES } from './preferences';

/** The current preferences, read synchronously (the approval timeout is read on every ask). */
export class PreferencesHolder {
  #current: Preferences = DEFAULT_PREFERENCES;
  readonly #listeners = new Set<(preferences: Preferences, before: Preferences) => void>();

  constructor(private readonly store: PreferenceStore) {}

  get current(): Preferences {
    return this.#current;
  }

  async load(): Promise<void> {
    // Fields added in later versions get their defaults.
    this.#current = { ...DEFAULT_PREFERENCES, ...(await this.store.get()) };
  }

  /** The caller has checked the values (checkPreferences). Persists first, so a save the user sees is kept. */
  async save(preferences: Preferences): Promise<void> {
    await this.store.set(preferences);
    this.#changed(preferences);
  }

  /** The store was replaced underneath (a settings import): reads it again and tells the listeners. */
  async reloaded(): Promise<void> {
    this.#changed({ ...DEFAULT_PREFERENCES, ...(await this.store.get()) });
  }

  /** Calls `listener` when a save changes the roots (and only then: servers are told each time). */
  onRootsChange(listener: () => void): () => void {
    return this.onChange((preferences, before) => {
      if (JSON.stringify(preferences.roots) !== JSON.stringify(before.roots)) listener();
    });
  }

  onChange(listener: (preferences: Preferences, before: Preferences) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(preferences: Preferences): void {
    const before = this.#current;
    this.#current = preferences;
    for (const listener of this.#listeners) listener(preferences, before);
  }
}
