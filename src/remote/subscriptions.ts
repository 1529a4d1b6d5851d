import type { Client, McpSubscription } from '@modelcontextprotocol/client';
import type { Logger } from '../shared/logger';

/**
 * What one remote connection wants to hear about, across both protocol eras: 2025 sessions use
 * resources/subscribe and unsolicited notifications; 2026-07-28 is stateless and delivers change
 * notifications only on a subscriptions/listen stream, re-opened whenever the set changes.
 */
export class RemoteSubscriptions {
  readonly #uris = new Set<string>();
  #listening: McpSubscription | undefined;

  constructor(
    private readonly label: string,
    private readonly logger: Logger,
  ) {}

  /**
   * A fresh connection: open the listen stream, or renew 2025 subscriptions assistants still hold. A server
   * that cannot stream notifications (many answer subscriptions/listen with "Method not found") still works:
   * its tools and resources are there, only change notifications are lost, so that is a warning, not a
   * failed connection.
   */
  async attach(client: Client): Promise<void> {
    if (client.getProtocolEra() === 'modern') {
      return this.#listen(client).catch((e) =>
        this.logger.warn(`${this.label}: no change notifications (subscriptions/listen failed)`, e),
      );
    }
    await this.#stopListening();
    for (const uri of this.#uris) {
      await client
        .subscribeResource({ uri })
        .catch((e) => this.logger.warn(`${this.label}: resubscribe ${uri}`, e));
    }
  }

  async add(client: Client, uri: string): Promise<void> {
    this.#uris.add(uri);
    if (client.getProtocolEra() === 'modern') await this.#listen(client);
    else await client.subscribeResource({ uri });
  }

  async remove(client: Client, uri: string): Promise<void> {
    this.#uris.delete(uri);
    if (client.getProtocolEra() === 'modern') await this.#listen(client);
    else await client.unsubscribeResource({ uri });
  }

  close(): Promise<void> {
    return this.#stopListening();
  }

  async #listen(client: Client): Promise<void> {
    await this.#stopListening();
    const caps = client.getServerCapabilities();
    if (!caps) return;
    this.#listening = await client.listen({
      toolsListChanged: !!caps.tools?.listChanged,
      promptsListChanged: !!caps.prompts?.listChanged,
      resourcesListChanged: !!caps.resources?.listChanged,
      ...(caps.resources?.subscribe && this.#uris.size > 0 ? { resourceSubscriptions: [...this.#uris] } : {}),
    });
  }

  async #stopListening(): Promise<void> {
    const listening = this.#listening;
    this.#listening = undefined;
    await listening?.close().catch((e) => this.logger.debug(`${this.label}: listen close`, e));
  }
}
