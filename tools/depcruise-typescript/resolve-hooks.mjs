// Module hooks for scripts/depcruise.mjs: when dependency-cruiser imports `typescript`, resolve it from
// this folder, where the 6.0 compiler API is nested.
const here = new URL('./package.json', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const fromCruiser = /\/node_modules\/dependency-cruiser\//.test(context.parentURL ?? '');
  if (fromCruiser && /^typescript(\/|$)/.test(specifier)) {
    return nextResolve(specifier, { ...context, parentURL: here });
  }
  return nextResolve(specifier, context);
}
