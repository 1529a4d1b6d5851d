import type { ModelContextTool, ToolAnnotationsInit } from './webmcp-types';

const HINTS = ['readOnlyHint', 'untrustedContentHint', 'consequentialHint', 'debugging'] as const;

/** A registration as the polyfill keeps it: the schema as its JSON string, as the spec stores it. */
export interface Definition {
  name: string;
  title: string;
  description: string;
  schemaJson: string | undefined;
  annotations: Required<ToolAnnotationsInit> | undefined;
  execute: ModelContextTool['execute'];
}

/**
 * Reads a `ModelContextTool` dictionary as WebIDL does in native Chromium 156: the same TypeErrors, in the
 * same order, for missing or mistyped members, and the annotations coerced to the four booleans. The
 * checks that come after (name, duplicates, description) are registerTool's. `stringify` is the page's
 * JSON.stringify as captured when the polyfill was installed.
 */
export function readToolInit(tool: ModelContextTool, stringify: typeof JSON.stringify): Definition {
  const fail = (member: string, why = 'Required member is undefined.') =>
    new TypeError(
      `Failed to execute 'registerTool' on 'ModelContext': Failed to read the '${member}' property from 'ModelContextTool': ${why}`,
    );
  if (typeof tool !== 'object' || tool === null)
    throw new TypeError(
      "Failed to execute 'registerTool' on 'ModelContext': The provided value is not of type 'ModelContextTool'.",
    );
  if (tool.description === undefined) throw fail('description');
  if (typeof tool.execute !== 'function') {
    throw fail(
      'execute',
      tool.execute === undefined ? 'Required member is undefined.' : 'The given value is not a function.',
    );
  }
  if (tool.name === undefined) throw fail('name');
  let schemaJson: string | undefined;
  if (tool.inputSchema !== undefined) {
    if (typeof tool.inputSchema !== 'object' || tool.inputSchema === null)
      throw fail('inputSchema', "Failed to convert value to 'object'.");
    schemaJson = stringify(tool.inputSchema);
    if (schemaJson === undefined)
      throw new TypeError(
        "Failed to execute 'registerTool' on 'ModelContext': invalid input schema: toJSON() returns undefined",
      );
  }
  let annotations: Required<ToolAnnotationsInit> | undefined;
  if (tool.annotations !== undefined && tool.annotations !== null) {
    const given = tool.annotations as Record<string, unknown>;
    annotations = Object.fromEntries(
      HINTS.map((h) => [h, Boolean(given[h])]),
    ) as Required<ToolAnnotationsInit>;
  }
  return {
    name: String(tool.name),
    title: tool.title === undefined ? '' : String(tool.title),
    description: String(tool.description),
    schemaJson,
    annotations,
    execute: tool.execute,
  };
}
