import type { CallToolResult, ReadResourceResult, Tool } from '@modelcontextprotocol/client';
import {
  AppBridge,
  type McpUiHostCapabilities,
  type McpUiUpdateModelContextRequest,
  PostMessageTransport,
} from '@modelcontextprotocol/ext-apps/app-bridge';
import { useEffect, useRef, useState } from 'preact/hooks';
import { appAllowAttribute, grantedPermissions } from '../../assistant/apps/app-csp';
import { APP_MAX_HEIGHT, appHostContext, type PanelFacts } from '../../assistant/apps/app-host-context';
import type { AppResource } from '../../assistant/apps/app-resource';
import { decideOpenLink } from '../../assistant/apps/app-routing';
import type { ToolCallItem } from '../../messages/chat-types';

/** What the page does for an app (the side panel wires these to the host and the chat). */
export interface AppHost {
  /** The app's `ui://` resource, read through the host from its server. */
  load(): Promise<AppResource>;
  /** An app's tools/call, by the server's own tool name: refused (throws) or sent through the host. */
  callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult>;
  readResource(uri: string, signal: AbortSignal): Promise<ReadResourceResult>;
  /** `ui/message`: the text goes into the composer, for the user to send or not. */
  message(text: string): void;
  updateContext(params: McpUiUpdateModelContextRequest['params']): void;
  /** Opens a link the user agreed to. */
  openLink(url: string): void;
}

export interface AppFrameProps {
  call: ToolCallItem;
  tool: Tool;
  /** The extension's sandbox page (a different, opaque origin). */
  sandboxUrl: string;
  panel: PanelFacts;
  host: AppHost;
  version: string;
}

/** The app's result as MCP has it, from what the conversation keeps of the call. */
function resultOf(call: ToolCallItem): CallToolResult {
  return {
    content: call.result === undefined ? [] : [{ type: 'text', text: call.result }],
    ...(call.structured && typeof call.structured === 'object'
      ? { structuredContent: call.structured as Record<string, unknown> }
      : {}),
    ...(call.status === 'error' ? { isError: true } : {}),
  };
}

/**
 * One MCP App, inline with the tool call that opened it: the sandbox page in a frame, the SDK's AppBridge
 * speaking the protocol with the app through it. What the app asks for is decided by the page (`host`);
 * opening a link is asked of the user here first.
 */
export function AppFrame({ call, tool, sandboxUrl, panel, host, version }: AppFrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const bridge = useRef<AppBridge>();
  const [ready, setReady] = useState(false);
  const [height, setHeight] = useState(120);
  const [resource, setResource] = useState<AppResource>();
  const [link, setLink] = useState<{ url: string; answer(open: boolean): void }>();
  const [error, setError] = useState<string>();
  const sent = useRef<'input' | 'settled' | undefined>();

  // The resource first: the bridge's capabilities say which of its domains and permissions are granted.
  useEffect(() => {
    let live = true;
    host
      .load()
      .then((r) => live && setResource(r))
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const target = frame.current?.contentWindow;
    if (!resource || !target || !frame.current) return;
    const permissions = grantedPermissions(resource.permissions);
    const capabilities: McpUiHostCapabilities = {
      openLinks: {},
      serverTools: {},
      serverResources: {},
      logging: {},
      message: { text: {} },
      updateModelContext: { text: {}, structuredContent: {} },
      sandbox: { permissions, ...(resource.csp ? { csp: resource.csp } : {}) },
    };
    const b = new AppBridge(null, { name: 'Switchboard', version }, capabilities, {
      hostContext: appHostContext(panel, tool),
    });
    bridge.current = b;
    b.addEventListener('sandboxready', () => {
      void b.sendSandboxResourceReady({
        html: resource.html,
        ...(resource.csp ? { csp: resource.csp } : {}),
        permissions,
      });
    });
    b.addEventListener('initialized', () => setReady(true));
    b.addEventListener('sizechange', ({ height: h }) => {
      if (typeof h === 'number' && h > 0) setHeight(Math.min(Math.ceil(h), APP_MAX_HEIGHT));
    });
    b.oncalltool = (params, extra) => host.callTool(params.name, params.arguments ?? {}, extra.mcpReq.signal);
    b.onreadresource = (params, extra) => host.readResource(params.uri, extra.mcpReq.signal);
    b.onmessage = async (params) => {
      host.message(params.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n'));
      return {};
    };
    b.onupdatemodelcontext = async (params) => {
      host.updateContext(params);
      return {};
    };
    b.onopenlink = async ({ url }) => {
      const decided = decideOpenLink(url);
      if (!decided.ok) return { isError: true };
      const open = await new Promise<boolean>((answer) => setLink({ url: decided.value, answer }));
      setLink(undefined);
      if (open) host.openLink(decided.value);
      return open ? {} : { isError: true };
    };
    // Only inline fits a side panel; the answer is the mode the app is in (spec: return the resulting mode).
    b.onrequestdisplaymode = async () => ({ mode: 'inline' });
    void b.connect(new PostMessageTransport(target, target)).then(() => {
      // Connected before the proxy loads, so its sandbox-proxy-ready is heard.
      frame.current?.setAttribute('src', sandboxUrl);
    });
    return () => {
      // The spec asks for teardown before the frame goes; the frame may go at once, so this is best effort.
      void b
        .teardownResource({})
        .catch(() => {})
        .finally(() => void b.close());
    };
  }, [resource]);

  // Tool input once the app is ready, then the result (or the cancellation) once the call settles.
  useEffect(() => {
    const b = bridge.current;
    if (!ready || !b) return;
    if (sent.current === undefined) {
      void b.sendToolInput({ arguments: call.args });
      sent.current = 'input';
    }
    if (sent.current === 'input' && (call.status === 'done' || call.status === 'error')) {
      void b.sendToolResult(resultOf(call));
      sent.current = 'settled';
    } else if (sent.current === 'input' && call.status === 'cancelled') {
      void b.sendToolCancelled({ reason: call.result ?? 'Stopped by the user.' });
      sent.current = 'settled';
    }
  }, [ready, call.status]);

  // The panel's theme (or width) changed: the bridge sends only what differs.
  useEffect(() => {
    bridge.current?.setHostContext(appHostContext(panel, tool));
  }, [panel.dark, panel.width]);

  if (error) return <p class="app-frame-error">The app could not be shown: {error}</p>;
  return (
    <div class="app-frame" data-border={resource?.prefersBorder === false ? 'none' : 'box'}>
      <iframe
        ref={frame}
        class="app-frame-sandbox"
        title={`${call.title ?? tool.title ?? tool.name} (app)`}
        // The permissions the app was granted must be delegated through this frame too.
        allow={resource ? appAllowAttribute(resource.permissions) || undefined : undefined}
        style={{ height: `${height}px` }}
      />
      {link && (
        <div class="app-frame-ask" role="alertdialog" aria-label="Open a link?">
          <p>
            This app wants to open <strong>{new URL(link.url).host}</strong>:
            <br />
            <span class="app-frame-url">{link.url}</span>
          </p>
          <button type="button" class="primary" onClick={() => link.answer(true)}>
            Open link
          </button>
          <button type="button" onClick={() => link.answer(false)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
