import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The native-messaging host's name, as Chrome looks it up (lowercase, dots). */
export const HOST_NAME = 'dev.switchboard.bridge';

/**
 * Where the host listens. A Unix socket in a directory only this user can enter: $XDG_RUNTIME_DIR is such
 * a directory already (systemd makes it 0700 per user); otherwise one under the temp dir, made 0700.
 * SWITCHBOARD_BRIDGE_DIR overrides both (tests, or a user who wants it elsewhere). Windows: a named pipe,
 * which is per user by its name and default ACL.
 */
export function socketPath(env = process.env) {
  if (process.platform === 'win32') return `\\\\.\\pipe\\switchboard-bridge-${userInfo().username}`;
  return join(socketDir(env), 'bridge.sock');
}

function socketDir(env = process.env) {
  if (env.SWITCHBOARD_BRIDGE_DIR) return env.SWITCHBOARD_BRIDGE_DIR;
  if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, 'switchboard');
  return join(tmpdir(), `switchboard-${userInfo().uid}`);
}

/** Per-user native-messaging host manifest folders, by browser, for this platform. */
export function manifestDirs(platform = process.platform, home = homedir()) {
  if (platform === 'win32') {
    // Windows finds the manifest through the registry (cli.mjs writes the key), so any folder of ours will do.
    const base = join(process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Switchboard');
    return Object.fromEntries(
      ['chrome', 'chromium', 'brave', 'edge'].map((b) => [b, join(base, b, 'NativeMessagingHosts')]),
    );
  }
  if (platform === 'darwin') {
    const support = join(home, 'Library', 'Application Support');
    return {
      chrome: join(support, 'Google', 'Chrome', 'NativeMessagingHosts'),
      chromium: join(support, 'Chromium', 'NativeMessagingHosts'),
      brave: join(support, 'BraveSoftware', 'Brave-Browser', 'NativeMessagingHosts'),
      edge: join(support, 'Microsoft Edge', 'NativeMessagingHosts'),
    };
  }
  const config = join(home, '.config');
  return {
    chrome: join(config, 'google-chrome', 'NativeMessagingHosts'),
    chromium: join(config, 'chromium', 'NativeMessagingHosts'),
    brave: join(config, 'BraveSoftware', 'Brave-Browser', 'NativeMessagingHosts'),
    edge: join(config, 'microsoft-edge', 'NativeMessagingHosts'),
  };
}
