import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { dialogueFor } from '../api/navigator-fixture';
import { expectAccessible, launchBrowser, loginViaForm, newPage } from '../helpers/browser';
import { startTestServer } from '../helpers/context';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';

// This file owns the navigator of Nürnberg (09564).
const AGS = '09564';
let server: RunningServer;
let browser: Browser;
let email: string;
let dir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  const platform = await makeOrg(server.ctx.sql, 'platform');
  email = (await makeUser(server.ctx.sql, platform, 'platform_admin')).email;
  dir = mkdtempSync(join(tmpdir(), 'hpb-dialogue-'));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('navigator admin screen', () => {
  it('uploads a dialogue, shows its errors in German naming the step, previews it and publishes it', async () => {
    const page = await newPage(browser, { width: 1366, height: 900 });
    await loginViaForm(page, server.url, email, PASSWORD);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Hilfe-Lotse verwalten' }).click();
    await page.getByRole('heading', { name: 'Hilfe-Lotse verwalten', level: 1 }).waitFor();
    await page.getByLabel('Kreis (Amtlicher Gemeindeschlüssel, 5 Ziffern)').fill(AGS);
    await page.getByText('Nürnberg hat noch keinen eigenen Dialog').waitFor();

    const broken = dialogueFor(AGS, 'Nürnberg');
    broken.steps.push({ id: 'vergessen', kind: 'results', text: { de: 'x', en: 'x' } });
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    await page.getByLabel('Dialog-Datei (JSON)').setInputFiles(join(dir, 'broken.json'));
    await page.getByRole('button', { name: 'Prüfen und Vorschau zeigen' }).click();
    await page.getByRole('heading', { name: 'Der Dialog hat 1 Fehler' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Der Dialog hat 1 Fehler');
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('Der Schritt „vergessen“ ist vom Start „concern“ aus nicht erreichbar.');
    await expectAccessible(page, 'navigator-admin-errors-desktop');

    // a file that breaks the schema (a step without its text) is told in German, never in the server's English
    const noText = dialogueFor(AGS, 'Nürnberg') as { steps: Record<string, unknown>[] };
    delete noText.steps[0].text;
    writeFileSync(join(dir, 'no-text.json'), JSON.stringify(noText));
    await page.getByLabel('Dialog-Datei (JSON)').setInputFiles(join(dir, 'no-text.json'));
    await page.getByRole('button', { name: 'Prüfen und Vorschau zeigen' }).click();
    await page.locator('.error-summary', { hasText: 'steps.0.text' }).waitFor();
    const summary = (await page.locator('.error-summary').textContent()) ?? '';
    expect(summary).toContain('Feld „steps.0.text“: Bitte ausfüllen.');
    expect(summary).not.toMatch(/expected|required|invalid|undefined/i);

    writeFileSync(join(dir, 'good.json'), JSON.stringify(dialogueFor(AGS, 'Nürnberg')));
    await page.getByLabel('Dialog-Datei (JSON)').setInputFiles(join(dir, 'good.json'));
    await page.getByRole('button', { name: 'Prüfen und Vorschau zeigen' }).click();
    await page.getByRole('heading', { name: 'Vorschau', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Ein Kind oder Jugendlicher ist jetzt in Gefahr' }).click();
    await page.getByTestId('emergency').waitFor();
    await expectAccessible(page, 'navigator-admin-preview-desktop');
    // not yet public
    expect((await (await fetch(`${server.url}/api/v1/navigator/dialogues/${AGS}`)).json()).source).toBe('general');
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    // said once through the shell's live region; the focus stays on the button
    await page.locator('#live-notices', { hasText: 'Veröffentlicht (Version 1).' }).waitFor();
    await page.locator('p.status', { hasText: 'Veröffentlicht (Version 1).' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Veröffentlichen');
    expect((await (await fetch(`${server.url}/api/v1/navigator/dialogues/${AGS}`)).json()).source).toBe('loaded');
    await page.getByRole('button', { name: 'Eigenen Dialog entfernen' }).click();
    // the button is gone with the own dialogue: the focus goes to the result
    const removed = page.locator('p.status', { hasText: 'Der eigene Dialog ist entfernt' });
    await removed.waitFor();
    await expect.poll(() => removed.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.context().close();
  });
});
