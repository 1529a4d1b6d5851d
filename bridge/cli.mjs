#!/usr/bin/env node
// `npm run bridge -- install | uninstall | config`: sets up the native-messaging host that lets desktop
// assistants reach Switchboard, and prints the MCP config they need. See README, "Desktop assistants".
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extensionIdOf } from './extension-id.mjs';
import { HOST_NAME, manifestDirs } from './paths.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BROWSERS = ['chrome', 'chromium', 'brave', 'edge'];
// Windows keeps the manifest's path in the registry, per browser.
const WINDOWS_KEYS = {
  chrome: 'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts',
  chromium: 'HKCU\\Software\\Chromium\\NativeMessagingHosts',
  brave: 'HKCU\\Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts',
  edge: 'HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts',
};

const USAGE = `Usage:
  npm run bridge -- install   [--browser chrome|chromium|brave|edge] [--user-data-dir DIR]
  npm run bridge -- uninstall [--browser chrome|chromium|brave|edge] [--user-data-dir DIR]
  npm run -s bridge -- config [--vscode]
Without --browser, every browser of this platform is set up. --user-data-dir writes into one profile
directory (a browser started with --user-data-dir DIR looks there). config prints the MCP configuration
for Claude Desktop, Cursor and .mcp.json files; --vscode prints it for VS Code's mcp.json.`;

function fail(message) {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** Where the manifest (and its launcher) go: one profile, or each chosen browser's per-user folder. */
function targets(options) {
  if (options['user-data-dir']) return [resolve(options['user-data-dir'], 'NativeMessagingHosts')];
  const dirs = manifestDirs();
  const chosen = options.browser ? [options.browser] : BROWSERS;
  for (const name of chosen) if (!BROWSERS.includes(name)) fail(`Unknown browser "${name}".`);
  return chosen.map((name) => dirs[name]);
}

/** Chrome runs the manifest's `path` directly: a launcher that starts this Node on host.mjs. */
function writeLauncher(dir) {
  if (process.platform === 'win32') {
    const path = join(dir, `${HOST_NAME}.cmd`);
    writeFileSync(path, `@echo off\r\n"${process.execPath}" "${join(here, 'host.mjs')}" %*\r\n`);
    return path;
  }
  const path = join(dir, `${HOST_NAME}.sh`);
  writeFileSync(path, `#!/bin/sh\nexec '${process.execPath}' '${join(here, 'host.mjs')}' "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

function install(options) {
  const origin = `chrome-extension://${extensionIdOf()}/`;
  for (const dir of targets(options)) {
    mkdirSync(dir, { recursive: true });
    const manifest = {
      name: HOST_NAME,
      description: 'Switchboard: lets desktop MCP assistants use what you granted in the browser',
      path: writeLauncher(dir),
      type: 'stdio',
      allowed_origins: [origin],
    };
    const file = join(dir, `${HOST_NAME}.json`);
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    if (process.platform === 'win32' && !options['user-data-dir']) {
      for (const browser of options.browser ? [options.browser] : BROWSERS) {
        execFileSync('reg', [
          'add',
          `${WINDOWS_KEYS[browser]}\\${HOST_NAME}`,
          '/ve',
          '/t',
          'REG_SZ',
          '/d',
          file,
          '/f',
        ]);
      }
    }
    process.stderr.write(`Installed ${file}\n`);
  }
  process.stderr.write(
    `Allowed extension: ${origin}\nRestart the browser, then add Switchboard to your assistant: npm run -s bridge -- config\n`,
  );
}

function uninstall(options) {
  for (const dir of targets(options)) {
    for (const file of [`${HOST_NAME}.json`, `${HOST_NAME}.sh`, `${HOST_NAME}.cmd`]) {
      const path = join(dir, file);
      if (existsSync(path)) {
        rmSync(path);
        process.stderr.write(`Removed ${path}\n`);
      }
    }
  }
  if (process.platform === 'win32' && !options['user-data-dir']) {
    for (const browser of options.browser ? [options.browser] : BROWSERS) {
      try {
        execFileSync('reg', ['delete', `${WINDOWS_KEYS[browser]}\\${HOST_NAME}`, '/f']);
      } catch {
        // not there
      }
    }
  }
}

/** stdout carries only the JSON, so that it can be pasted or piped as it is. */
function config(options) {
  // The same command the host reports to Settings (host.mjs, "ready").
  const server = { command: process.execPath, args: [join(here, 'relay.mjs')] };
  // VS Code's own mcp.json names its list `servers` and wants each one's `type`.
  const file = options.vscode
    ? { servers: { switchboard: { type: 'stdio', ...server } } }
    : { mcpServers: { switchboard: server } };
  process.stdout.write(`${JSON.stringify(file, null, 2)}\n`);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        browser: { type: 'string' },
        'user-data-dir': { type: 'string' },
        vscode: { type: 'boolean' },
      },
    });
  } catch (error) {
    return fail(error.message);
  }
})();
const command = positionals[0];
if (command === 'install') install(values);
else if (command === 'uninstall') uninstall(values);
else if (command === 'config') config(values);
else fail(command ? `Unknown command "${command}".` : 'Say what to do.');
