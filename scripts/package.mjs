// Zips dist/ for the Chrome Web Store: release/switchboard-<version>.zip, manifest.json at the root.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
const files = {};
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (!name.endsWith('.map') && name !== '.vite') files[relative(dist, path)] = readFileSync(path);
  }
})(dist);
delete files['.vite/manifest.json'];
// The Web Store refuses a manifest with a `key`: it gives the listing its own, and with it the extension ID
// that bridge/extension-id.mjs must then name (README, "Desktop assistants").
delete manifest.key;
files['manifest.json'] = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
const out = new URL(`../release/switchboard-${manifest.version}.zip`, import.meta.url).pathname;
mkdirSync(new URL('../release/', import.meta.url).pathname, { recursive: true });
writeFileSync(out, zipSync(files, { level: 9 }));
console.log(
  `Wrote ${relative(process.cwd(), out)} (${Object.keys(files).length} files, ${statSync(out).size} bytes)`,
);
