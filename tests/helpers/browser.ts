import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildClientIfNeeded } from '../../server/build-client';
import type { RunningServer } from '../../server/index';
import { startTestServer } from './context';

export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

/** A page that fails fast: 10 s per action instead of 30 s. */
export async function newPage(browser: Browser, viewport?: { width: number; height: number }): Promise<Page> {
  // axe needs a page of its own context; the context ends with the page
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  page.once('close', () => void context.close().catch(() => {}));
  page.setDefaultTimeout(10_000);
  return page;
}

/** Debian's Chromium, headless, with no background traffic (the machine has no network). */
export async function launchBrowser(): Promise<Browser> {
  buildClientIfNeeded(() => {});
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Runs axe with the WCAG 2.1 A/AA rules, saves a screenshot as an artifact, expects no violations.
 * A page without frames (all of ours) is analysed by axe.run() in the page itself ("legacy mode"):
 * the default mode runs axe.runPartial() and then opens a blank page to run axe.finishRun(), which
 * took half of the time for the same result (compared on every office admin screen at both widths:
 * the same violations, passes with their node counts and incomplete checks). A page with frames keeps
 * the default, which also tests cross-origin frames.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const result = await (page.frames().length === 1 ? axe.setLegacyMode() : axe).analyze();
  const violations = result.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations, `axe violations on ${name}`).toEqual([]);
}

/** Logs in through the real login form. */
export async function loginViaForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel(/E-Mail-Adresse|E-mail address/).fill(email);
  await page.getByLabel(/^Passwort|^Password/).fill(password);
  await page.getByRole('button', { name: /Anmelden|Log in/ }).click();
  // logged in: the shell's main navigation is there
  await page.getByRole('navigation', { name: /Hauptnavigation|Main navigation/ }).waitFor();
}

/**
 * The usual frame of a browser test file: Chromium (after building the client) and the whole
 * server on a free port, both stopped when the file ends.
 */
export function useBrowserAndServer(env: Record<string, string> = {}): { browser: Browser; server: RunningServer } {
  const t = {} as { browser: Browser; server: RunningServer };
  beforeAll(async () => {
    t.browser = await launchBrowser(); // builds the client before the server reads it
    t.server = await startTestServer(env);
  });
  afterAll(async () => {
    await t.browser?.close();
    await t.server?.stop();
  });
  return t;
}
