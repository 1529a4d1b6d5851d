import { APP_CONTEXT_PREFIX } from '../../assistant/apps/app-routing';
import type { Attachment } from '../../messages/chat-types';
import { hostOf } from '../../shared/readable-name';

/** The page an attachment is, by its title, else its host; never the resource's generic name. */
export function pageName(a: Pick<Attachment, 'title' | 'source' | 'uri'>): string {
  const title = a.title.trim();
  if (title && title !== 'Page content') return title;
  // Not a URL: the title below is still better than nothing.
  const host = a.source ? hostOf(a.source) : undefined;
  if (host !== undefined) return host;
  return title || 'This page';
}

export function PageChipLabel({ attachment }: { attachment: Attachment }) {
  const name = pageName(attachment);
  return (
    <span class="chat-chip-label" title={attachment.source ? `${name} (${attachment.source})` : name}>
      <span class="sr-only">
        {attachment.uri.startsWith(APP_CONTEXT_PREFIX) ? 'From an app: ' : 'Attached page: '}
      </span>
      <span aria-hidden="true" class="chat-chip-icon">
        ▤
      </span>
      {name}
      {attachment.truncated ? ' (shortened)' : ''}
    </span>
  );
}
