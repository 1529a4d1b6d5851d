import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { launchWithExtension, newProfile } from '../e2e/browser';

/**
 * Chromium with the extension and a DevTools port, for what Playwright's own CDP sessions cannot reach:
 * the extension's service worker (Playwright opens CDP sessions on pages and frames only).
 */
export async function launchWithDevTools(
  options: Omit<Parameters<typeof launchWithExtension>[0], 'profile' | 'args'>,
): Promise<{ context: BrowserContext; cdp: DevTools }> {
  const profile = newProfile();
  const context = await launchWithExtension({ ...options, profile, args: ['--remote-debugging-port=0'] });
  try {
    const portFile = join(profile, 'DevToolsActivePort');
    for (let i = 0; !existsSync(portFile); i++) {
      if (i === 200) throw new Error('Chromium wrote no DevToolsActivePort');
      await new Promise((r) => setTimeout(r, 50));
    }
    const [port, path] = readFileSync(portFile, 'utf8').trim().split('\n');
    return { context, cdp: await devTools(`ws://127.0.0.1:${port}${path}`) };
  } catch (error) {
    await context.close();
    throw error;
  }
}

export interface DevTools {
  /** A CDP command, to the browser or (with a session from attach) to one target. */
  send<T>(method: string, params?: object, sessionId?: string): Promise<T>;
  /** Attaches to the first target that matches, and returns its session id. */
  attach(match: (target: TargetInfo) => boolean): Promise<string>;
  close(): void;
}

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

type Socket = {
  on(event: string, listener: (data: unknown) => void): void;
  send(text: string): void;
  close(): void;
};

/** A minimal flat-session CDP client over the browser's DevTools WebSocket (Playwright's bundled ws). */
async function devTools(wsUrl: string): Promise<DevTools> {
  // Playwright ships ws (no types for this path): a specifier in a variable keeps TypeScript from resolving it.
  const bundle = 'playwright-core/lib/utilsBundle';
  const { ws: WebSocket } = (await import(bundle)) as {
    ws: new (url: string, options?: object) => Socket;
  };
  const socket = new WebSocket(wsUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
  await new Promise((resolve, reject) => {
    socket.on('open', resolve);
    socket.on('error', reject);
  });
  let next = 0;
  const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  const send = <T>(method: string, params: object = {}, sessionId?: string) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, (m) => {
        waiting.delete(id);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result as T);
      });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  return {
    send,
    async attach(match) {
      for (let i = 0; ; i++) {
        const { targetInfos } = await send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
        const target = targetInfos.find(match);
        if (target) {
          const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', {
            targetId: target.targetId,
            flatten: true,
          });
          return sessionId;
        }
        if (i === 100) throw new Error('no such DevTools target');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => socket.close(),
  };
}
