import { type OAuthPlatform, SignInRequiredError } from '../../src/remote/auth/oauth-types';
import { readStorage, removeStorage, STORAGE, writeStorage } from '../shared/extension-storage';

/**
 * OAuth for remote servers, the browser side: tokens and client registrations in local extension storage
 * (never synced; sent only in the Authorization header to their own server), and the user's sign-in through
 * chrome.identity.launchWebAuthFlow, whose redirect is https://<extension-id>.chromiumapp.org/.
 */
export const extensionOAuth: OAuthPlatform = {
  store: {
    get: (serverId) => readStorage(STORAGE.oauth(serverId)),
    set: (serverId, state) => writeStorage(STORAGE.oauth(serverId), state),
    delete: (serverId) => removeStorage(STORAGE.oauth(serverId)),
  },
  async authorize(url, interactive) {
    // A background reconnect must never open a window: the options page shows "Sign in" instead.
    if (!interactive) throw new SignInRequiredError('Sign-in required.');
    const redirected = await chrome.identity.launchWebAuthFlow({ url: url.href, interactive: true });
    if (!redirected) throw new Error('The sign-in window closed before the server answered.');
    return new URL(redirected);
  },
  redirectUrl: chrome.identity.getRedirectURL(),
};
