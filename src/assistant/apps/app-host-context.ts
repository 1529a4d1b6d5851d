import type { Tool } from '@modelcontextprotocol/client';
import type { McpUiHostContext } from '@modelcontextprotocol/ext-apps/app-bridge';

/** The tallest an app grows in the conversation before it scrolls inside itself. */
export const APP_MAX_HEIGHT = 640;

export interface PanelFacts {
  dark: boolean;
  locale: string;
  timeZone: string;
  /** The conversation's width, which the app fills. */
  width: number;
}

/**
 * What `ui/initialize` tells an app about where it is: the panel's theme (it follows prefers-color-scheme),
 * the user's locale and time zone, inline display (the only mode a side panel has room for), and the
 * container (the conversation's width; the height follows the app up to APP_MAX_HEIGHT).
 */
export function appHostContext(facts: PanelFacts, tool?: Tool): McpUiHostContext {
  return {
    ...(tool ? { toolInfo: { tool } } : {}),
    theme: facts.dark ? 'dark' : 'light',
    locale: facts.locale,
    timeZone: facts.timeZone,
    displayMode: 'inline',
    availableDisplayModes: ['inline'],
    containerDimensions: { width: Math.round(facts.width), maxHeight: APP_MAX_HEIGHT },
    platform: 'web',
    userAgent: 'Switchboard',
  };
}
