import type { AuditLog } from '../../../src/audit/audit-log';
import type { Consent } from '../../../src/consent/consent';
import type { DesktopAssistants } from '../../../src/host/desktop-assistants';
import type { Host } from '../../../src/host/host';
import type { MessageKey, Messages } from '../../../src/messages/contract';
import type { UiToWorker } from '../../../src/messages/validate';
import type { RemotePool } from '../../../src/remote/remote-pool';
import type { ServerRegistry } from '../../../src/remote/server-registry';
import type { PreferencesHolder } from '../../../src/settings/preference-store';
import type { SettingsService } from '../../../src/settings/settings-service';
import type { ConsentWindow } from '../approval-window';
import type { BridgeConnection } from '../bridge';

/** The worker's services, as the composition root (../index.ts) built them. */
export interface UiServices {
  host: Host;
  consent: Consent;
  audit: AuditLog;
  preferences: PreferencesHolder;
  remotes: RemotePool;
  servers: ServerRegistry;
  settings: SettingsService;
  /** The approval window (see approval-window.ts). */
  approvals: ConsentWindow;
  /** Desktop assistants, and the bridge they come through. */
  desktop: DesktopAssistants;
  bridge: BridgeConnection;
}

/** What a handler can do on the one extension page's Port it serves. */
export interface UiContext {
  services: UiServices;
  post<K extends MessageKey>(type: K, payload: Messages[K]): void;
  /** Starts pushing one kind of view; replaces a watch of the same kind (a page re-sends watch-* after it reconnects). */
  watch(kind: string, off: () => void): void;
  /** Asks a tab's content script to connect; false when the page cannot run it. */
  connectTab(tabId: number): Promise<boolean>;
  /** Why Switchboard cannot work in the tab, when its URL says so; undefined: ask the page (connectTab). */
  unsupportedReason(tabId: number): Promise<string | undefined>;
}

/** How the worker reaches a tab's content script (extension/background/tabs.ts). */
export type TabReach = Pick<UiContext, 'connectTab' | 'unsupportedReason'>;

type UiType = UiToWorker['type'];
type PayloadOf<K extends UiType> = Extract<UiToWorker, { type: K }>['payload'];

/** One handler per message type, each in the file of its feature. */
export type UiHandlers = { [K in UiType]: (payload: PayloadOf<K>) => Promise<void> | void };

/** A feature's handlers, made per Port (a feature may keep per-page state, such as the watched tab). */
export type UiFeature<K extends UiType> = (ctx: UiContext) => Pick<UiHandlers, K>;
