import type { Tool } from '@modelcontextprotocol/client';
import {
  type CompiledSchema,
  checkValue,
  compileSchema,
  pointerPath,
  schemaProblems,
} from '../shared/json-schema';
import { webmcpHints } from './webmcp-hints';

export type ArgumentCheck =
  | { ok: true }
  /** `invalid-arguments`: the call contradicts the schema; `unavailable`: the tool cannot be called at all. */
  | { ok: false; outcome: 'invalid-arguments' | 'unavailable'; message: string };

const MAX_PROBLEMS = 8;
const MAX_SCHEMA_SHOWN = 300;
const MAX_VALUE_SHOWN = 80;

/**
 * Checks a tool call's arguments against the tool's own inputSchema before anything is asked or run, so
 * an invalid call never reaches the approval window, the page or the server. Validators are compiled once
 * per tool object: a relisted tool is a new object, so a changed schema is never checked against the old.
 */
export class ArgumentChecker {
  readonly #compiled = new WeakMap<Tool, CompiledSchema>();

  check(tool: Tool, args: Record<string, unknown>): ArgumentCheck {
    // The tool's own name: the model knows which call this answers, under whatever name its provider used.
    const name = tool.name;
    const unavailable = webmcpHints(tool).unavailable;
    if (unavailable) return refuse('unavailable', `"${name}" cannot be called: ${unavailable}`);
    let compiled = this.#compiled.get(tool);
    if (!compiled) {
      compiled = compileSchema(tool.inputSchema);
      this.#compiled.set(tool, compiled);
    }
    const result = checkValue(compiled, args);
    if ('unusable' in result) {
      return refuse(
        'unavailable',
        `"${name}" cannot be called: its input schema cannot be used to check arguments (${result.unusable}).`,
      );
    }
    if (result.ok) return { ok: true };
    return refuse('invalid-arguments', describeProblems(name, tool.inputSchema, args, result.errors));
  }
}

const refuse = (outcome: 'invalid-arguments' | 'unavailable', message: string): ArgumentCheck => ({
  ok: false,
  outcome,
  message,
});

/**
 * The model reads this and calls again, so it names each wrong field, what the schema expects there, and
 * what it got, in plain words; and says that nothing ran, so the model knows a retry is safe.
 */
function describeProblems(
  name: string,
  schema: Tool['inputSchema'],
  args: Record<string, unknown>,
  errorText: string,
): string {
  const problems = schemaProblems(errorText);
  const lines = problems.slice(0, MAX_PROBLEMS).map(({ path, message }) => {
    const field = path.length === 0 ? 'arguments' : fieldName(path);
    const expected = path.length === 0 ? undefined : subschemaAt(schema, path);
    const got = path.length === 0 ? undefined : valueAt(args, path);
    return `- ${field}: ${plain(message, got)}${expected ? ` Expected: ${expected}` : ''}`;
  });
  if (problems.length > MAX_PROBLEMS) lines.push(`- … and ${problems.length - MAX_PROBLEMS} more.`);
  return [
    `Invalid arguments for "${name}", so it did not run and the user was not asked:`,
    ...(lines.length ? lines : [`- ${errorText}`]),
    'Call it again with arguments that match its input schema.',
  ].join('\n');
}

function plain(message: string, got: unknown): string {
  const type = /^Instance type "(.+)" is invalid\. Expected "(.+)"\.$/.exec(message);
  if (type) return `must be ${type[2]?.replaceAll('", "', ' or ')}, but got ${type[1]} ${shown(got)}.`;
  const required = /^Instance does not have required property "(.+)"\.$/.exec(message);
  if (required) return `the required property "${required[1]}" is missing.`;
  const additional = /^Property "(.+)" does not match additional properties schema\.$/.exec(message);
  if (additional) return `"${additional[1]}" is not a property this tool accepts.`;
  return message.replace(/^Instance /, 'the value ').replace(/^String /, 'the text ');
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_SHOWN ? `${text.slice(0, MAX_VALUE_SHOWN)}…` : text;
}

function fieldName(path: string[]): string {
  return path
    .map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

function valueAt(value: unknown, path: string[]): unknown {
  let here = value;
  for (const segment of path) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<string, unknown>)[segment];
  }
  return here;
}

/** The schema a field is checked against, followed through properties, items and local $refs, as compact JSON. */
function subschemaAt(root: Record<string, unknown>, path: string[]): string | undefined {
  let here: unknown = root;
  for (const segment of path) {
    here = resolveRef(root, here);
    if (typeof here !== 'object' || here === null) return undefined;
    const node = here as Record<string, unknown>;
    const props = node.properties as Record<string, unknown> | undefined;
    if (props && Object.hasOwn(props, segment)) here = props[segment];
    else if (/^\d+$/.test(segment) && Array.isArray(node.prefixItems) && node.prefixItems[Number(segment)])
      here = node.prefixItems[Number(segment)];
    else if (/^\d+$/.test(segment) && typeof node.items === 'object') here = node.items;
    else return undefined;
  }
  const text = JSON.stringify(resolveRef(root, here));
  if (!text) return undefined;
  return text.length > MAX_SCHEMA_SHOWN ? `${text.slice(0, MAX_SCHEMA_SHOWN)}…` : text;
}

function resolveRef(root: Record<string, unknown>, node: unknown, depth = 0): unknown {
  const ref = (node as { $ref?: unknown } | null)?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/') || depth > 8) return node;
  let target: unknown = root;
  for (const segment of pointerPath(ref)) {
    if (typeof target !== 'object' || target === null) return node;
    target = (target as Record<string, unknown>)[segment];
  }
  return target === undefined ? node : resolveRef(root, target, depth + 1);
}
