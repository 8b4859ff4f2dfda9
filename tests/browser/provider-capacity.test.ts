import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

const PHONE = { width: 360, height: 740 };
const env = useBrowserAndServer();

async function noSideways(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

describe('provider screens on a phone (360 × 740)', () => {
  it('a provider confirms and changes availability with one tap each; the board is axe clean', async () => {
    const sql = env.server.ctx.sql;
    const org = await makeOrg(sql, 'provider', { name: 'Träger Browsertest' });
    const staff = await makeUser(sql, org, 'provider_staff');
    const f = await makeFacility(sql, org, { name: 'Haus am Park' });
    const a = await makeUnit(sql, org, f, { name: 'Wohngruppe Ahorn', capacityTotal: 8, freePlaces: 2 });
    const b = await makeUnit(sql, org, f, { name: 'Wohngruppe Birke', capacityTotal: 6, freePlaces: 1, lastConfirmedAt: new Date(Date.now() - 4 * 86_400_000).toISOString() });

    const page = await newPage(env.browser, PHONE);
    await loginViaForm(page, env.server.url, staff.email, PASSWORD);
    await page.getByRole('link', { name: 'Belegung', exact: true }).click();
    await page.getByRole('heading', { name: 'Belegung', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Wohngruppe Birke' }).waitFor();
    const birke = page.getByRole('article', { name: 'Wohngruppe Birke' });
    expect(await birke.locator('.freshness-label').textContent()).toContain('Unbestätigt');
    await expect(birke.getByText(/bestätigt vor 4 Tagen/).isVisible()).resolves.toBe(true);
    await noSideways(page);
    await expectAccessible(page, 'provider-capacity-360');

    // one tap: a place more is free
    await page.getByRole('button', { name: 'Ein Platz mehr frei: Wohngruppe Ahorn' }).click();
    await page.getByRole('status').filter({ hasText: 'Wohngruppe Ahorn: jetzt 3 Plätze frei' }).waitFor();
    const [ra] = await sql`select free_places, last_confirmed_at from units where id = ${a.id}`;
    expect(ra.freePlaces).toBe(3);
    await expect(page.getByRole('article', { name: 'Wohngruppe Ahorn' }).getByText('3 von 8 Plätzen frei').isVisible()).resolves.toBe(true);

    // one tap: unchanged and confirmed
    await page.getByRole('button', { name: 'Unverändert bestätigen: Wohngruppe Birke' }).click();
    await page.getByRole('status').filter({ hasText: 'Wohngruppe Birke: bestätigt, 1 Platz frei.' }).waitFor();
    await birke.locator('.freshness-fresh').waitFor();
    expect(await birke.locator('.freshness-label').textContent()).toContain('Aktuell');
    const [rb] = await sql`select free_places, last_confirmed_at from units where id = ${b.id}`;
    expect(Date.now() - Date.parse(rb.lastConfirmedAt)).toBeLessThan(60_000);
    expect(rb.freePlaces).toBe(1);

    // minus, by keyboard
    await page.getByRole('button', { name: 'Ein Platz weniger frei: Wohngruppe Birke' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Wohngruppe Birke: jetzt 0 Plätze frei' }).waitFor();
    await expect(page.getByRole('button', { name: 'Ein Platz weniger frei: Wohngruppe Birke' }).isDisabled()).resolves.toBe(true);

    // a planned vacancy
    await page.getByRole('article', { name: 'Wohngruppe Ahorn' }).getByText('Geplante Freiwerdung eintragen').click();
    await page.locator(`#pv-${a.id}-from`).fill('2099-09-01');
    await page.locator(`#pv-${a.id}-places`).fill('2');
    await page.getByRole('article', { name: 'Wohngruppe Ahorn' }).getByRole('button', { name: 'Eintragen' }).click();
    await page.getByText('ab 01.09.2099: 2 Plätze').waitFor();
    await noSideways(page);
    await expectAccessible(page, 'provider-capacity-360-after');
    await page.close();
  });

  it('the unit editor shows every attribute, names the server’s field errors and saves', async () => {
    const sql = env.server.ctx.sql;
    const org = await makeOrg(sql, 'provider');
    const staff = await makeUser(sql, org, 'provider_staff');
    const f = await makeFacility(sql, org, { name: 'Haus am See' });
    const u = await makeUnit(sql, org, f, { name: 'Wohngruppe Eiche' });
    const page = await newPage(env.browser, PHONE);
    await loginViaForm(page, env.server.url, staff.email, PASSWORD);
    await page.goto(`${env.server.url}/belegung/angebote/${u.id}`);
    await page.getByRole('heading', { name: 'Angebot bearbeiten' }).waitFor();
    expect(await page.getByLabel('Name des Angebots').inputValue()).toBe('Wohngruppe Eiche');
    await page.getByLabel('Alter bis').fill('9');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('#u-ageMax-error').waitFor();
    await noSideways(page);
    await expectAccessible(page, 'provider-unit-editor-360');
    await page.getByLabel('Alter bis').fill('18');
    await page.getByLabel('Trauma und sexualisierte Gewalt').check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Angebot „Wohngruppe Eiche“ wurde gespeichert.' }).waitFor();
    const [row] = await sql`select age_max, specialisations from units where id = ${u.id}`;
    expect(row).toEqual({ ageMax: 18, specialisations: ['trauma'] });
    await page.close();
  });

  it('a provider admin creates an API token (shown once) and previews a CSV upload; both screens are axe clean', async () => {
    const sql = env.server.ctx.sql;
    const org = await makeOrg(sql, 'provider');
    const admin = await makeUser(sql, org, 'provider_admin');
    const u = await makeUnit(sql, org, await makeFacility(sql, org), { name: 'Wohngruppe Linde', capacityTotal: 4, freePlaces: 1 });
    const page = await newPage(env.browser, PHONE);
    await loginViaForm(page, env.server.url, admin.email, PASSWORD);
    await page.getByRole('link', { name: 'API-Zugänge' }).click();
    await page.getByRole('heading', { name: 'API-Zugänge', level: 1 }).waitFor();
    await page.getByLabel(/Bezeichnung/).fill('Belegungssoftware');
    await page.getByRole('button', { name: 'Zugang erzeugen' }).click();
    const secret = await page.getByRole('textbox', { name: 'Zugangsschlüssel' }).inputValue();
    expect(secret).toMatch(/^hpb_/);
    await noSideways(page);
    await expectAccessible(page, 'provider-api-tokens-360');

    await page.getByRole('link', { name: 'CSV-Upload' }).click();
    await page.getByRole('heading', { name: 'Freie Plätze per CSV' }).waitFor();
    await page.getByLabel('Oder Inhalt einfügen').fill(`unit_id;free_places\n${u.id};9\n`);
    await page.getByRole('button', { name: 'Vorschau prüfen' }).click();
    await page.getByRole('heading', { name: 'Fehler' }).waitFor();
    await expect(page.getByRole('button', { name: 'Alle Zeilen übernehmen' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('Oder Inhalt einfügen').fill(`unit_id;free_places\n${u.id};3\n`);
    await page.getByRole('button', { name: 'Vorschau prüfen' }).click();
    await page.getByRole('status').filter({ hasText: 'Alle 1 Zeilen sind gültig' }).waitFor();
    await expectAccessible(page, 'provider-csv-360');
    await page.getByRole('button', { name: 'Alle Zeilen übernehmen' }).click();
    await page.getByRole('status').filter({ hasText: '1 Zeilen übernommen' }).waitFor();
    const [row] = await sql`select free_places from units where id = ${u.id}`;
    expect(row.freePlaces).toBe(3);

    await page.getByRole('link', { name: 'Einrichtungen' }).click();
    await page.getByRole('heading', { name: 'Einrichtungen', level: 1 }).waitFor();
    await noSideways(page);
    await expectAccessible(page, 'provider-facilities-360');
    await page.close();
  });
});
