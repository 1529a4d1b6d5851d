import type { z } from '../shared/zod';

const MAX_PROBLEMS = 5;

/** Plainer words than zod's defaults for the two commonest slips; schema-level messages still win. */
export const plainer: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}`;
  }
  if (issue.code === 'invalid_value')
    return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  return undefined;
};

/** `grants[3].origin` — the path a person can find in the file. */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

export function problems(
  issues: readonly z.core.$ZodIssue[],
  showPath: (path: readonly PropertyKey[]) => boolean,
) {
  const lines = issues
    .slice(0, MAX_PROBLEMS)
    .map((issue) => (showPath(issue.path) ? `${pathText(issue.path)}: ${issue.message}` : issue.message));
  if (issues.length > MAX_PROBLEMS) lines.push(`…and ${issues.length - MAX_PROBLEMS} more.`);
  return lines.join('\n');
}
