import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { isNationalHelpNumber, phoneDigits } from '../../shared/help-numbers';
import { expectAccessible, launchBrowser, newPage } from '../helpers/browser';
import { startTestServer } from '../helpers/context';
import { makeOrg } from '../helpers/factories';

// The place decides: a family types its postcode or town and gets its own district's guide and numbers.
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1366, height: 900 };

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  const o = await makeOrg(server.ctx.sql, 'office', { name: 'Amt für Jugend und Familie Leipzig (Test)', districtAgs: '14713' });
  await server.ctx.sql`update organisations set phone = '0341 123-0', emergency_phone = '0341 123-4600' where id = ${o.id}`;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every tel: link on the page is a nationwide number or one of the district's own offices. */
async function expectOnlyNumbersOf(page: Page, ags: string) {
  const rows = await server.ctx.sql<{ phone: string | null; emergencyPhone: string | null }[]>`
    select phone, emergency_phone from organisations where kind = 'office' and district_ags = ${ags}`;
  const own = new Set(rows.flatMap((r) => [r.phone, r.emergencyPhone]).filter((p): p is string => !!p).map(phoneDigits));
  const tels = await page.locator('a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(4)));
  expect(tels.length).toBeGreaterThan(0);
  for (const n of tels) expect(isNationalHelpNumber(n) || own.has(phoneDigits(n)), `${ags}: ${n}`).toBe(true);
}

async function findPlace(page: Page, q: string) {
  await page.goto(`${server.url}/lotse`);
  await page.getByLabel('Wo wohnen Sie? Postleitzahl oder Ort').fill(q);
  await page.getByRole('button', { name: 'Weiter' }).click();
}

describe('navigator: the place decides', () => {
  it('a family in Leipzig (04277) on a phone gets Leipzig\'s guide, and in danger 110 above the fold', async () => {
    const page = await newPage(browser, PHONE);
    await page.goto(`${server.url}/lotse`);
    // the nationwide emergency numbers come before any question
    const police = page.locator('.lotse-danger-strip a[href="tel:110"]');
    expect((await police.boundingBox())!.y).toBeLessThan(PHONE.height);
    await expectAccessible(page, 'navigator-place-phone');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByText('Bitte geben Sie Ihre Postleitzahl oder Ihren Ort ein.').waitFor();
    await findPlace(page, '04277');
    await page.getByRole('heading', { name: 'Hilfe-Lotse Leipzig', level: 1 }).waitFor();
    expect(page.url()).toContain('/lotse/14713?plz=04277');
    await page.getByRole('button', { name: 'Ich mache mir Sorgen um ein Kind (z. B. als Nachbarin, Lehrer oder Fachkraft)' }).click();
    await page.getByRole('button', { name: 'Ein Kind oder Jugendlicher ist jetzt in Gefahr' }).click();
    await page.getByRole('heading', { name: 'Lotse: Sofort Hilfe holen' }).waitFor();
    const first = page.locator('[data-testid=emergency] a[href^="tel:"]').first();
    expect(await first.getAttribute('href')).toBe('tel:110');
    const box = (await first.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height); // above the fold, no scrolling
    // the night number of a Leipzig office (other test files may add offices in Leipzig too)
    const leipzig = await server.ctx.sql<{ emergencyPhone: string }[]>`
      select emergency_phone from organisations where kind = 'office' and district_ags = '14713' and emergency_phone is not null`;
    const shown = await page.locator('[data-testid=emergency] a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(4)));
    expect(shown.some((n) => leipzig.some((o) => phoneDigits(o.emergencyPhone) === phoneDigits(n)))).toBe(true);
    await expect(page.locator('main').textContent()).resolves.not.toContain('0221');
    await expectOnlyNumbersOf(page, '14713');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'navigator-leipzig-danger-phone');

    // a reload keeps the conversation (in this tab only)
    await page.reload();
    await page.getByRole('heading', { name: 'Lotse: Sofort Hilfe holen' }).waitFor();
    await page.getByRole('button', { name: 'Weitere Hilfe ansehen' }).click();
    await page.getByTestId('results').waitFor();
    await expectOnlyNumbersOf(page, '14713');
    await page.context().close();
  });

  it('each demo district, found by its postcode on a phone, shows its own guide and in danger 110 first and only its own numbers', async () => {
    for (const [postcode, ags, title] of [
      ['50667', '05315', 'Hilfe-Lotse Köln'],
      ['23560', '01003', 'Hilfe-Lotse Lübeck'],
      ['55218', '07339', 'Hilfe-Lotse Mainz-Bingen'],
      ['04109', '14713', 'Hilfe-Lotse Leipzig'],
    ]) {
      const page = await newPage(browser, PHONE);
      await findPlace(page, postcode);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Ich bin selbst betroffen (Kind, Jugendliche oder junger Erwachsener)' }).click();
      await page.getByRole('button', { name: 'Ich bin gerade in Gefahr oder werde verletzt' }).click();
      await page.getByRole('heading', { name: 'Lotse: Sofort Hilfe holen' }).waitFor();
      const first = page.locator('[data-testid=emergency] a[href^="tel:"]').first();
      expect(await first.getAttribute('href')).toBe('tel:110');
      const box = (await first.boundingBox())!;
      expect(box.y + box.height, title).toBeLessThanOrEqual(PHONE.height);
      await expectOnlyNumbersOf(page, ags);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await page.getByRole('button', { name: 'Weitere Hilfe ansehen' }).click();
      await page.getByTestId('results').waitFor();
      await expectOnlyNumbersOf(page, ags);
      if (ags === '01003') await expectAccessible(page, 'navigator-luebeck-results-phone');
      await page.context().close();
    }
  }, 150_000);

  it('a young person in a district without a guide of its own is spoken to with "du" and gets only nationwide numbers and the own office', async () => {
    const page = await newPage(browser, PHONE);
    await findPlace(page, '99817'); // Eisenach, Wartburgkreis: no dialogue of its own
    await page.getByRole('heading', { name: 'Hilfe-Lotse Wartburgkreis', level: 1 }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('Für Wartburgkreis gibt es noch keinen eigenen Hilfe-Lotsen');
    await page.getByRole('button', { name: 'Ich bin selbst betroffen (Kind, Jugendliche oder junger Erwachsener)' }).click();
    await page.getByRole('heading', { name: /Worum geht es bei dir/ }).waitFor();
    await page.getByRole('button', { name: 'Ich traue mich nicht nach Hause oder wurde rausgeworfen' }).click();
    await page.getByRole('heading', { name: 'Lotse: Sofort Hilfe holen' }).waitFor();
    await expect(page.locator('[data-testid=emergency]').textContent()).resolves.toContain('Du musst deinen Namen nicht sagen');
    const first = page.locator('[data-testid=emergency] a[href^="tel:"]').first();
    expect((await first.boundingBox())!.y).toBeLessThan(PHONE.height);
    await expectOnlyNumbersOf(page, '16063');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'navigator-general-self-phone');
    await page.context().close();
  });

  it('a town name in several districts asks where exactly, at desktop width', async () => {
    const page = await newPage(browser, DESKTOP);
    await findPlace(page, 'Lichtenau'); // in four districts
    await page.getByRole('heading', { name: 'Der Ort liegt in mehreren Kreisen. Wo wohnen Sie?' }).waitFor();
    expect(await page.locator('.lotse-options button').count()).toBe(4);
    await expectAccessible(page, 'navigator-place-choice-desktop');
    await page.getByRole('button', { name: 'Landkreis Rastatt (Lichtenau)' }).click();
    await page.getByRole('heading', { name: 'Hilfe-Lotse Landkreis Rastatt', level: 1 }).waitFor();
    await findPlace(page, 'Nirgendwohausen');
    await page.getByText('Diesen Ort kennen wir nicht.', { exact: false }).waitFor();
    await page.context().close();
  });
});
