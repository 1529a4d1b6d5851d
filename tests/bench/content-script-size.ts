import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What every page pays: the content scripts in the manifest plus the chunks they import statically
 * (the lazy in-page server and extractor are dynamic imports and not counted).
 */
export function contentScriptSize(dist: string): { files: string[]; rawBytes: number; gzipBytes: number } {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
    content_scripts: { js: string[] }[];
  };
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    // crxjs's loader imports the real module by chrome.runtime.getURL("…"); ES chunks use static imports.
    for (const m of code.matchAll(/getURL\("([^"]+)"\)/g)) visit(m[1] as string);
    for (const m of code.matchAll(/(?:^|[;\s])import\s*(?:[^'"`()]*?from\s*)?["'`](\.\/[^"'`]+)["'`]/g)) {
      visit(join(file, '..', m[1] as string));
    }
  };
  for (const script of manifest.content_scripts) for (const file of script.js) visit(file);
  const files = [...seen];
  const all = Buffer.concat(files.map((f) => readFileSync(join(dist, f))));
  const gzipBytes = files.reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length,
    0,
  );
  return { files, rawBytes: all.length, gzipBytes };
}
