import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The approval window's size as the worker opens it (approval-window.ts), for screenshots. */
export const APPROVAL_WINDOW = { width: 520, height: 680 };

/**
 * The approval window at its real width, tall enough to show the whole request without scrolling: a full-page
 * screenshot of a page that scrolls would draw the sticky decision bar in the middle.
 */
export async function showWhole(page: Page): Promise<void> {
  await page.setViewportSize(APPROVAL_WINDOW);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (height > APPROVAL_WINDOW.height) await page.setViewportSize({ ...APPROVAL_WINDOW, height });
}

const isApprovalPage = (page: Page) => page.url().includes('/extension/approval/index.html');

/** The approval window the worker opened with chrome.windows.create, once it shows a request. */
export async function approvalWindow(context: BrowserContext): Promise<Page> {
  let found: Page | undefined;
  const showing = async (page: Page) =>
    !page.isClosed() &&
    (await page
      .locator('.approval')
      .count()
      .catch(() => 0)) > 0;
  await expect
    .poll(
      async () => {
        for (const page of context.pages().filter(isApprovalPage)) {
          if (await showing(page)) {
            found = page;
            return true;
          }
        }
        return false;
      },
      { message: 'the approval window should open and show a request', timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** Clicks a button that may close its own window (the last answer closes the approval window). */
export async function clickClosing(page: Page, name: string): Promise<void> {
  await page
    .getByRole('button', { name, exact: true })
    .click()
    .catch((error: unknown) => {
      if (!page.isClosed()) throw error;
    });
}

/** Presses a key that may close the window (Escape answers the last request, and the window closes). */
export async function pressClosing(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key).catch((error: unknown) => {
    if (!page.isClosed()) throw error;
  });
}

/** Plays the user: waits for the approval window to show a request, checks it, and clicks `button`. */
export async function answer(
  context: BrowserContext,
  button: string | RegExp,
  expectText?: string | RegExp,
): Promise<Page> {
  const page = await approvalWindow(context);
  const choice = page.getByRole('button', { name: button, exact: typeof button === 'string' });
  await expect(choice).toBeVisible();
  if (expectText) await expect(page.locator('.approval')).toContainText(expectText);
  const shownId = () =>
    page.isClosed()
      ? Promise.resolve(null)
      : page
          .evaluate("document.querySelector('.approval')?.getAttribute('data-id') ?? null")
          .catch(() => null);
  const id = await shownId();
  await choice.click().catch((error: unknown) => {
    if (!page.isClosed()) throw error;
  });
  // Answered: the window moves on to the next request, or empties and closes.
  await expect.poll(shownId).not.toBe(id);
  return page;
}
