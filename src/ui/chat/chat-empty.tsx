/** A tool the assistant can use now, as the empty state lists it. */
export interface SharedTool {
  title: string;
}

export interface ChatEmptyProps {
  noProvider: boolean;
  sharedTools: SharedTool[];
  pageAttachable: boolean;
  onOpenSettings(): void;
}

/** "Search this article, Add to cart and 3 more": enough to recognise, short enough to read. */
function toolList(tools: SharedTool[]): string {
  const names = tools.map((t) => t.title);
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/**
 * What the assistant can do here, said truthfully: what it can reach, and when it asks first (the policy in
 * src/consent/approval-policy.ts: a granted read-only site tool runs; other tools ask, and the user may
 * let Switchboard remember the answer).
 */
export function ChatEmpty({ noProvider, sharedTools, pageAttachable, onOpenSettings }: ChatEmptyProps) {
  if (noProvider) {
    return (
      <div class="chat-empty">
        <h2>Set up a model first</h2>
        <p>
          The assistant answers with a model you choose: Ollama on your computer, OpenAI or Anthropic. Then it
          can use the tools you share from sites and read the pages you attach.
        </p>
        <button type="button" class="primary large" onClick={onOpenSettings}>
          Set up a model
        </button>
      </div>
    );
  }
  const count = sharedTools.length;
  return (
    <div class="chat-empty">
      <h2>What the assistant can do here</h2>
      <ul class="chat-empty-list">
        <li>
          {count === 0
            ? 'Use site tools once you share them. None are shared yet.'
            : `Use ${count === 1 ? 'the tool' : `${count} tools`} you shared: ${toolList(sharedTools)}.`}
        </li>
        <li>
          {pageAttachable
            ? 'Read this page when you attach it to a message.'
            : 'Read this page once you switch on “Share page content” for this site.'}
        </li>
      </ul>
      <p class="chat-empty-policy">
        Read-only tools you shared from a site run without asking. Other tools ask you first, and you can let
        Switchboard remember your answer.
      </p>
    </div>
  );
}
