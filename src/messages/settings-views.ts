/** What the options page shows of consent, sites and desktop assistants (sent with `worker→ui:*`). */
import type { DesktopAssistantRecord } from './bridge-messages';
import type { StandingApproval } from './decisions';
import type { Preferences } from './preferences';

/** A site as the options page lists it: what is granted, and whether it is blocked. */
export interface SiteView {
  origin: string;
  blocked: boolean;
  tools: string[];
  page: boolean;
  /** "Let assistants act on this site". */
  actions: boolean;
  /** Stopped from the page for this browser session (actions stay off until turned on again). */
  actionsPaused?: boolean;
}

/** A tab an assistant is acting on now (page actions), for Settings and the popup. */
export interface ActingTabView {
  tabId: number;
  origin: string;
  assistants: string[];
}

/** Everything the options page's consent sections show. */
export interface SettingsView {
  sites: SiteView[];
  /** Standing approvals, with labels resolved for display. */
  approvals: (StandingApproval & { assistantLabel: string; sourceLabel: string })[];
  preferences: Preferences;
  /** Tabs an assistant is acting on now. */
  acting?: ActingTabView[];
  /** "Let assistants see and manage tabs" (the built-in browser tools). */
  browserTabs: boolean;
}

export type SiteAction = 'revoke-all' | 'block' | 'unblock';

/** The native-messaging bridge, as Settings shows it. */
export type BridgeStateView =
  | { state: 'connected'; socket: string; relay?: { command: string; args: string[] } }
  | { state: 'not-installed' }
  | { state: 'error'; error: string };

/** A desktop assistant, as Settings lists it: the record, and how many sessions it has open now. */
export type DesktopAssistantView = DesktopAssistantRecord & { connected: number };
