import type { ServerConnection } from './server-connection';
import type { TabConnection } from './tab-connection';

/**
 * A tab document's in-page server: the one kind of connection that is `'tab'`. A check on `kind` rather
 * than `instanceof`, so that the call path does not import TabConnection (and with it the MCP SDK's
 * Client): the worker loads that only once a page connects (extension/background/deferred.ts).
 */
export function isTabConnection(conn: ServerConnection | undefined): conn is TabConnection {
  return conn?.kind === 'tab';
}
