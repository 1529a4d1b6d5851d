import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest, { WORKER_FILE } from './manifest.config.ts';
import { classicWorker } from './scripts/classic-worker.ts';

/** `npm start` serves the demo here (scripts/start.mjs, PORT 4173 by default). */
const DEMO_URL = process.env.SWITCHBOARD_DEMO_URL ?? 'http://127.0.0.1:4173/?demo';

/**
 * `--mode store` (`npm run package`) is the shipped build: the same as the default, without the demo link.
 * `--mode bench` builds dist-bench/: the same product plus a bench page and a bare-ports "floor" path
 * (extension page → worker → content script → main world → back), compiled out of every other build.
 */
export default defineConfig(({ mode }) => ({
  define: {
    __SWITCHBOARD_BENCH__: JSON.stringify(mode === 'bench'),
    __SWITCHBOARD_DEMO_URL__: JSON.stringify(mode === 'store' ? '' : DEMO_URL),
  },
  plugins: [
    preact(),
    crx({
      // crxjs would build the worker as modules; classicWorker (below) builds it and declares it.
      manifest: withoutBackground(manifest(mode)),
      // The page-world script must be one self-contained file: the MAIN world cannot load extension modules.
      contentScripts: { standaloneFiles: ['extension/content/main-world.ts', 'extension/content/index.ts'] },
    }),
    classicWorker('extension/background/index.ts', WORKER_FILE),
  ],
  build: {
    outDir: mode === 'bench' ? 'dist-bench' : mode === 'e2e' ? 'dist-e2e' : 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    // Source maps stay out of the store package; `npm run dev` has them.
    sourcemap: false,
    // Vite's preload helper would add <link rel=modulepreload> to the *page's* DOM from our content script.
    modulePreload: false,
    rollupOptions: {
      input: {
        popup: 'extension/popup/index.html',
        options: 'extension/options/index.html',
        welcome: 'extension/welcome/index.html',
        approval: 'extension/approval/index.html',
        sidepanel: 'extension/sidepanel/index.html',
        'app-sandbox': 'extension/app-sandbox/index.html',
        // Loaded by URL from the classic content script, so it needs a fixed name (see content/index.ts).
        'page-server': 'extension/content/page-server.ts',
        ...(mode === 'bench' ? { bench: 'extension/bench/index.html' } : {}),
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'page-server' ? 'extension/content/page-server.js' : 'assets/[name]-[hash].js',
      },
    },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5174 } },
}));

/** The manifest for crxjs: all but `background`, which classicWorker builds and declares. */
function withoutBackground(m: ManifestV3Export): ManifestV3Export {
  return async (env) => {
    const { background: _, ...rest } = await (typeof m === 'function' ? m(env) : m);
    return rest;
  };
}
