import { z } from '../shared/zod';
import type { Envelope } from './contract';

const origin = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && url.origin === value;
    } catch {
      return false;
    }
  }, 'not an http(s) origin');

const grantTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tool'), tool: z.string().min(1).max(128) }),
  z.object({ kind: z.literal('page') }),
]);

const serverInput = z.object({
  id: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(1).max(80),
  url: z.string().min(1).max(2048),
  headers: z.record(z.string().max(200), z.string().max(8192)).optional(),
  enabled: z.boolean(),
  allowAllTools: z.boolean(),
});

const uiToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ui→worker:watch-servers'), payload: z.object({}) }),
  z.object({ type: z.literal('ui→worker:save-server'), payload: serverInput }),
  z.object({
    type: z.literal('ui→worker:remove-server'),
    payload: z.object({ id: z.string().min(1).max(64) }),
  }),
  z.object({
    type: z.literal('ui→worker:watch-tab'),
    payload: z.object({ tabId: z.number().int().nonnegative() }),
  }),
  z.object({
    type: z.literal('ui→worker:set-grant'),
    payload: z.object({ origin, target: grantTarget, granted: z.boolean() }),
  }),
]);

export type UiToWorker = Envelope<
  | 'ui→worker:watch-tab'
  | 'ui→worker:set-grant'
  | 'ui→worker:watch-servers'
  | 'ui→worker:save-server'
  | 'ui→worker:remove-server'
>;

/** Checks a message from an extension page; throws with a readable reason. */
export function parseUiMessage(raw: unknown): UiToWorker {
  const result = uiToWorker.safeParse(raw);
  if (!result.success) throw new Error(`Malformed ui message: ${z.prettifyError(result.error)}`);
  return result.data as UiToWorker;
}
