import { type OAuthPlatform, type OAuthState, SignInRequiredError } from '../../src/remote/auth/oauth-types';
import { secrets } from '../shared/secrets';

const oauthName = (serverId: string) => `oauth:${serverId}`;
const store = secrets();

/**
 * OAuth for remote servers, the browser side: tokens and client registrations among the secrets (IndexedDB
 * of the extension's origin, which no content script can read; sent only in the Authorization header to
 * their own server), and the user's sign-in through chrome.identity.launchWebAuthFlow, whose redirect is
 * https://<extension-id>.chromiumapp.org/.
 */
export const extensionOAuth: OAuthPlatform = {
  store: {
    // Written only by this file, with the SDK's own OAuthState: read back as that.
    get: async (serverId) => (await store.get(oauthName(serverId))) as OAuthState | undefined,
    set: (serverId, state) => store.set(oauthName(serverId), state),
    delete: (serverId) => store.delete(oauthName(serverId)),
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
