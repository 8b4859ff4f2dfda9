import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

const PHONE = { width: 360, height: 740 };
const DESK = { width: 1366, height: 900 };
const env = useBrowserAndServer();

async function noSideways(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe('Aufnahmestopp and admittable places in the browser', () => {
  it('the board pauses with a prefilled reason and date, states the admittable figure; the search lists the paused unit apart', async () => {
    const sql = env.server.ctx.sql;
    const provider = await makeOrg(sql, 'provider', { name: 'Träger Pausetest' });
    const staff = await makeUser(sql, provider, 'provider_staff');
    // Görlitz, with a rare combination, so other tests' units stay out of the search
    const f = await makeFacility(sql, provider, { name: 'Haus Neiße', lat: 51.152, lon: 14.987, postcode: '02826', city: 'Görlitz' });
    const attrs = { serviceTypes: ['35a-stat'], specialisations: ['autism', 'delinquency'], ageMin: 9, ageMax: 15 };
    await makeUnit(sql, provider, f, { ...attrs, name: 'Gruppe Pause', capacityTotal: 6, freePlaces: 2 });
    await makeUnit(sql, provider, f, { ...attrs, name: 'Gruppe Offen', capacityTotal: 8, freePlaces: 3 });

    const page = await newPage(env.browser, PHONE);
    await loginViaForm(page, env.server.url, staff.email, PASSWORD);
    await page.getByRole('link', { name: 'Belegung', exact: true }).click();
    const pauseCard = page.getByRole('article', { name: 'Gruppe Pause' });
    await pauseCard.getByText('Aufnahmestopp eintragen').click();
    await pauseCard.getByRole('button', { name: 'Aufnahmestopp für Gruppe Pause setzen' }).click();
    await page.getByRole('status').filter({ hasText: /Gruppe Pause: Aufnahmestopp bis \d\d\.\d\d\.\d{4}/ }).waitFor();
    await pauseCard.getByText(/Aufnahmestopp bis .* Personalmangel/).waitFor();

    const open = page.getByRole('article', { name: 'Gruppe Offen' });
    await open.getByText('Jetzt aufnehmbar (Personallage)').click();
    await open.getByLabel('Wie viele können Sie jetzt aufnehmen?').fill('1');
    await open.getByRole('button', { name: 'Speichern' }).click();
    await open.getByText('Jetzt aufnehmbar: 1 von 3 freien Plätzen').waitFor();
    await noSideways(page, PHONE.width);
    await expectAccessible(page, 'provider-pause-360');
    const [row] = await sql`select paused_reason, admittable_places from units where name = 'Gruppe Offen' and owner_id = ${provider.id}`;
    expect(row).toMatchObject({ pausedReason: null, admittablePlaces: 1 });
    await page.close();

    const office = await makeOrg(sql, 'office');
    const caseworker = await makeUser(sql, office, 'caseworker');
    const search = await newPage(env.browser, DESK);
    await loginViaForm(search, env.server.url, caseworker.email, PASSWORD);
    await search.getByRole('link', { name: 'Suche' }).click();
    await search.getByLabel('Leistungsart').selectOption('35a-stat');
    await search.getByLabel('Alter des Kindes (Jahre)').fill('12');
    await search.getByLabel(/Bezugspunkt/).fill('02826');
    await search.getByLabel(/Höchstens entfernt/).fill('5');
    await search.getByRole('group', { name: /Bedarfe, die das Angebot/ }).getByLabel('Autismus-Spektrum').check();
    await search.getByRole('group', { name: /Bedarfe, die das Angebot/ }).getByLabel('Delinquenz').check();
    await search.getByRole('button', { name: 'Suchen' }).click();
    await search.getByRole('heading', { name: '1 Treffer' }).waitFor();
    const list = search.getByRole('region', { name: 'Trefferliste' });
    await list.getByText(/davon jetzt aufnehmbar: 1/).waitFor();
    await list.getByRole('heading', { name: 'Mit Aufnahmestopp (1)' }).waitFor();
    await list.getByText(/Aufnahmestopp bis \d\d\.\d\d\.\d{4} \(Personalmangel\)/).waitFor();
    await noSideways(search, DESK.width);
    await expectAccessible(search, 'search-paused-1366');

    // the filter sits with the other options (includeStale) in the collapsed section
    await search.locator('form details summary').first().click();
    await search.getByLabel('Angebote mit Aufnahmestopp ausblenden').check();
    await search.getByRole('button', { name: 'Suchen' }).click();
    // the new answer replaces the list: the paused section goes, the open unit stays
    await list.getByRole('heading', { name: /Mit Aufnahmestopp/ }).waitFor({ state: 'detached' });
    await search.getByRole('heading', { name: '1 Treffer' }).waitFor();
    await list.getByText(/davon jetzt aufnehmbar: 1/).waitFor();
    await list.getByText(/Antwortzeit: noch zu wenige Anfragen/).first().waitFor();
    await search.close();
  });
});
