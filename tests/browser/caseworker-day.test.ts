import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeServiceType } from '../api/search-fixtures';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { scanScreen, taxonomyCodes } from '../helpers/screen-scan';

const env = useBrowserAndServer();

/** Passau, with a type of service of this test's own, so other tests' units stay out. */
async function setup() {
  const sql = env.server.ctx.sql;
  const st = await makeServiceType(sql);
  const office = await makeOrg(sql, 'office');
  const caseworker = await makeUser(sql, office, 'caseworker');
  const provider = await makeOrg(sql, 'provider', { name: 'Dreiflüsse Jugendhilfe' });
  const facility = await makeFacility(sql, provider, { lat: 48.5665, lon: 13.4312, postcode: '94032', city: 'Passau' });
  const attrs = { serviceTypes: [st], specialisations: ['trauma'], genders: ['male', 'diverse'] };
  const innstadt = await makeUnit(sql, provider, facility, { ...attrs, name: 'Wohngruppe Innstadt', ageMin: 12, ageMax: 17, freePlaces: 2 });
  const ilz = await makeUnit(sql, provider, facility, { ...attrs, name: 'Wohngruppe Ilzstadt', ageMin: 4, ageMax: 9, freePlaces: 1 });
  const [type] = await sql`select name_de from service_types where code = ${st}`;
  return { sql, st, stLabel: `Test ${type.nameDe}`, office, caseworker, innstadt, ilz, codes: await taxonomyCodes(sql) };
}

describe("the caseworker's day", () => {
  it('phone: a fresh search to a sent request in 3 actions, criteria carried over, state kept through back, forward and reload', async () => {
    const s = await setup();
    const page = await newPage(env.browser, { width: 360, height: 740 });
    await loginViaForm(page, env.server.url, s.caseworker.email, PASSWORD);
    await page.goto(`${env.server.url}/suche`);
    await page.getByLabel('Leistungsart').selectOption(s.st);
    await page.getByLabel('Alter des Kindes (Jahre)').fill('13');
    await page.getByLabel('Geschlecht').selectOption('male');
    await page.getByRole('group', { name: /Bedarfe, die das Angebot/ }).getByLabel('Trauma und sexualisierte Gewalt').check();
    await page.getByLabel(/Bezugspunkt/).fill('Koeln');
    await page.getByLabel(/Bezugspunkt/).fill('Passau');
    await page.getByLabel(/Höchstens entfernt/).fill('10');
    await page.getByLabel('Aktenzeichen (optional)').fill('AZ-PA-13');
    await page.getByRole('button', { name: 'Suchen' }).click();
    const heading = page.getByRole('heading', { name: '1 Treffer' });
    await heading.waitFor();

    // phone first: the results come first, the form is folded into a one-line summary
    await expect(page.locator('form.search-form').isHidden()).resolves.toBe(true);
    const summary = page.locator('.search-summary');
    await expect(summary.textContent()).resolves.toMatch(/13 Jahre · männlich · Trauma und sexualisierte Gewalt · Passau · höchstens 10 km/);
    expect((await heading.boundingBox())!.y).toBeLessThan(740);
    await page.getByText('Warum passt das?').click();
    await page.getByText(/Geschlecht: gesucht: männlich; Angebot: männlich, divers/).waitFor();
    await page.getByText(/Verfügbarkeit: gesucht: 1 Platz jetzt; Angebot: 2 Plätze jetzt/).waitFor();
    await page.getByText(/Aktualität: gesucht: nicht veraltet; Angebot: aktuell/).waitFor();
    await expectAccessible(page, 'day-results-360');
    await scanScreen(page, 'search results 360', s.codes);

    // from here, every action of the caseworker is counted
    let actions = 0;
    const act = async (step: () => Promise<unknown>) => {
      actions++;
      await step();
    };
    await act(() => page.getByLabel('Für Anfrage auswählen: Wohngruppe Innstadt').check());
    await act(() => page.getByRole('button', { name: 'Anfrage an 1 ausgewähltes Angebot' }).click());
    await page.getByRole('heading', { name: 'Belegungsanfrage stellen' }).waitFor();
    // what was searched for is there, nothing else was filled in for the caseworker
    expect(await page.getByLabel(/Aktenzeichen Ihres Amts/).inputValue()).toBe('AZ-PA-13');
    expect(await page.getByLabel(/Alter in Jahren/).inputValue()).toBe('13');
    expect(await page.getByLabel(/^Geschlecht/).inputValue()).toBe('male');
    await expect(page.getByRole('group', { name: 'Bedarfe' }).getByLabel('Trauma und sexualisierte Gewalt').isChecked()).resolves.toBe(true);
    await page.getByText('Bezugspunkt der Suche: Passau').waitFor();
    await expectAccessible(page, 'day-compose-360');
    await scanScreen(page, 'compose 360', s.codes);

    // back: the search with its results and the selection; forward: the composer again
    await page.goBack();
    await page.getByRole('heading', { name: '1 Treffer' }).waitFor();
    await expect(page.getByLabel('Für Anfrage auswählen: Wohngruppe Innstadt').isChecked()).resolves.toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: '1 Treffer' }).waitFor();
    await expect(page.getByLabel('Für Anfrage auswählen: Wohngruppe Innstadt').isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Suche ändern' }).click();
    expect(await page.getByLabel('Alter des Kindes (Jahre)').inputValue()).toBe('13');
    expect(await page.getByLabel(/Bezugspunkt/).inputValue()).toBe('Passau');
    await page.goForward();
    await page.getByRole('heading', { name: 'Belegungsanfrage stellen' }).waitFor();

    // the start and the urgency are the caseworker's choice, never assumed
    expect(await page.getByLabel(/Gewünschter Beginn/).inputValue()).toBe('');
    await expect(page.getByRole('radio', { name: 'Regulär' }).isChecked()).resolves.toBe(false);
    await act(() => page.getByLabel(/Gewünschter Beginn/).fill('2026-12-07'));
    await act(() => page.getByRole('radio', { name: 'Regulär' }).check());
    await act(() => page.getByRole('button', { name: 'Anfrage senden' }).click());
    await page.getByRole('heading', { name: 'Wohngruppe Innstadt' }).waitFor();
    expect(actions).toBeLessThanOrEqual(8);
    const [sent] = await s.sql`select case_ref, child_age, child_gender, needs, reference_label from placement_requests where unit_id = ${s.innstadt.id}`;
    expect(sent).toEqual({ caseRef: 'AZ-PA-13', childAge: 13, childGender: 'male', needs: ['trauma'], referenceLabel: 'Passau' });
    await page.getByText('Trauma und sexualisierte Gewalt').waitFor();
    await scanScreen(page, 'request detail 360', s.codes);

    // the case view: everything for this case reference, printable and as CSV
    await page.getByRole('link', { name: 'alles zu diesem Fall' }).click();
    await page.getByRole('heading', { name: 'Fall AZ-PA-13' }).waitFor();
    await page.getByRole('cell', { name: 'Anfrage gesendet' }).waitFor();
    await expectAccessible(page, 'day-case-360');
    await scanScreen(page, 'case view 360', s.codes);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als CSV herunterladen' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toMatch(/^\ufeff"Zeitpunkt";"Ereignis";"Angebot oder Suche"/);
    expect(csv).toMatch(/"Anfrage gesendet";"Wohngruppe Innstadt";"Dreiflüsse Jugendhilfe"/);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).isHidden()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Drucken oder als PDF speichern' }).isHidden()).resolves.toBe(true);
    await page.close();
  });

  it('nothing defaulted, the same child never asked twice, colleagues see every running request with its count', async () => {
    const s = await setup();
    const colleague = await makeUser(s.sql, s.office, 'caseworker');
    const page = await newPage(env.browser, { width: 1280, height: 900 });
    await loginViaForm(page, env.server.url, s.caseworker.email, PASSWORD);
    const compose = `${env.server.url}/anfragen/neu?units=${s.innstadt.id}&names=${encodeURIComponent(JSON.stringify({ [s.innstadt.id]: 'Wohngruppe Innstadt' }))}`;
    await page.goto(compose);
    expect(await page.getByLabel(/^Geschlecht/).inputValue()).toBe('');
    expect(await page.getByLabel(/Gewünschter Beginn/).inputValue()).toBe('');
    await expect(page.getByRole('radio', { name: 'Regulär' }).isChecked()).resolves.toBe(false);
    await expect(page.getByRole('radio', { name: 'Notfall' }).isChecked()).resolves.toBe(false);
    await page.getByLabel(/Aktenzeichen Ihres Amts/).fill('AZ-1');
    await page.getByLabel(/Alter in Jahren/).fill('14');
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await page.locator('#c-gender-error', { hasText: 'Bitte das Geschlecht wählen.' }).waitFor();
    await page.locator('#c-start-error', { hasText: 'Bitte ein Datum angeben.' }).waitFor();
    await page.locator('#c-urgency-error', { hasText: 'Bitte wählen: regulär oder Notfall.' }).waitFor();
    await scanScreen(page, 'compose error', s.codes);
    await page.getByLabel(/^Geschlecht/).selectOption('male');
    await page.getByLabel(/Gewünschter Beginn/).fill('2026-12-07');
    await page.getByRole('radio', { name: 'Regulär' }).check();
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await page.getByRole('heading', { name: 'Wohngruppe Innstadt' }).waitFor();
    await page.close();

    const other = await newPage(env.browser, { width: 360, height: 740 });
    await loginViaForm(other, env.server.url, colleague.email, PASSWORD);
    await other.goto(compose);
    await other.getByText('1 laufende Anfrage Ihres Amts an dieses Angebot').waitFor();
    await other.getByText(/Aktenzeichen AZ-1: offen/).waitFor();
    await other.getByLabel(/Aktenzeichen Ihres Amts/).fill('az-1');
    await other.getByText('Für dieses Aktenzeichen läuft schon eine Anfrage an dieses Angebot.').first().waitFor();
    await expectAccessible(other, 'day-compose-running-360');
    await scanScreen(other, 'compose running 360', s.codes);
    // another child may be asked for
    await other.getByLabel(/Aktenzeichen Ihres Amts/).fill('AZ-2');
    await other.getByLabel(/Alter in Jahren/).fill('15');
    await other.getByLabel(/^Geschlecht/).selectOption('diverse');
    await other.getByLabel(/Gewünschter Beginn/).fill('2026-12-07');
    await other.getByRole('radio', { name: 'Regulär' }).check();
    await other.getByRole('button', { name: 'Anfrage senden' }).click();
    await other.getByRole('heading', { name: 'Wohngruppe Innstadt' }).waitFor();
    await other.close();
  });

  it('towns as written, a choice when ambiguous, browsing without age, open searches named and not opened twice', async () => {
    const s = await setup();
    const page = await newPage(env.browser, { width: 1280, height: 900 });
    await loginViaForm(page, env.server.url, s.caseworker.email, PASSWORD);
    await page.goto(`${env.server.url}/suche`);
    await page.getByLabel('Leistungsart').selectOption(s.st);
    await page.getByLabel(/Bezugspunkt/).fill('Neukirchen');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.locator('#s-ref-error', { hasText: '„Neukirchen“ ist nicht eindeutig.' }).waitFor();
    const choices = page.getByRole('group', { name: 'Welcher Ort ist gemeint?' });
    await expect(choices.getByRole('button').count()).resolves.toBeGreaterThan(1);
    await scanScreen(page, 'ambiguous town', s.codes);
    await page.getByLabel(/Bezugspunkt/).fill('Passau-Innstadt');
    await page.getByRole('button', { name: 'Suchen' }).click();
    // no age, no gender: what is free, by type of service and distance
    await page.getByRole('heading', { name: '2 Treffer' }).waitFor();
    await page.getByText('Bezugspunkt: Passau').waitFor();
    await page.getByText(s.stLabel).first().waitFor();
    await scanScreen(page, 'browse', s.codes);

    await page.getByLabel('Alter des Kindes (Jahre)').fill('6');
    await page.getByLabel('Aktenzeichen (optional)').fill('AZ-ILZ');
    await page.getByLabel('Suche offen halten').check();
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(/offen=/);
    await page.getByText('AZ-ILZ:').waitFor();
    await page.getByText('1 offene Suche Ihres Amts').click();
    await page.getByRole('listitem').filter({ hasText: 'AZ-ILZ' }).getByText('1 Treffer').waitFor();
    // reload keeps the form of the open search
    await page.reload();
    await page.getByText('AZ-ILZ:').waitFor();
    expect(await page.getByLabel('Alter des Kindes (Jahre)').inputValue()).toBe('6');
    expect(await page.getByLabel('Aktenzeichen (optional)').inputValue()).toBe('AZ-ILZ');
    // the same search again is offered for reuse
    await page.getByLabel('Suche offen halten').check();
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByText('Sie haben diese Suche schon offen: „AZ-ILZ“.').waitFor();
    await expectAccessible(page, 'day-open-duplicate');
    await scanScreen(page, 'open duplicate', s.codes);
    expect(await s.sql`select search_id from open_search_cases where case_ref = 'AZ-ILZ'`).toHaveLength(1);
    await page.close();
  });
});
