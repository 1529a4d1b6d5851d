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
