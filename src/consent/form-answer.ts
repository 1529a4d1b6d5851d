import type { ElicitValue } from '../messages/contract';
import { type CompiledSchema, checkValue, compileSchema, schemaProblems } from '../shared/json-schema';

const ADDITIONAL = /^Property ".*" does not match additional properties schema\.$/;

const MAX_PROBLEMS = 5;
const MAX_KEY_SHOWN = 60;

// One compile per request: a refused answer is usually corrected and sent again against the same schema.
const compiled = new WeakMap<object, CompiledSchema>();

/**
 * Why an accepted form answer does not fit the server's `requestedSchema`, or undefined when it does. The
 * approval page checks its own fields, but the worker is what the server trusts, so it checks again:
 * a page (or a form that reads the schema differently) must not get an unchecked answer to a server.
 */
export function formAnswerProblem(
  requestedSchema: Record<string, unknown>,
  content: Record<string, ElicitValue>,
): string | undefined {
  const problems = extraKeys(requestedSchema, content);
  let schema = compiled.get(requestedSchema);
  if (!schema) {
    schema = compileSchema(requestedSchema);
    compiled.set(requestedSchema, schema);
  }
  const result = checkValue(schema, content);
  if ('unusable' in result) {
    // Nothing can be checked, so nothing is sent; Decline and Cancel still answer the server.
    const why = result.unusable.split('\n')[0]?.replace(/\.$/, '');
    return `The server's form cannot be checked (${why}), so no answer can be sent: decline or cancel it.`;
  }
  if (!result.ok) {
    const found = fieldProblems(result.errors);
    // Only wrappers left and no extra key to blame: the raw list is better than nothing.
    problems.push(...(found.length || problems.length ? found : [result.errors]));
  }
  if (!problems.length) return undefined;
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more`);
  return `The answer does not fit the form the server asked for, so it was not sent: ${shown.join('; ')}.`;
}

/**
 * MCP form schemas are flat objects of primitive properties, and a server reads only those; a key it
 * did not ask for is refused rather than passed on (JSON Schema allows extra keys unless told otherwise).
 */
function extraKeys(schema: Record<string, unknown>, content: Record<string, ElicitValue>): string[] {
  const props = schema.properties;
  const known = (key: string) =>
    typeof props === 'object' && props !== null && !Array.isArray(props) && Object.hasOwn(props, key);
  return Object.keys(content)
    .filter((key) => !known(key))
    .map((key) => `${quote(key)} is not a field of this form`);
}

/** @cfworker's "#/path: message; …" list as one plain problem per field, first message only. */
function fieldProblems(errors: string): string[] {
  const byField = new Map<string, string>();
  for (const { path, message } of schemaProblems(errors)) {
    // What `additionalProperties: false` says about a key extraKeys has already named.
    if (ADDITIONAL.test(message)) continue;
    const required = /^Instance does not have required property "(.*)"\.$/.exec(message);
    // A missing field is reported on the object; name the field instead.
    const field = required ? quote(required[1] ?? '') : path[0] ? quote(path[0]) : 'the answer';
    const item = path.length > 1; // ["tags", "0"]: one of a list's choices
    if (!byField.has(field)) byField.set(field, `${field} ${plain(message, item)}`);
  }
  return [...byField.values()];
}

function plain(message: string, item: boolean): string {
  if (/^Instance does not have required property/.test(message)) return 'is required';
  if (/^Instance does not match (any of \[|exactly one subschema|any subschemas|")/.test(message))
    return item ? 'has a choice that is not offered' : 'is not one of the offered choices';
  const type = /^Instance type "(.+)" is invalid\. Expected "(.+)"\.$/.exec(message);
  if (type) return `must be of type ${type[2]?.replaceAll('", "', ' or ')}, not ${type[1]}`;
  // "String is too long (3 > 2).", "0 is less than 1.": the field's name takes the subject's place.
  return message.replace(/^(Instance|String|Array|Number|-?\d\S*) /, '').replace(/\.$/, '');
}

const quote = (key: string) =>
  `"${key.length > MAX_KEY_SHOWN ? `${key.slice(0, MAX_KEY_SHOWN - 1)}…` : key}"`;
