import type { ClientCapabilities } from '@modelcontextprotocol/client';
import { MCP_APPS_CAPABILITY } from '../messages/mcp-apps';
import type { SamplingProvider } from './sampling';

/**
 * What the host's clients declare without a model provider. MCP Apps too: the side panel renders them
 * (src/ui/chat/app-frame.tsx), so servers may send their UI tools.
 */
export const CLIENT_CAPABILITIES = {
  elicitation: { form: {}, url: {} },
  roots: { listChanged: true },
  ...MCP_APPS_CAPABILITY,
} as const;

/**
 * What the host's clients declare to servers: only what it really does. Sampling (with tools only if the
 * provider can use them) needs a provider; `sampling.context` is never declared, so servers get no context.
 */
export function clientCapabilities(provider?: SamplingProvider): ClientCapabilities {
  if (!provider) return CLIENT_CAPABILITIES;
  return { ...CLIENT_CAPABILITIES, sampling: provider.supportsTools ? { tools: {} } : {} };
}
