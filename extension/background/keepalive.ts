import browser from 'webextension-polyfill';

/**
 * MV3 ends an idle worker after 30 s, and an open fetch stream does not count as activity. While the host
 * has something live (an assistant session, a call in flight, a subscription), an extension API call every
 * 20 s resets the idle timer. When nothing is live the timer makes no call, so the worker can sleep.
 */
export function keepAliveWhile(isLive: () => boolean): void {
  setInterval(() => {
    if (isLive()) void browser.runtime.getPlatformInfo();
  }, 20_000);
}
