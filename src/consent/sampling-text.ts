import type { ContentBlock, SamplingMessageContentBlock } from '@modelcontextprotocol/client';

/** Content as one readable string; media and tool traffic are summarised, never decoded. */
export function describeContent(
  content: SamplingMessageContentBlock | SamplingMessageContentBlock[],
): string {
  return (Array.isArray(content) ? content : [content]).map(describeBlock).join('\n\n');
}

function describeBlock(block: SamplingMessageContentBlock | ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type}]`;
    case 'tool_use':
      return `calls tool ${block.name} with ${JSON.stringify(block.input)}`;
    case 'tool_result': {
      const inner = block.content.map(describeBlock).join('\n');
      return `[${block.isError ? 'error from' : 'result of'} tool call ${block.toolUseId}]${inner ? `\n${inner}` : ''}`;
    }
    case 'resource_link':
      return `[link to ${block.uri}]`;
    case 'resource':
      return `[resource ${block.resource.uri}]`;
    default:
      return '[content]';
  }
}
