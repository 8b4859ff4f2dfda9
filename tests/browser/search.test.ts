import { describe, expect, it } from 'vitest';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { login, makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

const env = useBrowserAndServer();

describe('caseworker search in the browser', () => {
  it('list and map side by side, explained results, an open search that updates live', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office');
    const caseworker = await makeUser(sql, office, 'caseworker');
    const provider = await makeOrg(sql, 'provider', { name: 'Förde Jugendhilfe' });
    const staff = await login(env.server.http, await makeUser(sql, provider, 'provider_staff'));
    // Flensburg, with a rare combination of attributes, so other tests' units stay out
    const facility = await makeFacility(sql, provider, { lat: 54.782, lon: 9.437, postcode: '24937', city: 'Flensburg' });
    const attrs = { serviceTypes: ['35a-stat'], specialisations: ['autism', 'school-refusal'], ageMin: 8, ageMax: 16 };
    await makeUnit(sql, provider, facility, { ...attrs, name: 'Wohngruppe Fördeblick', freePlaces: 1 });
    const later = await makeUnit(sql, provider, facility, { ...attrs, name: 'Wohngruppe Mürwik', freePlaces: 0 });

    const page = await newPage(env.browser, { width: 1280, height: 900 });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await loginViaForm(page, env.server.url, caseworker.email, PASSWORD);
    await page.getByRole('link', { name: 'Suche' }).click();
    await page.getByRole('heading', { name: 'Passende Plätze suchen' }).waitFor();
    await page.getByLabel('Leistungsart').selectOption('35a-stat');
    await page.getByLabel('Alter des Kindes (Jahre)').fill('12');
    await page.getByLabel(/Bezugspunkt/).fill('24937');
    await page.getByLabel(/Höchstens entfernt/).fill('5');
    await page.getByRole('group', { name: /Bedarfe, die das Angebot/ }).getByLabel('Autismus-Spektrum').check();
    await page.getByRole('group', { name: /Bedarfe, die das Angebot/ }).getByLabel('Schulverweigerung').check();
    await page.getByLabel('Suche offen halten').check();
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('heading', { name: '1 Treffer' }).waitFor();
    await page.getByText('Diese Suche ist offen').waitFor();
    const list = page.getByRole('region', { name: 'Trefferliste' });
    await list.getByText('Wohngruppe Fördeblick').waitFor();
    // the same results on the map, as markers with names
    await page.locator('.leaflet-marker-icon[title*="Wohngruppe Fördeblick"]').waitFor();
    // the explanation is there, not a score
    await list.getByText('Warum passt das?').click();
    await list.getByText(/Bedarfe: gesucht: Autismus-Spektrum, Schulverweigerung/).waitFor();
    await expectAccessible(page, 'search-open-caseworker');

    // a provider frees a place elsewhere: the open search shows it without a reload
    const res = await staff.post(`/api/v1/units/${later.id}/availability`, { freePlaces: 2 });
    expect(res.status).toBe(200);
    const added = list.locator('.result', { hasText: 'Wohngruppe Mürwik' });
    await added.waitFor();
    await expect(added.getByText('neu').isVisible()).resolves.toBe(true);
    await page.locator('[aria-live="polite"]', { hasText: 'Neuer Treffer: Wohngruppe Mürwik' }).waitFor();
    await expectAccessible(page, 'search-live-added');

    // choose it and go to the request composer with it
    await page.getByLabel('Für Anfrage auswählen: Wohngruppe Mürwik').check();
    await page.getByRole('button', { name: 'Anfrage an 1 ausgewähltes Angebot' }).click();
    await page.getByRole('heading', { name: 'Belegungsanfrage stellen' }).waitFor();
    await page.getByText('Wohngruppe Mürwik').waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows the server message for bad input next to the field and keeps the input', async () => {
    const office = await makeOrg(env.server.ctx.sql, 'office');
    const caseworker = await makeUser(env.server.ctx.sql, office, 'caseworker');
    const page = await newPage(env.browser, { width: 360, height: 740 });
    await loginViaForm(page, env.server.url, caseworker.email, PASSWORD);
    await page.goto(`${env.server.url}/suche`);
    await page.getByLabel('Alter des Kindes (Jahre)').fill('250');
    await page.getByLabel(/Bezugspunkt/).fill('50667');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.locator('#s-age-error').waitFor();
    expect(await page.getByLabel('Alter des Kindes (Jahre)').inputValue()).toBe('250');
    expect(await page.getByLabel('Alter des Kindes (Jahre)').getAttribute('aria-invalid')).toBe('true');
    // the error summary takes the focus and leads to the field
    const summary = page.getByRole('group', { name: 'Bitte prüfen Sie diese Angaben:' });
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await summary.getByRole('link', { name: /^Alter des Kindes \(Jahre\):/ }).click();
    expect(await page.getByLabel('Alter des Kindes (Jahre)').evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'search-error-360');
    await page.close();
  });
});
