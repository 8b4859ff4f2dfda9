import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD } from './factories';

/** Logs in with the keyboard only: type, Tab, Enter. */
export async function keyboardLogin(page: Page, baseUrl: string, email: string) {
  await page.goto(baseUrl);
  await page.getByLabel(/E-Mail-Adresse/).focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
}

/** What has the focus: enough to tell where a keyboard user is. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement;
    return { tag: a.tagName.toLowerCase(), id: a.id, name: a.getAttribute('aria-label') ?? a.textContent?.trim() ?? '', cls: a.className, invalid: a.getAttribute('aria-invalid') };
  });

/** Focuses a button by its accessible name and presses a key on it (Enter unless told). */
export async function press(page: Page, name: string | RegExp, key = 'Enter') {
  await page.getByRole('button', { name }).focus();
  await page.keyboard.press(key);
}

/**
 * Records every text the shell's live region (#live-notices) says, with its politeness at that
 * moment, from the first page on. Call before the first `goto`.
 */
export async function recordAnnouncements(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __heard: { text: string; live: string | null }[]; __last: string };
    w.__heard = [];
    w.__last = '';
    new MutationObserver(() => {
      const region = document.getElementById('live-notices');
      const text = region?.textContent ?? '';
      if (text && text !== w.__last) w.__heard.push({ text, live: region!.getAttribute('aria-live') });
      w.__last = text;
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** What the live region said so far (see `recordAnnouncements`). */
export const heard = (page: Page) => page.evaluate(() => (window as unknown as { __heard: { text: string; live: string | null }[] }).__heard);

/** The live region said `text` exactly once (after waiting for it), in the given politeness. */
export async function expectSaidOnce(page: Page, text: string, live: 'polite' | 'assertive' = 'polite') {
  await expect.poll(async () => (await heard(page)).filter((h) => h.text === text).length, { timeout: 5000 }).toBeGreaterThan(0);
  // a second announcement of the same change would come within a moment
  await page.waitForTimeout(500);
  expect((await heard(page)).filter((h) => h.text === text)).toEqual([{ text, live }]);
}

/** Follows a link of the main navigation with the keyboard; the new page's h1 gets the focus and the title names the page. */
export async function followNav(page: Page, link: string, h1: string, title: string) {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: link, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
  await expect.poll(async () => (await focused(page)).tag).toBe('h1');
  expect((await focused(page)).name).toBe(h1);
  await expect.poll(() => page.title()).toBe(`${title} – Heimplatzbörse`);
}
