// Runs dependency-cruiser's CLI with the TypeScript 6.0 compiler API. dependency-cruiser (17 and 18) parses
// .ts/.tsx with the `typescript` package's JS API, versions 2 to 6; TypeScript 7 has no such API, and without
// one dependency-cruiser skips every .ts file and passes. The 6.0 copy is nested in tools/depcruise-typescript
// so that the project's `tsc` stays 7. Drop this once dependency-cruiser reads TypeScript 7.
import Module, { createRequire, register } from 'node:module';

const fromHere = createRequire(new URL('../tools/depcruise-typescript/package.json', import.meta.url));
const inCruiser = /[\\/]node_modules[\\/]dependency-cruiser[\\/]/;
const isTypescript = /^typescript(\/|$)/;

// import() goes through the module hooks; require() (which dependency-cruiser uses to read the version)
// does not on Node 20, so it is redirected here.
register('../tools/depcruise-typescript/resolve-hooks.mjs', import.meta.url);
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (isTypescript.test(request) && inCruiser.test(parent?.filename ?? '')) return fromHere.resolve(request);
  return resolveFilename.call(this, request, parent, ...rest);
};

const { getAvailableTranspilers } = await import('dependency-cruiser');
if (!getAvailableTranspilers().some((t) => t.name === 'typescript' && t.available)) {
  console.error('depcruise: dependency-cruiser cannot load TypeScript 6, so it would skip every .ts file.');
  console.error('Run `npm ci` (it installs tools/depcruise-typescript).');
  process.exit(2);
}
await import(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url).href);
