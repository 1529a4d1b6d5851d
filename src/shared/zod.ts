import { z } from 'zod';

// Zod 4 probes `new Function` to build fast parsers unless jitless is set; MV3's CSP forbids eval,
// so the probe would log a CSP violation in every context. Imported first by every entry point.
z.config({ jitless: true });

export { z };

/**
 * A schema built at its first use, not when its module is evaluated. The service worker evaluates every
 * module it holds at each start (a worker cannot `import()` on demand, and it starts again after 30 s
 * idle), and building zod schemas was the larger part of that: a schema is built when the first message
 * that needs it comes, and only then.
 */
export function lazySchema<T>(build: () => T): () => T {
  let schema: T | undefined;
  return () => {
    schema ??= build();
    return schema;
  };
}
