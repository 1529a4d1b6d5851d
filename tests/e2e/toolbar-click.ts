import type { BrowserContext } from '@playwright/test';

/** The switch that lets CDP's Extensions.triggerAction run (see clickToolbarIcon). */
export const TOOLBAR_CLICK_ARGS = ['--enable-unsafe-extension-debugging'];

/**
 * Clicks the extension's toolbar icon for the active tab, as the user does: Chrome opens the real popup
 * and grants activeTab for that tab. Needs a browser launched with TOOLBAR_CLICK_ARGS. The popup Chrome
 * opens is not a Playwright page; callers open the popup page themselves to look at it.
 */
export async function clickToolbarIcon(context: BrowserContext, extId: string): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser to open a CDP session on');
  const cdp = await browser.newBrowserCDPSession();
  type Targets = { targetInfos: { targetId: string; embedderData?: { tabActive?: boolean } }[] };
  const { targetInfos } = (await cdp.send(
    'Target.getTargets' as never,
    {
      filter: [{ type: 'tab' }],
    } as never,
  )) as Targets;
  const active = targetInfos.find((t) => t.embedderData?.tabActive);
  if (!active) throw new Error('no active tab');
  await cdp.send('Extensions.triggerAction' as never, { id: extId, targetId: active.targetId } as never);
  await cdp.detach();
}
