// Imports run one way (CONVENTIONS.md, "Layers: imports run one way"). The order is written once, here,
// bottom first; the rules below are generated from it. Run by `npm run test:layers` (scripts/depcruise.mjs).
// Folders in one layer are siblings: they may not import each other either (a domain that needs a name or a
// type from another takes it from a lower layer), so each reads on its own.
const layers = [
  ['src/shared'], // errors, logger, emitter, zod set up for MV3, URL checks: nothing of ours
  ['src/messages'], // wire types, names and keys, the message contract and its validation
  ['src/storage', 'src/transports'], // persistence (store interfaces, idb schema) and MCP transports
  ['src/permissions', 'src/audit'], // grants and the audit log
  ['src/consent', 'src/remote', 'src/page', 'src/settings', 'src/assistant'], // the domains
  ['src/host'], // the Host, its catalog and the assistant endpoint, built from the domains
  ['src/ui'], // Preact views
  ['extension'], // one composition root per execution context
];

const under = (folders) => `^(${folders.join('|')})/`;
const name = (folders) => folders.map((f) => f.split('/').pop()).join('-');

// A lower layer never imports a higher one.
const upward = layers.slice(0, -1).map((layer, i) => ({
  name: `upward-from-${name(layer)}`,
  comment: `${layer.join(', ')} may import only layers below: move the shared piece down, or invert the dependency.`,
  severity: 'error',
  from: { path: under(layer) },
  to: { path: under(layers.slice(i + 1).flat()) },
}));

// A folder importing its sibling in the same layer.
const sideways = layers
  .filter((layer) => layer.length > 1)
  .map((layer) => ({
    name: `sideways-in-${name(layer)}`,
    comment: 'Imports a sibling in its own layer: take the name or type from a lower layer instead.',
    severity: 'error',
    from: { path: `^(${layer.join('|')})/` },
    to: { path: under(layer), pathNot: '^$1/' },
  }));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...upward,
    ...sideways,
    {
      name: 'not-in-a-layer',
      comment: 'Every folder of src/ belongs to a layer: add it to `layers` in .dependency-cruiser.mjs.',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: under(layers.flat()) },
    },
    {
      name: 'no-circular',
      comment: 'Part of an import cycle: move the shared piece down, or invert the dependency.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^tests/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports (`import type`, `import { type X }`, `typeof import()`) count: a type is part of what
    // a layer knows about, and `npm run typecheck` reads them too.
    tsPreCompilationDeps: true,
    skipAnalysisNotInRules: true,
  },
};
