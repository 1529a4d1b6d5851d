import type { JsonSchemaType, JsonSchemaValidator } from '@modelcontextprotocol/client';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/client/validators/cf-worker';
import { errorMessage } from './errors';

// The SDK's eval-free validator (@cfworker/json-schema inside), which runs under MV3's CSP. It dispatches
// on $schema (2020-12 when absent, 2019-09, draft-07/06); draft-04, still common in older servers, is
// named explicitly. Local $refs resolve; a network $ref is never fetched, so it makes the schema unusable.
const byDialect = new CfWorkerJsonSchemaValidator();
const draft4 = new CfWorkerJsonSchemaValidator({ draft: '4' });

/** A schema ready to check values against, or why it cannot be used. */
export type CompiledSchema = { validate: JsonSchemaValidator<unknown> } | { unusable: string };

export function compileSchema(schema: Record<string, unknown>): CompiledSchema {
  try {
    const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
    const provider = /draft-04\/schema/.test(declared) ? draft4 : byDialect;
    return { validate: provider.getValidator<unknown>(schema as JsonSchemaType) };
  } catch (error) {
    return { unusable: errorMessage(error).split('\n')[0] ?? 'unknown error' };
  }
}

/**
 * Checks a value: `{ ok: true }`, `{ ok: false, errors }` with @cfworker's "#/path: message" list, or
 * `{ unusable }` when the schema cannot be used (@cfworker throws on a $ref it cannot resolve, which it
 * only meets while validating).
 */
export function checkValue(
  compiled: CompiledSchema,
  value: unknown,
): { ok: true } | { ok: false; errors: string } | { unusable: string } {
  if ('unusable' in compiled) return { unusable: compiled.unusable };
  try {
    const result = compiled.validate(value);
    return result.valid ? { ok: true } : { ok: false, errors: result.errorMessage };
  } catch (error) {
    return { unusable: errorMessage(error) };
  }
}

/** One problem @cfworker found: where in the value (a JSON pointer, decoded), and its message. */
export interface SchemaProblem {
  path: string[];
  message: string;
}

/** Wrappers @cfworker reports above the real problem ("Property "a" does not match schema."). */
const WRAPPER =
  /^(Property ".*" does not match schema|A subschema had errors|Items did not match schema|False boolean schema)\.$/;

/**
 * @cfworker's "#/a/0: message; …" list (checkValue's `errors`) as one entry per real problem, with the
 * wrappers it reports above them left out and white space folded.
 */
export function schemaProblems(errors: string): SchemaProblem[] {
  return errors
    .split(/; (?=#)/)
    .map((entry) => {
      const colon = entry.indexOf(': ');
      return { pointer: entry.slice(0, colon), message: entry.slice(colon + 2).replace(/\s+/g, ' ') };
    })
    .filter((p) => p.pointer.startsWith('#') && !WRAPPER.test(p.message))
    .map(({ pointer, message }) => ({ path: pointerPath(pointer), message }));
}

/** "#/items/0/name" → ["items", "0", "name"], undoing the pointer's URI and ~ escapes. */
export function pointerPath(pointer: string): string[] {
  const rest = pointer.replace(/^#\/?/, '');
  if (rest === '') return [];
  return rest.split('/').map((segment) => {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // keep it as it is
    }
    return decoded.replaceAll('~1', '/').replaceAll('~0', '~');
  });
}
