import { lazySchema, z } from '../shared/zod';

/** The native-messaging host's name (bridge/paths.mjs says the same). */
export const BRIDGE_HOST_NAME = 'dev.switchboard.bridge';

// What the bridge (bridge/host.mjs) sends the worker over the native-messaging port. The bridge is a local
// program: checked like anything else that crosses into the worker, since any program of the user can
// pose as it if it was installed in its place.
const fromBridge = lazySchema(() => {
  const session = z.string().regex(/^[0-9a-f]{8,64}$/);
  return z.discriminatedUnion('type', [
    z.object({
      type: z.literal('ready'),
      version: z.number().int(),
      socket: z.string().max(4096),
      /** The relay's command line, which an assistant's MCP config runs (shown in Settings). */
      relay: z
        .object({ command: z.string().max(4096), args: z.array(z.string().max(4096)).max(8) })
        .optional(),
    }),
    z.object({
      type: z.literal('open'),
      session,
      program: z.string().max(200),
      pid: z.number().int().nonnegative().optional(),
    }),
    z.object({ type: z.literal('message'), session, message: z.unknown() }),
    z.object({ type: z.literal('close'), session }),
    z.object({ type: z.literal('fatal'), message: z.string().max(4000) }),
  ]);
});

export type BridgeToWorker = z.infer<ReturnType<typeof fromBridge>>;

export type WorkerToBridge =
  | { type: 'message'; session: string; message: unknown }
  | { type: 'close'; session: string; reason?: string };

/** A message from the bridge, or undefined for one that does not fit (dropped by the caller, and logged). */
export function parseBridgeMessage(raw: unknown): BridgeToWorker | undefined {
  const result = fromBridge().safeParse(raw);
  return result.success ? result.data : undefined;
}

/** A desktop assistant Switchboard has met, as Settings lists it and IndexedDB keeps it. */
export interface DesktopAssistantRecord {
  /** `desktop:<clientInfo.name>@<program>`: keys its decision and, as an assistant, its approvals. */
  id: string;
  /** What it calls itself (MCP clientInfo: title, else name). */
  name: string;
  /** The program that started the relay, as the operating system names it. */
  program: string;
  /** The user's answer to "<name> wants to use Switchboard"; absent until answered. */
  decision?: 'allow' | 'deny';
  firstSeen: number;
  lastSeen: number;
}
