import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { makeDirectoryFixture, type DirectoryFixture } from '../api/directory-fixture';
import { expectAccessible, launchBrowser, newPage } from '../helpers/browser';
import { startTestServer } from '../helpers/context';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const WIDE = { width: 1366, height: 900 };

let server: RunningServer;
let browser: Browser;
let f: DirectoryFixture;
beforeAll(async () => {
  browser = await launchBrowser(); // builds the client first
  server = await startTestServer();
  f = await makeDirectoryFixture(server.ctx.sql);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page on which no map tile can load: the list and the markers must work without them. */
async function offlinePage(viewport: { width: number; height: number }): Promise<Page> {
  const page = await newPage(browser, viewport);
  await page.route(/\.png(\?.*)?$/, (r) => r.abort());
  return page;
}

const cards = (page: Page) => page.getByRole('list', { name: 'Gefundene Angebote' }).getByRole('listitem');

describe('public directory in a real browser', () => {
  it('searches at desktop width: list and map side by side, no axe violations', async () => {
    const page = await offlinePage(DESKTOP);
    await page.goto(`${server.url}/verzeichnis`);
    await page.getByRole('heading', { name: 'Anbieterverzeichnis', level: 1 }).waitFor();
    await page.getByLabel('Suchbegriff').fill(`Koeln ${f.word}`);
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('status').filter({ hasText: '2 Angebote gefunden' }).waitFor();
    expect(await cards(page).count()).toBe(2);
    await expect(cards(page).first().textContent()).resolves.toContain(f.koeln.name);
    // the map shows the same two offers as markers, although no tile loaded
    await page.locator('[data-testid=directory-map] path.leaflet-interactive').first().waitFor();
    expect(await page.locator('[data-testid=directory-map] path.leaflet-interactive').count()).toBe(2);
    expect(page.url()).toContain(`q=Koeln+${f.word}`);
    await expectAccessible(page, 'directory-search-desktop');

    // filters: age 5 leaves the counselling only; a typo still finds it
    await page.getByLabel('Alter des Kindes (in Jahren)').fill('5');
    await page.getByLabel('Suchbegriff').fill(`Jugenhilfe ${f.word}`);
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('status').filter({ hasText: '1 Angebot gefunden' }).waitFor();
    await expect(cards(page).first().textContent()).resolves.toContain('Erziehungsberatung');

    // an unknown postcode is named at the field, nothing typed is lost
    await page.getByLabel('Postleitzahl').fill('99999');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.locator('#f-postcode-error').waitFor();
    expect(await page.getByLabel('Postleitzahl').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Suchbegriff').inputValue()).toBe(`Jugenhilfe ${f.word}`);
    await page.context().close(); // the whole context, so nothing is left closing when the browser ends
  });

  it('keeps the newest search when an earlier answer arrives after it', async () => {
    const page = await offlinePage(DESKTOP);
    // the first search (the page's own, without a term) is answered 1.5 s late, after the typed one
    let first = true;
    await page.route(/\/api\/v1\/directory\/offers\?/, async (r) => {
      if (first) {
        first = false;
        await new Promise((ok) => setTimeout(ok, 1500));
      }
      await r.continue().catch(() => {});
    });
    await page.goto(`${server.url}/verzeichnis`);
    await page.getByLabel('Suchbegriff').fill(`Koeln ${f.word}`);
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('status').filter({ hasText: '2 Angebote gefunden' }).waitFor();
    await page.waitForTimeout(2000); // the late answer has arrived by now
    expect(await page.getByRole('status').textContent()).toContain('2 Angebote gefunden');
    expect(await cards(page).count()).toBe(2);
    await page.context().close();
  });

  it('shows an offer with contact, opening hours, accessibility and languages; keyboard only', async () => {
    const page = await offlinePage(DESKTOP);
    await page.goto(`${server.url}/verzeichnis?q=${f.word}&postcode=50667`);
    await page.getByRole('status').filter({ hasText: '3 Angebote gefunden' }).waitFor();
    const link = page.getByRole('link', { name: `Erziehungsberatung ${f.word} Süd` });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Erziehungsberatung ${f.word} Süd`, level: 1 }).waitFor();
    // the new page is where reading starts: its heading has the focus
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const text = await page.locator('main').textContent();
    for (const s of ['0221 123456', 'haus@ehrenfeld.example', 'Mo–Fr 9–17 Uhr', 'Eingang stufenlos, Aufzug', 'Deutsch, Türkisch', f.koeln.name]) expect(text).toContain(s);
    expect(await page.getByRole('link', { name: '0221 123456' }).getAttribute('href')).toBe('tel:0221123456');
    await expectAccessible(page, 'directory-offer-desktop');
    await page.getByRole('link', { name: 'Zurück zur Suche' }).click();
    await page.getByRole('heading', { name: 'Anbieterverzeichnis', level: 1 }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Anbieterverzeichnis');
    await page.context().close(); // the whole context, so nothing is left closing when the browser ends
  });

  it('works on a phone (360 px): list before map, detail, English, no axe violations', async () => {
    const page = await offlinePage(PHONE);
    await page.goto(`${server.url}/verzeichnis?q=${f.word}`);
    await page.getByRole('status').filter({ hasText: '3 Angebote gefunden' }).waitFor();
    // nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const listBox = await page.getByRole('list', { name: 'Gefundene Angebote' }).boundingBox();
    const mapBox = await page.locator('[data-testid=directory-map]').boundingBox();
    expect(listBox!.y).toBeLessThan(mapBox!.y);
    await expectAccessible(page, 'directory-search-phone');
    await page.getByRole('link', { name: `Wohngruppe ${f.word} Sonnenhof` }).click();
    await page.getByRole('heading', { name: `Wohngruppe ${f.word} Sonnenhof`, level: 1 }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('2 von 8 frei');
    await expectAccessible(page, 'directory-offer-phone');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Back to the search' }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('2 of 8 free');
    await expectAccessible(page, 'directory-offer-phone-en');
    await page.context().close(); // the whole context, so nothing is left closing when the browser ends
  });

  for (const [label, viewport] of [
    ['phone', PHONE],
    ['wide', WIDE],
  ] as const) {
    it(`leads somewhere when nothing is found (${label}): related types, without the filter, office, national numbers`, async () => {
      const page = await offlinePage(viewport);
      // the Bonn offer is the only Erziehungsbeistand of the fixture: in Köln there is none
      await page.goto(`${server.url}/verzeichnis?q=${f.word}&types=30&district=05315`);
      await page.getByRole('status').filter({ hasText: '0 Angebote gefunden' }).waitFor();
      const main = page.locator('main');
      await page.getByRole('heading', { name: 'Verwandte Hilfen', level: 3 }).waitFor();
      await expect(main.textContent()).resolves.toContain('Erziehungsberatung');
      // the filter that blocked is named, and the offer found without it is listed
      await page.getByRole('heading', { name: /ohne den Filter „Stadt oder Kreis“/, level: 3 }).waitFor();
      await page.getByRole('list', { name: 'Angebote ohne diesen Filter' }).getByRole('link', { name: `Erziehungsbeistand ${f.word}` }).waitFor();
      await page.getByRole('heading', { name: 'Ihr Jugendamt', level: 3 }).waitFor();
      await page.getByRole('heading', { name: 'Bundesweite Hilfe-Nummern', level: 3 }).waitFor();
      expect(await page.getByRole('link', { name: '116 111' }).getAttribute('href')).toBe('tel:116111');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await expectAccessible(page, `directory-none-${label}`);
      // following the named way out shows the offer in the list
      await page.getByRole('link', { name: 'Alle ohne den Filter „Stadt oder Kreis“ zeigen' }).click();
      await page.getByRole('status').filter({ hasText: '1 Angebot gefunden' }).waitFor();
      await expect(cards(page).first().textContent()).resolves.toContain(`Erziehungsbeistand ${f.word}`);
      await page.context().close(); // the whole context, so nothing is left closing when the browser ends
    });
  }

  it('says on the offer page that the map shows this offer', async () => {
    const page = await offlinePage(PHONE);
    await page.goto(`${server.url}/verzeichnis/angebot/${f.ids.beratung}`);
    await page.getByRole('heading', { name: `Erziehungsberatung ${f.word} Süd`, level: 1 }).waitFor();
    const text = await page.locator('main').textContent();
    expect(text).toContain('Die Karte zeigt, wo das Angebot liegt.');
    expect(text).not.toContain('dieselben Angebote wie die Liste');
    await page.context().close(); // the whole context, so nothing is left closing when the browser ends
  });

  it('offers the HSDS export for download and never lists foster places', async () => {
    const page = await offlinePage(DESKTOP);
    await page.goto(`${server.url}/verzeichnis?q=${f.word}`);
    await page.getByRole('status').filter({ hasText: 'gefunden' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(`Pflegestelle ${f.word}`);
    const link = page.getByRole('link', { name: 'Gesamtes Verzeichnis herunterladen (HSDS-JSON)' });
    expect(await link.getAttribute('download')).not.toBeNull();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^heimplatzboerse-hsds-\d{4}-\d{2}-\d{2}\.json$/);
    const json = JSON.parse(await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8'));
    expect(json.services.map((s: { id: string }) => s.id)).toContain(f.ids.beratung);
    await page.context().close(); // the whole context, so nothing is left closing when the browser ends
  });

  it('is linked from the login page', async () => {
    const page = await newPage(browser, DESKTOP);
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Ohne Anmeldung' }).getByRole('link', { name: 'Anbieterverzeichnis' }).click();
    await page.getByRole('heading', { name: 'Anbieterverzeichnis', level: 1 }).waitFor();
    await page.context().close(); // the whole context, so nothing is left closing when the browser ends
  });
});
