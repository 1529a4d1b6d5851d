import { afterAll, beforeAll } from 'vitest';
import { type Everything, startEverything } from '../fixtures/everything';

/**
 * server-everything over Streamable HTTP on loopback for the describe block this is called in: started
 * before its tests, stopped after them.
 */
export function useEverything(): { readonly url: string } {
  let server: Everything | undefined;
  beforeAll(async () => {
    server = await startEverything('streamableHttp');
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get url() {
      if (!server) throw new Error('server-everything is not running: use `url` inside a test');
      return server.url;
    },
  };
}
