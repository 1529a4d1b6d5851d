import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/client';
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';

declare global {
  interface Window {
    __mcpPort?: chrome.runtime.Port;
    __mcpDeliver?: (message: unknown) => void;
    __mcpClosed?: () => void;
  }
}

/**
 * The test plays an assistant: a real SDK Client in Node, whose transport is a chrome.runtime Port named
 * 'mcp' opened from an extension page. Messages cross into Node through Playwright bindings, unchanged.
 */
class ExtensionPagePortTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;

  constructor(private readonly page: Page) {}

  async start(): Promise<void> {
    await this.page.exposeFunction('__mcpDeliver', (message: JSONRPCMessage) => this.onmessage?.(message));
    await this.page.exposeFunction('__mcpClosed', () => this.onclose?.());
    await this.page.evaluate(() => {
      const port = chrome.runtime.connect({ name: 'mcp' });
      window.__mcpPort = port;
      port.onMessage.addListener((message) => window.__mcpDeliver?.(message));
      port.onDisconnect.addListener(() => window.__mcpClosed?.());
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    await this.page.evaluate((m) => window.__mcpPort?.postMessage(m), message);
  }

  async close(): Promise<void> {
    await this.page.evaluate(() => window.__mcpPort?.disconnect()).catch(() => undefined);
    this.onclose?.();
  }
}

export interface TestAssistant {
  client: Client;
  notifications: string[];
  page: Page;
}

/** `name` is its clientInfo name, which keys its remembered decisions: another name, another assistant. */
export async function connectAssistant(page: Page, name = 'e2e-assistant'): Promise<TestAssistant> {
  const notifications: string[] = [];
  const client = new Client({ name, version: '1.0.0' }, { capabilities: {} });
  client.fallbackNotificationHandler = async (n) => {
    notifications.push(n.method);
  };
  await client.connect(new ExtensionPagePortTransport(page));
  return { client, notifications, page };
}

/**
 * Stops the extension's service worker as Chrome does when idle, waits until `assistant`'s port went down
 * with it, and connects a new assistant from a fresh extension page: that wakes a new worker.
 */
export async function restartWorker(
  context: BrowserContext,
  extId: string,
  assistant: TestAssistant,
  via: Page,
): Promise<TestAssistant> {
  const closed = new Promise<void>((resolve) => {
    assistant.client.onclose = () => resolve();
  });
  const cdp = await context.newCDPSession(via);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await closed;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=0`);
  return connectAssistant(page);
}

/** Polls until `assistant` lists the site tool `tool` (a grant takes a moment to reach it); its catalog name. */
export async function listedToolName(assistant: TestAssistant, tool: string): Promise<string> {
  let name = '';
  await expect
    .poll(async () => {
      name = (await assistant.client.listTools()).tools.find((t) => t.name.endsWith(`__${tool}`))?.name ?? '';
      return name;
    })
    .toBeTruthy();
  return name;
}

/** Opens a fixture page in the site tab, grants one of its tools in the popup, and returns its catalog name. */
export async function grantPageTool(
  site: Page,
  popup: Page,
  assistant: TestAssistant,
  path: string,
  tool: string,
): Promise<string> {
  await site.goto(new URL(path, site.url()).href);
  await popup.reload();
  await popup.getByRole('switch', { name: new RegExp(tool) }).check({ timeout: 15_000 });
  return listedToolName(assistant, tool);
}
