import type { Client, ClientCapabilities } from '@modelcontextprotocol/client';
import type { LoggingMessageNotification } from '@modelcontextprotocol/server';
import type { Logger } from '../shared/logger';
import type { RemoteServerConfig } from './server-config';
import type { SessionFactsStore } from './session-facts';

export type RemoteState = 'connecting' | 'connected' | 'error' | 'reconnecting';
export type TransportKind = 'streamable-http' | 'sse';

export interface RemoteEvents {
  changed(): void;
  resourceUpdated(innerUri: string): void;
  log(params: LoggingMessageNotification['params']): void;
}

export interface RemoteOptions {
  logger: Logger;
  version: string;
  now: () => number;
  /**
   * What this client declares. The host declares nothing it does not really do (see issue 4). A function is
   * asked at every connect, so a change (a model for sampling) is declared when the connection restarts.
   */
  capabilities?: ClientCapabilities | (() => ClientCapabilities);
  /** Installs request handlers for what was declared (elicitation, sampling, roots). */
  setup?: (client: Client, config: RemoteServerConfig) => void;
  fetch?: typeof fetch;
  /** Where session facts are kept across worker restarts (the browser's session storage in the extension). */
  facts?: SessionFactsStore;
}

/** What a person reading the options page sees about the live connection. */
export interface RemoteStatus {
  state: RemoteState;
  error?: string;
  retryAt?: number;
  transport?: TransportKind;
  protocolVersion?: string;
  capabilities?: string[];
  counts: { tools: number; resources: number; prompts: number };
}
