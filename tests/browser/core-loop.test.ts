import { describe, expect, it } from 'vitest';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

const env = useBrowserAndServer();

describe('the core loop, provider and caseworker in two browsers', () => {
  it('a freed place appears in the open search, is requested, held, confirmed, and is gone from both views', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office', { name: 'Jugendamt Kernschleife' });
    const caseworker = await makeUser(sql, office, 'caseworker');
    const provider = await makeOrg(sql, 'provider', { name: 'Neiße Familienhilfe' });
    const staff = await makeUser(sql, provider, 'provider_staff');
    // Görlitz, § 19 with pregnancy: a combination no other test uses
    const facility = await makeFacility(sql, provider, { name: 'Haus Neiße', lat: 51.153, lon: 14.987, postcode: '02826', city: 'Görlitz' });
    const unit = await makeUnit(sql, provider, facility, {
      name: 'Mutter-Kind-Wohnen Neiße',
      serviceTypes: ['19'],
      specialisations: ['pregnancy'],
      ageMin: 14,
      ageMax: 21,
      genders: ['female'],
      capacityTotal: 4,
      freePlaces: 0,
    });

    // the caseworker keeps a search open: nothing yet
    const cw = await newPage(env.browser, { width: 1280, height: 900 });
    await loginViaForm(cw, env.server.url, caseworker.email, PASSWORD);
    await cw.goto(`${env.server.url}/suche`);
    await cw.getByLabel('Leistungsart').selectOption('19');
    await cw.getByLabel('Alter des Kindes (Jahre)').fill('17');
    await cw.getByLabel('Geschlecht').selectOption('female');
    await cw.getByLabel(/Bezugspunkt/).fill('02826');
    await cw.getByLabel(/Höchstens entfernt/).fill('10');
    await cw.getByRole('group', { name: /Bedarfe, die das Angebot/ }).getByLabel('Schwangerschaft und junge Eltern').check();
    await cw.getByLabel('Suche offen halten').check();
    await cw.getByRole('button', { name: 'Suchen' }).click();
    await cw.getByRole('heading', { name: 'Keine passenden Angebote.' }).waitFor();
    await cw.waitForURL(/offen=/);
    const searchUrl = cw.url();

    // a colleague has the same open search on screen
    const colleague = await newPage(env.browser, { width: 1280, height: 900 });
    await loginViaForm(colleague, env.server.url, (await makeUser(sql, office, 'caseworker')).email, PASSWORD);
    await colleague.goto(searchUrl);
    await colleague.getByText('Diese Suche ist offen').waitFor();

    // the provider frees a place on the capacity board
    const pv = await newPage(env.browser, { width: 360, height: 740 });
    await loginViaForm(pv, env.server.url, staff.email, PASSWORD);
    await pv.getByRole('link', { name: 'Belegung', exact: true }).click();
    await pv.getByRole('button', { name: 'Ein Platz mehr frei: Mutter-Kind-Wohnen Neiße' }).click();
    await pv.getByRole('status').filter({ hasText: 'jetzt 1 Plätze frei' }).or(pv.getByRole('status').filter({ hasText: 'jetzt 1 Platz frei' })).waitFor();

    // without a reload, the open search shows it
    const card = cw.locator('.result', { hasText: 'Mutter-Kind-Wohnen Neiße' });
    await card.waitFor();
    await expect(card.getByText('neu').isVisible()).resolves.toBe(true);
    await expectAccessible(cw, 'core-loop-search-new-match');

    // the caseworker sends a request
    await cw.getByLabel('Für Anfrage auswählen: Mutter-Kind-Wohnen Neiße').check();
    await cw.getByRole('button', { name: 'Anfrage an 1 ausgewähltes Angebot' }).click();
    await cw.getByLabel(/Aktenzeichen Ihres Amts/).fill('ASD-2026-7781');
    await cw.getByLabel(/Alter in Jahren/).fill('17');
    await cw.getByLabel(/Gewünschter Beginn/).fill('2026-12-07');
    await cw.getByRole('radio', { name: 'Regulär' }).check();
    await cw.getByRole('button', { name: 'Anfrage senden' }).click();
    await cw.getByRole('heading', { name: 'Mutter-Kind-Wohnen Neiße' }).waitFor();

    // the provider accepts
    await pv.getByRole('link', { name: 'Anfragen' }).click();
    await pv.getByRole('link', { name: 'Anfrage an Mutter-Kind-Wohnen Neiße öffnen' }).click();
    await pv.getByRole('button', { name: 'Zusagen und Platz reservieren' }).click();
    await pv.locator('.status-badge', { hasText: 'zugesagt' }).waitFor();
    await expectAccessible(pv, 'core-loop-provider-accepted-360');

    // the caseworker confirms as soon as the answer arrives
    await cw.getByRole('button', { name: 'Belegung bestätigen' }).click();
    await cw.locator('.status-badge', { hasText: 'Belegung bestätigt' }).waitFor();

    // the provider's board shows the place taken
    await pv.getByRole('link', { name: 'Belegung', exact: true }).click();
    const board = pv.getByRole('article', { name: 'Mutter-Kind-Wohnen Neiße' });
    await board.getByText('0 von 4 Plätzen frei').waitFor();
    const [row] = await sql`select free_places, held_places from units where id = ${unit.id}`;
    expect(row).toEqual({ freePlaces: 0, heldPlaces: 0 });

    // and the open search no longer offers it: marked on the colleague's screen, live
    const gone = colleague.locator('.result', { hasText: 'Mutter-Kind-Wohnen Neiße' });
    await gone.getByText('nicht mehr passend').waitFor();
    expect(await colleague.getByLabel('Für Anfrage auswählen: Mutter-Kind-Wohnen Neiße').count()).toBe(0);
    await expectAccessible(colleague, 'core-loop-search-match-gone');
    for (const p of [cw, colleague, pv]) await p.close();
  });
});
