/**
 * The host checked the arguments against the tools' schemas already; these re-check the types at the
 * point of use, because a wrong type here would be a bug somewhere between, and acting on a guess is
 * worse than refusing.
 */
import { MAX_TYPE_TEXT, REF_PATTERN } from '../../messages/page-actions';

const REF = new RegExp(REF_PATTERN);

export class ActionError extends Error {
  override name = 'ActionError';
}

export function optionalString(
  args: Record<string, unknown>,
  key: string,
  max = MAX_TYPE_TEXT,
): string | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ActionError(`\`${key}\` must be a string.`);
  if (value.length > max) throw new ActionError(`\`${key}\` is longer than ${max} characters.`);
  return value;
}

export function requiredString(args: Record<string, unknown>, key: string, max?: number): string {
  const value = optionalString(args, key, max);
  if (value === undefined) throw new ActionError(`\`${key}\` is required.`);
  return value;
}

export function optionalRef(args: Record<string, unknown>): string | undefined {
  const ref = optionalString(args, 'ref', 16);
  if (ref !== undefined && !REF.test(ref)) {
    throw new ActionError(`"${ref}" is not a ref; refs look like "e12", from page_snapshot.`);
  }
  return ref;
}

export function optionalBoolean(args: Record<string, unknown>, key: string): boolean | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new ActionError(`\`${key}\` must be true or false.`);
  return value;
}

export function optionalInteger(args: Record<string, unknown>, key: string): number | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ActionError(`\`${key}\` must be a whole number of milliseconds.`);
  }
  return value;
}

export function stringList(args: Record<string, unknown>, key: string): string[] {
  const value = args[key];
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) {
    throw new ActionError(`\`${key}\` must be a list of 1 to 100 strings.`);
  }
  return value.map((item) => {
    if (typeof item !== 'string' || item.length > 1000)
      throw new ActionError(`\`${key}\` must hold strings.`);
    return item;
  });
}
