// Copies the screenshots the last e2e run wrote (screenshots/, see tests/e2e/a11y.ts) into docs/images,
// for the README. The e2e run never writes into docs/ itself: a test run must not change the tree.
//   npx playwright test && node scripts/update-screenshots.mjs
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const from = resolve(root, 'screenshots');
const to = resolve(root, 'docs/images');
mkdirSync(to, { recursive: true });

/** The surfaces the README shows, each in light and dark. */
export const README_SURFACES = [
  'welcome-first-run',
  'popup-site-tools',
  'sidepanel-grants-sheet',
  'sidepanel-tool-call-expanded',
  'sidepanel-mcp-app',
  'approval-tool',
  'settings-models',
  'settings-activity',
];

let missing = 0;
for (const name of README_SURFACES) {
  for (const scheme of ['light', 'dark']) {
    const file = `${name}-${scheme}.png`;
    if (!existsSync(resolve(from, file))) {
      console.error(`missing: screenshots/${file} (run the e2e tests first)`);
      missing++;
      continue;
    }
    copyFileSync(resolve(from, file), resolve(to, file));
    console.log(`docs/images/${file}`);
  }
}
process.exit(missing > 0 ? 1 : 0);
