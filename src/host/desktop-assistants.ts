import type { ConsentQueue } from '../consent/consent-queue';
import type { DesktopAssistantRecord } from '../messages/bridge-messages';
import type { DesktopAssistantView } from '../messages/contract';
import type { AssistantRef } from '../messages/decisions';
import { Emitter } from '../shared/emitter';
import { errorMessage, HostError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { DesktopAssistantStore } from '../storage/stores';
import type { BridgeSession } from '../transports/bridge-link';
import type { connectAssistant, SessionAccess } from './assistant-endpoint';
import type { Host } from './host';

const WAITING =
  'Switchboard is waiting for the user to allow this assistant: they can answer in the Switchboard approval window. Until then it sees no tools, pages or prompts.';

/** What one session may do: nothing until the user allows its assistant. */
class Gate implements SessionAccess {
  #why: string | undefined = WAITING;
  readonly #listeners = new Set<() => void>();
  refusal() {
    return this.#why;
  }
  onChange(listener: () => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  set(why: string | undefined) {
    if (why === this.#why) return;
    this.#why = why;
    for (const listener of this.#listeners) listener();
  }
}

/** Who a desktop assistant is: what it calls itself, and the program that started its relay. */
export function desktopRef(
  info: { name: string; title?: string } | undefined,
  program: string,
): AssistantRef {
  const name = (info?.name ?? 'assistant').slice(0, 100);
  return { id: `desktop:${name}@${program}`, label: (info?.title ?? name).slice(0, 100) };
}

/**
 * Desktop assistants (through the bridge): each session is an ordinary assistant session of the host, so
 * grants, approvals, the audit log and untrusted-content marking apply as to the side panel. One thing is
 * added first: the user allows each assistant once ("<name> wants to use Switchboard"); until then, and
 * after a Deny or a Forget, it sees nothing.
 */
export class DesktopAssistants {
  readonly events: Emitter<{ changed: [] }>;
  readonly #records = new Map<string, DesktopAssistantRecord>();
  readonly #live = new Map<string, Set<{ session: BridgeSession; gate: Gate }>>();
  /** The connection question being asked, per assistant id. */
  readonly #asking = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: {
      host: Host;
      queue: ConsentQueue;
      store: DesktopAssistantStore;
      logger: Logger;
      version: string;
      /**
       * Serves a session (assistant-endpoint's connectAssistant). Handed in rather than imported so that
       * the assistant-facing MCP server (the SDK's Server and its code) stays out of the worker's start-up:
       * the worker builds this class at every wake, and a relay connects at only a few of them.
       */
      connect: typeof connectAssistant;
      now?: () => number;
    },
  ) {
    this.events = new Emitter((error) => deps.logger.error('desktop assistants listener failed', error));
  }

  async load(): Promise<void> {
    for (const record of await this.deps.store.all()) this.#records.set(record.id, record);
  }

  views(): DesktopAssistantView[] {
    return [...this.#records.values()]
      .map((r) => ({ ...r, connected: this.#live.get(r.id)?.size ?? 0 }))
      .sort((a, b) => b.lastSeen - a.lastSeen);
  }

  /** A relay connected: serve it as an assistant, behind its gate. */
  async serve(session: BridgeSession): Promise<void> {
    const entry = { session, gate: new Gate() };
    let id: string | undefined;
    const server = await this.deps.connect(
      this.deps.host,
      session.transport,
      this.deps.logger,
      this.deps.version,
      {
        identify: (info) => desktopRef(info, session.program),
        access: entry.gate,
        initialized: (assistant) => {
          id = assistant.id;
          this.#admit(entry, assistant).catch((error) =>
            this.deps.logger.warn(`desktop assistant ${assistant.label}: ${errorMessage(error)}`),
          );
        },
      },
    );
    const closed = server.onclose;
    server.onclose = () => {
      closed?.();
      if (id) this.#live.get(id)?.delete(entry);
      this.events.emit('changed');
    };
  }

  /**
   * Settings: revokes the assistant's access at once and ends its open sessions. Its relay may come back,
   * but sees nothing until the user allows it again (allow()).
   */
  async disconnect(id: string): Promise<void> {
    const record = this.#records.get(id);
    if (record) await this.#decide(record, 'deny');
    this.#close(id, 'Disconnected in Switchboard’s settings.');
  }

  /** Settings: lets a denied (or disconnected) assistant in, with effect on its open sessions at once. */
  async allow(id: string): Promise<void> {
    const record = this.#records.get(id);
    if (record) await this.#decide(record, 'allow');
  }

  /** Settings: forgets the assistant and the user's decision; its sessions end, and it must ask again. */
  async forget(id: string): Promise<void> {
    this.#records.delete(id);
    await this.deps.store.delete(id);
    this.#close(id, 'Forgotten in Switchboard’s settings: it will be asked about again.');
  }

  #close(id: string, reason: string): void {
    for (const { session } of this.#live.get(id) ?? []) session.close(reason);
    this.#live.delete(id);
    this.events.emit('changed');
  }

  /** Saves the user's decision, and opens or shuts every live session of that assistant with it. */
  async #decide(record: DesktopAssistantRecord, decision: 'allow' | 'deny'): Promise<void> {
    const next = { ...record, decision };
    await this.#save(next);
    for (const live of this.#live.get(record.id) ?? []) live.gate.set(this.#why(next));
    this.events.emit('changed');
  }

  async #admit(entry: { session: BridgeSession; gate: Gate }, assistant: AssistantRef): Promise<void> {
    const { session, gate } = entry;
    const now = (this.deps.now ?? Date.now)();
    const known = this.#records.get(assistant.id);
    const record: DesktopAssistantRecord = {
      id: assistant.id,
      name: assistant.label,
      program: session.program,
      firstSeen: known?.firstSeen ?? now,
      lastSeen: now,
      ...(known?.decision ? { decision: known.decision } : {}),
    };
    // Synchronously, from memory: an assistant lists its tools right after `initialized`, and must not
    // find the gate still shut while the record is written.
    if (record.decision) gate.set(this.#why(record));
    const entries = this.#live.get(assistant.id) ?? new Set();
    this.#live.set(assistant.id, entries);
    entries.add(entry);
    await this.#save(record);
    this.events.emit('changed');
    if (record.decision) return;
    // One question per assistant, however many of its sessions wait on it (a health check, then the real one).
    let asking = this.#asking.get(assistant.id);
    if (!asking) {
      asking = this.#ask(assistant, session.program).finally(() => this.#asking.delete(assistant.id));
      this.#asking.set(assistant.id, asking);
    }
    await asking;
  }

  /**
   * "<name> wants to use Switchboard". The answer is remembered even if the session that caused the
   * question has gone meanwhile (assistants' health checks connect and leave in a second).
   */
  async #ask(assistant: AssistantRef, program: string): Promise<void> {
    try {
      const answer = await this.deps.queue.ask(
        { assistant: assistant.label, source: { kind: 'assistant', label: program } },
        { kind: 'connection', name: assistant.label, program },
      );
      if (answer.kind !== 'connection') throw new Error('Unexpected answer.');
      const current = this.#records.get(assistant.id);
      if (!current) return; // forgotten while the question waited: the answer is for a record that is gone
      await this.#decide(current, answer.decision);
    } catch (error) {
      if (!(error instanceof HostError)) throw error;
      for (const live of this.#live.get(assistant.id) ?? [])
        live.gate.set(
          'Nobody answered in time whether this assistant may use Switchboard: reconnect it to ask again.',
        );
    }
  }

  #why(record: DesktopAssistantRecord): string | undefined {
    return record.decision === 'allow'
      ? undefined
      : `The user did not allow ${record.name} to use Switchboard. They can change that in Switchboard’s settings, under Desktop assistants.`;
  }

  async #save(record: DesktopAssistantRecord): Promise<void> {
    this.#records.set(record.id, record);
    await this.deps.store.put(record);
  }
}
