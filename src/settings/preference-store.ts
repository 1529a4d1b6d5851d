import type { Preferences } from '../messages/preferences';
import type { PreferenceStore } from '../storage/stores';
import { DEFAULT_PREFERENCES } from './preferences';

/** The current preferences, read synchronously (the approval timeout is read on every ask). */
export class PreferencesHolder {
  #current: Preferences = DEFAULT_PREFERENCES;
  readonly #listeners = new Set<(preferences: Preferences) => void>();

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
    this.#current = preferences;
    for (const listener of this.#listeners) listener(preferences);
  }

  /** The store was replaced underneath (a settings import): reads it again and tells the listeners. */
  async reloaded(): Promise<void> {
    await this.load();
    for (const listener of this.#listeners) listener(this.#current);
  }

  /** Calls `listener` when a save changes the roots (and only then: servers are told each time). */
  onRootsChange(listener: () => void): () => void {
    let roots = JSON.stringify(this.#current.roots);
    return this.onChange((preferences) => {
      const next = JSON.stringify(preferences.roots);
      if (next === roots) return;
      roots = next;
      listener();
    });
  }

  onChange(listener: (preferences: Preferences) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
