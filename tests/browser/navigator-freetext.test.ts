import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { expectAccessible, launchBrowser, newPage } from '../helpers/browser';
import { startTestServer } from '../helpers/context';
import { makeOrg } from '../helpers/factories';

// "In your own words": a family and a young person describe their concern and are led on from there.
const PHONE = { width: 360, height: 740 };

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  const o = await makeOrg(server.ctx.sql, 'office', { name: 'Amt für Jugend und Familie Leipzig (Freitext-Test)', districtAgs: '14713' });
  await server.ctx.sql`update organisations set phone = '0341 123-0', emergency_phone = '0341 123-4600' where id = ${o.id}`;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function describeConcern(page: Page, text: string) {
  await page.getByLabel('Beschreiben Sie kurz, worum es geht').fill(text);
  await page.getByRole('button', { name: 'Weiter' }).click();
}

describe('navigator: in your own words', () => {
  it('a mother describes the concern, sees what was understood and why, corrects or accepts, and reaches the results', async () => {
    const page = await newPage(browser, PHONE);
    await page.goto(`${server.url}/lotse/14713?plz=04277`);
    await page.getByRole('heading', { name: 'Hilfe-Lotse Leipzig', level: 1 }).waitFor();
    await expectAccessible(page, 'navigator-freetext-phone');

    // correcting: the normal questions, from the first one
    await describeConcern(page, 'streit in der familie');
    await page.getByRole('heading', { name: /Ich habe verstanden/ }).waitFor();
    await page.getByRole('button', { name: 'Nein, ich beantworte die Fragen' }).click();
    await page.getByRole('heading', { name: /Wer sucht Hilfe/ }).waitFor();
    await expect(page.getByTestId('understood').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Neu beginnen' }).click();

    const text = 'Mein Sohn (14) wird in der Schule gemobbt, wir brauchen bald Hilfe';
    await describeConcern(page, text);
    const understood = page.getByTestId('understood');
    await understood.getByRole('heading', { name: /Ich habe verstanden/ }).waitFor();
    const said = await understood.textContent();
    for (const part of ['Ich bin Mutter, Vater oder gehöre zur Familie', 'Probleme in der Schule oder mit Freunden', '„gemobbt“', '12 bis 17 Jahre', '„(14)“', 'In den nächsten Tagen', 'Stimmt das?']) {
      expect(said).toContain(part);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'navigator-freetext-understood-phone');

    // accepting answers the questions for her and leads straight to the results
    await page.getByRole('button', { name: 'Ja, das stimmt' }).click();
    await page.getByTestId('results').waitFor();
    const log = await page.locator('.lotse-log').textContent();
    expect(log).toContain('Probleme in der Schule oder mit Freunden');
    expect(log).toContain('In den nächsten Tagen');
    // only the chosen answers are kept in the tab, never the text
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
    expect(stored).toContain('"option\\":\\"school\\"');
    expect(stored).not.toContain('gemobbt');
    await expectAccessible(page, 'navigator-freetext-results-phone');
    await page.context().close();
  });

  it('a young person in danger sees the emergency numbers first, 110 above the fold, then what was understood', async () => {
    const page = await newPage(browser, PHONE);
    await page.goto(`${server.url}/lotse/14713?plz=04277`);
    await describeConcern(page, 'mein stiefvater schlägt mich und ich trau mich nicht nach hause');
    const first = page.locator('[data-testid=emergency] a[href^="tel:"]').first();
    await first.waitFor();
    expect(await first.getAttribute('href')).toBe('tel:110');
    const box = (await first.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height); // above the fold, no scrolling
    // the district's own office (other test files may add offices to Leipzig too: any of them, none elsewhere)
    const own = await server.ctx.sql<{ phone: string | null; emergencyPhone: string | null }[]>`
      select phone, emergency_phone from organisations where kind = 'office' and district_ags = '14713'`;
    const shown = (await page.locator('[data-testid=emergency]').textContent())!;
    expect(own.some((o) => [o.emergencyPhone, o.phone].some((p) => p && shown.includes(p)))).toBe(true);
    expect(shown).not.toContain('0221');
    await expect(page.getByTestId('understood').textContent()).resolves.toContain('Ich bin gerade in Gefahr oder werde verletzt');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'navigator-freetext-danger-phone');

    await page.getByRole('button', { name: 'Ja, das stimmt' }).click();
    await page.getByRole('heading', { name: 'Lotse: Sofort Hilfe holen' }).waitFor();
    await expect(page.locator('[data-testid=emergency]').textContent()).resolves.toContain('Du musst deinen Namen nicht sagen');
    await page.context().close();
  });
});
