import type {
  CallToolResult,
  Client,
  ClientCapabilities,
  OAuthClientProvider,
} from '@modelcontextprotocol/client';
import type { LoggingMessageNotification } from '@modelcontextprotocol/server';
import type { RemoteServerConfig } from '../messages/server-config';
import type { Logger } from '../shared/logger';
import type { OAuthPlatform } from './auth/oauth-types';
import type { SessionFactsStore } from './session-facts';

/** Answers one request a server embedded in a result, through the user (src/consent/server-requests.ts). */
export type InputAnswer = (
  method: string,
  params: unknown,
  signal: AbortSignal,
) => Promise<Record<string, unknown>>;

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
  /**
   * Installs request handlers for what was declared (elicitation, sampling, roots), and gives the same
   * answers for requests that arrive inside a result rather than as requests (a 2026-07-28 task's input).
   */
  setup?: (client: Client, config: RemoteServerConfig) => InputAnswer | undefined;
  /**
   * A call that failed with -32042 (URL elicitation required): asks the user to open the server's URLs,
   * and gives the result to return instead; undefined for any other error (see ServerConnection.userStep).
   */
  userStep?: (
    error: unknown,
    serverName: string,
    signal?: AbortSignal,
  ) => Promise<CallToolResult | undefined>;
  fetch?: typeof fetch;
  /** Where session facts are kept across worker restarts (the browser's session storage in the extension). */
  facts?: SessionFactsStore;
  /** Signing in to servers that answer 401 (MCP authorization). Without it, a 401 is just an error. */
  oauth?: OAuthPlatform;
  /**
   * For the conformance harness only, never set by the extension: another OAuthClientProvider (the
   * client-credentials and cross-app-access grants, which the product does not offer yet), and the RFC 8414
   * issuer check switched off for one test server that reports the wrong issuer.
   */
  oauthOverrides?: { provider?: OAuthClientProvider; skipIssuerMetadataValidation?: boolean };
}
