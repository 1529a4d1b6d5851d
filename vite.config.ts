import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.config.ts';

export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest,
      // The page-world script must be one self-contained file: the MAIN world cannot load extension modules.
      contentScripts: { standaloneFiles: ['extension/content/main-world.ts'] },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    // Source maps stay out of the store package; `npm run dev` has them.
    sourcemap: false,
    // Vite's preload helper would add <link rel=modulepreload> to the *page's* DOM from our content script.
    modulePreload: false,
    rollupOptions: { input: { popup: 'extension/popup/index.html' } },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5174 } },
});
