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

const uiToWorker = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ui→worker:watch-tab'),
    payload: z.object({ tabId: z.number().int().nonnegative() }),
  }),
  z.object({
    type: z.literal('ui→worker:set-grant'),
    payload: z.object({ origin, target: grantTarget, granted: z.boolean() }),
  }),
]);

export type UiToWorker = Envelope<'ui→worker:watch-tab' | 'ui→worker:set-grant'>;

/** Checks a message from an extension page; throws with a readable reason. */
export function parseUiMessage(raw: unknown): UiToWorker {
  const result = uiToWorker.safeParse(raw);
  if (!result.success) throw new Error(`Malformed ui message: ${z.prettifyError(result.error)}`);
  return result.data as UiToWorker;
}
