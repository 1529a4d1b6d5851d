import { lazySchema, z } from '../shared/zod';
import type { Envelope, MessageKey } from './contract';

const origin = lazySchema(() =>
  z
    .string()
    .max(2048)
    .refine((value) => {
      try {
        const url = new URL(value);
        return /^https?:$/.test(url.protocol) && url.origin === value;
      } catch {
        return false;
      }
    }, 'not an http(s) origin'),
);

const grantTarget = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('tool'), tool: z.string().min(1).max(128) }),
    z.object({ kind: z.literal('page') }),
    z.object({ kind: z.literal('actions') }),
  ]),
);

const serverInput = lazySchema(() =>
  z.object({
    id: z.string().min(1).max(64).optional(),
    name: z.string().trim().min(1).max(80),
    url: z.string().min(1).max(2048),
    headers: z.record(z.string().max(200), z.string().max(8192)).optional(),
    enabled: z.boolean(),
    allowAllTools: z.boolean(),
    trustedContent: z.boolean().optional(),
    oauth: z
      .object({ clientId: z.string().max(500).optional(), clientSecret: z.string().max(2000).optional() })
      .optional(),
  }),
);

const empty = lazySchema(() => z.object({}));
const decision = lazySchema(() => z.enum(['allow-once', 'allow-session', 'allow-always', 'deny']));
const elicitValue = lazySchema(() =>
  z.union([z.string().max(10_000), z.number(), z.boolean(), z.array(z.string().max(1000)).max(200)]),
);
const samplingMessage = lazySchema(() =>
  z.object({ role: z.enum(['user', 'assistant']), text: z.string().max(200_000) }),
);
const approvalAnswer = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('tool'), decision: decision() }),
    z.object({ kind: z.literal('connection'), decision: z.enum(['allow', 'deny']) }),
    z.object({
      kind: z.literal('elicitation'),
      action: z.enum(['accept', 'decline', 'cancel']),
      content: z.record(z.string().max(200), elicitValue()).optional(),
    }),
    z.object({
      kind: z.literal('sampling'),
      action: z.enum(['approve', 'deny']),
      systemPrompt: z.string().max(200_000).optional(),
      messages: z.array(samplingMessage()).max(500).optional(),
    }),
    z.object({
      kind: z.literal('sampling-result'),
      result: z
        .object({
          model: z.string().max(200),
          text: z.string().max(1_000_000),
          stopReason: z.string().max(64).optional(),
        })
        .optional(),
      error: z.string().max(2000).optional(),
    }),
  ]),
);
const key = lazySchema(() => z.string().min(1).max(2048));

const uiToWorker = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('ui→worker:watch-approvals'), payload: empty() }),
    z.object({ type: z.literal('ui→worker:sign-in'), payload: z.object({ id: z.string().min(1).max(64) }) }),
    z.object({ type: z.literal('ui→worker:sign-out'), payload: z.object({ id: z.string().min(1).max(64) }) }),
    z.object({
      type: z.literal('ui→worker:answer'),
      payload: z.object({ id: z.string().min(1).max(100), answer: approvalAnswer() }),
    }),
    z.object({ type: z.literal('ui→worker:open-approvals'), payload: empty() }),
    z.object({ type: z.literal('ui→worker:watch-settings'), payload: empty() }),
    z.object({
      type: z.literal('ui→worker:site'),
      payload: z.object({ origin: origin(), action: z.enum(['revoke-all', 'block', 'unblock']) }),
    }),
    z.object({
      type: z.literal('ui→worker:forget-approval'),
      payload: z.object({ assistant: key(), source: key(), tool: key() }),
    }),
    // The values are checked in depth by checkPreferences (settings-file.ts); this is the shape.
    z.object({
      type: z.literal('ui→worker:set-preferences'),
      payload: z.object({
        approvalTimeoutSeconds: z.number(),
        auditLimit: z.number(),
        untrustedWindowMinutes: z.number().optional(),
        oauthClientMetadataUrl: z.string().max(2048).optional(),
        roots: z
          .array(z.object({ uri: z.string().max(4096), name: z.string().max(200).optional() }))
          .max(100),
      }),
    }),
    z.object({ type: z.literal('ui→worker:read-audit'), payload: empty() }),
    z.object({ type: z.literal('ui→worker:export-settings'), payload: empty() }),
    z.object({
      type: z.literal('ui→worker:import-settings'),
      payload: z.object({ text: z.string().max(5_000_000) }),
    }),
    z.object({ type: z.literal('ui→worker:watch-servers'), payload: z.object({}) }),
    z.object({ type: z.literal('ui→worker:watch-desktop'), payload: empty() }),
    z.object({
      type: z.literal('ui→worker:desktop-assistant'),
      payload: z.object({
        id: z.string().min(1).max(400),
        action: z.enum(['disconnect', 'allow', 'forget']),
      }),
    }),
    z.object({ type: z.literal('ui→worker:save-server'), payload: serverInput() }),
    z.object({
      type: z.literal('ui→worker:remove-server'),
      payload: z.object({ id: z.string().min(1).max(64) }),
    }),
    z.object({
      type: z.literal('ui→worker:watch-tab'),
      payload: z.object({ tabId: z.number().int().nonnegative() }),
    }),
    z.object({
      type: z.literal('ui→worker:allow-read-only'),
      payload: z.object({ tabId: z.number().int().nonnegative() }),
    }),
    z.object({
      type: z.literal('ui→worker:set-grant'),
      payload: z.object({ origin: origin(), target: grantTarget(), granted: z.boolean() }),
    }),
    z.object({
      type: z.literal('ui→worker:set-browser-tabs'),
      payload: z.object({ enabled: z.boolean() }),
    }),
    z.object({
      type: z.literal('ui→worker:set-site-assistants'),
      payload: z.object({
        origin: origin(),
        assistants: z.array(z.string().min(1).max(400)).max(100).nullable(),
      }),
    }),
  ]),
);

/** A message from an extension page to the worker, exactly as the schema above accepts it. */
export type UiToWorker = z.infer<ReturnType<typeof uiToWorker>>;

// The schema and the contract must describe the same messages: one added, dropped or changed on one side
// only fails the typecheck here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsContract: Same<UiToWorker, Envelope<Extract<MessageKey, `ui→worker:${string}`>>> = true;
void sameAsContract;

/** Checks a message from an extension page; throws with a readable reason. */
export function parseUiMessage(raw: unknown): UiToWorker {
  const result = uiToWorker().safeParse(raw);
  if (!result.success) throw new Error(`Malformed ui message: ${z.prettifyError(result.error)}`);
  return result.data;
}

const contentToWorker = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('content→worker:stop-actions'), payload: z.object({}).strict() }),
    z.object({ type: z.literal('content→worker:vouch-frame'), payload: z.object({ origin: origin() }) }),
    // The bridge lists at most 256 tools (page-bridge.ts, LIMITS.tools).
    z.object({
      type: z.literal('content→worker:tool-count'),
      payload: z.object({ count: z.number().int().min(0).max(256) }).strict(),
    }),
    z.object({
      type: z.literal('content→worker:admit-frame'),
      payload: z.object({ token: z.string().min(1).max(100) }),
    }),
  ]),
);

/** A message from one of our content scripts to the worker. */
export type ContentToWorker = z.infer<ReturnType<typeof contentToWorker>>;
const sameAsContent: Same<ContentToWorker, Envelope<Extract<MessageKey, `content→worker:${string}`>>> = true;
void sameAsContent;

/** Checks a content script's message; undefined when it is not one (other listeners may want it). */
export function parseContentMessage(raw: unknown): ContentToWorker | undefined {
  const result = contentToWorker().safeParse(raw);
  return result.success ? result.data : undefined;
}
