/**
 * Providers restrict function names (OpenAI: ^[a-zA-Z0-9_-]{1,64}$); the host's catalog names carry dots
 * ("127.0.0.1_http_p8080__search"). This maps both ways, one-to-one, for one turn's tool list.
 */
export class ToolNames {
  readonly #toProvider = new Map<string, string>();
  readonly #toCatalog = new Map<string, string>();

  constructor(catalogNames: readonly string[]) {
    for (const name of catalogNames) {
      // The same tool may come both from the catalog and from earlier calls: one name for it, not `_2`.
      if (this.#toProvider.has(name)) continue;
      const base = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 56) || 'tool';
      let candidate = base;
      for (let n = 2; this.#toCatalog.has(candidate); n++) candidate = `${base}_${n}`;
      this.#toProvider.set(name, candidate);
      this.#toCatalog.set(candidate, name);
    }
  }

  provider(catalogName: string): string | undefined {
    return this.#toProvider.get(catalogName);
  }

  catalog(providerName: string): string | undefined {
    return this.#toCatalog.get(providerName);
  }
}
