import { build, type Plugin, type ResolvedConfig, type Rolldown } from 'vite';

/**
 * Builds the service worker as one classic script (an IIFE) and names it in manifest.json.
 *
 * Why not the module worker crxjs would build: Chrome keeps a V8 code cache for a classic service worker's
 * script and uses it at every start, but compiles a module worker's modules from source at every start
 * (it produces a module cache and never consumes it; seen in traces as `v8.compileModule` with no
 * `consumedCacheSize`). The worker starts many times per install (it stops after 30 s idle), so that
 * compile was a third of its start-up. A worker cannot `import()` anyway, so one file costs nothing.
 * Nothing else changes: the same entry, the same `define`s, the same target and minifier.
 */
const NAMESPACE = 'extension/background/browser-namespace.ts';

export function classicWorker(entry: string, fileName: string): Plugin {
  let config: ResolvedConfig;
  let files: (Rolldown.OutputChunk | Rolldown.OutputAsset)[] = [];
  return {
    name: 'switchboard:classic-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    // Built at the start of each build, so that `npm run dev` (build --watch) also rebuilds when only a
    // file of the worker changed: those files are not in the pages' graph.
    async buildStart() {
      const result = await build({
        configFile: false,
        root: config.root,
        mode: config.mode,
        define: config.define,
        // The polyfill without the ES-module interop copy (see extension/background/browser-namespace.ts).
        resolve: {
          ...config.resolve,
          alias: [
            { find: /^webextension-polyfill$/, replacement: `${config.root}/${NAMESPACE}` },
            ...config.resolve.alias,
          ],
        },
        logLevel: 'warn',
        build: {
          write: false,
          emptyOutDir: false,
          target: config.build.target,
          minify: config.build.minify,
          sourcemap: config.build.sourcemap,
          lib: { entry, formats: ['iife'], name: 'switchboardWorker', fileName: () => fileName },
          rollupOptions: { output: { entryFileNames: fileName } },
        },
      });
      files = (Array.isArray(result) ? result : [result]).flatMap(
        (o) => (o as Rolldown.RolldownOutput).output,
      );
      for (const file of files) {
        if (file.type !== 'chunk') continue;
        for (const id of file.moduleIds)
          if (!id.includes('/node_modules/') && !id.startsWith('\0')) this.addWatchFile(id);
      }
    },
    // After crxjs's own generateBundle, which writes manifest.json.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of files) {
          if (file.type === 'chunk')
            this.emitFile({ type: 'asset', fileName: file.fileName, source: file.code });
          else this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
        }
        const manifest = bundle['manifest.json'];
        if (manifest?.type !== 'asset') throw new Error('classic-worker: crxjs wrote no manifest.json');
        const json = JSON.parse(String(manifest.source)) as Record<string, unknown>;
        json.background = { service_worker: fileName };
        manifest.source = `${JSON.stringify(json, null, 2)}\n`;
      },
    },
  };
}
