// `npm start`: serve the demo site and open Chromium with the built extension (dist/) and the demo loaded.
//   npm start -- --native-webmcp   use Chromium's own WebMCP (--enable-features=WebMCPTesting)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startStaticServer } from '../tests/fixtures/static-server.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, 'dist');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'npm start opens a real browser window, and this machine has no display (DISPLAY is not set).\n' +
      'Run it under a virtual display instead:  xvfb-run -a npm start\n' +
      '(Debian: apt-get install -y xvfb). To check everything headless, run npm test.',
  );
  process.exit(1);
}
if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const { server, url } = await startStaticServer(Number(process.env.PORT ?? 4173));
const profile = resolve(root, '.tmp/profile');
mkdirSync(profile, { recursive: true });
// The desktop bridge, in this profile only, so that `npm run -s bridge -- config` works with this browser too.
execFileSync(process.execPath, [resolve(root, 'bridge/cli.mjs'), 'install', '--user-data-dir', profile], {
  stdio: 'ignore',
});
const args = [
  `--user-data-dir=${profile}`,
  `--disable-extensions-except=${dist}`,
  `--load-extension=${dist}`,
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ...(process.argv.includes('--native-webmcp') ? ['--enable-features=WebMCPTesting'] : []),
  `${url}/?demo`,
];
console.log(
  `Demo site: ${url}/?demo\nOpening Chromium with Switchboard loaded from dist/. Close the browser to stop.\n` +
    'Desktop assistants can connect to this browser too: npm run -s bridge -- config (README, "Desktop assistants").',
);
const browser = spawn(chromium, args, { stdio: 'ignore' });
browser.on('exit', (code) => {
  server.close();
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => browser.kill(signal));
