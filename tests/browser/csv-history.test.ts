import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/** What Excel writes in Germany for "CSV (Trennzeichen-getrennt)": Windows-1252. */
const cp1252 = (s: string) => Buffer.from([...s].map((ch) => ({ ä: 0xe4, ö: 0xf6, ü: 0xfc, Ä: 0xc4, ß: 0xdf })[ch] ?? ch.charCodeAt(0)));

async function provider() {
  const sql = env.server.ctx.sql;
  const org = await makeOrg(sql, 'provider', { name: 'Träger Verlauf' });
  const staff = await makeUser(sql, org, 'provider_staff');
  await sql`update users set display_name = 'Jana Beispiel' where id = ${staff.id}`;
  const f = await makeFacility(sql, org, { name: 'Haus Lindenhof' });
  const a = await makeUnit(sql, org, f, { name: 'Wohngruppe Ahorn', capacityTotal: 8, freePlaces: 2 });
  const b = await makeUnit(sql, org, f, { name: 'Wohngruppe Buche', capacityTotal: 4, freePlaces: 1 });
  // five requests answered after 10 to 50 minutes: "meist innerhalb von 30 Min."
  const office = await makeOrg(sql, 'office');
  const cw = await makeUser(sql, office, 'caseworker');
  for (const [i, m] of [10, 20, 30, 40, 50].entries()) {
    const created = new Date(Date.now() - 26 * 3_600_000);
    await sql`insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start, urgency, status, answered_at, created_at)
      values (${randomUUID()}, ${office.id}, ${cw.id}, ${a.id}, ${org.id}, ${`AZ-V-${i}`}, 12, 'female', current_date, 'regular', 'question', ${new Date(created.getTime() + m * 60_000)}, ${created})`;
  }
  return { sql, org, staff, a, b };
}

describe('providers see their own figures and keep them in Excel', () => {
  it('the board shows answer times beside the region and each unit\'s confirmation history (360 and 1366 px)', async () => {
    const p = await provider();
    for (const [size, name] of [[PHONE, 'provider-history-360'], [DESK, 'provider-history-1366']] as const) {
      const page = await newPage(env.browser, size);
      await loginViaForm(page, env.server.url, p.staff.email, PASSWORD);
      await page.getByRole('link', { name: 'Belegung', exact: true }).click();
      const answers = page.getByRole('region', { name: /Ihre Antwortzeiten \(letzte 90 Tage\)/ });
      await answers.getByText('antwortet meist innerhalb von 30 Min.').waitFor();
      await answers.getByText(/Zum Vergleich, alle Träger der Region \(Median\):/).waitFor();
      const ahorn = page.getByRole('article', { name: 'Wohngruppe Ahorn' });
      await ahorn.getByRole('button', { name: 'Unverändert bestätigen: Wohngruppe Ahorn' }).click();
      await page.getByRole('status').filter({ hasText: 'Wohngruppe Ahorn: bestätigt' }).waitFor();
      await ahorn.getByText('Verlauf der Bestätigungen').click();
      const list = ahorn.getByRole('list', { name: 'Bestätigungen von Wohngruppe Ahorn, neueste zuerst' });
      await list.getByText('auf der Belegungstafel bestätigt von Jana Beispiel').first().waitFor();
      await list.getByText('bestätigt (vor Beginn des Verlaufs, ohne Angabe wer)').waitFor();
      await noSideways(page, size.width);
      await expectAccessible(page, name);
      await page.close();
    }
  });

  it('downloads the list for Excel, uploads it back as Windows-1252, and names a wrong cell in German', async () => {
    const p = await provider();
    const page = await newPage(env.browser, PHONE);
    await loginViaForm(page, env.server.url, p.staff.email, PASSWORD);
    await page.getByRole('link', { name: 'CSV-Upload' }).click();
    await page.getByRole('heading', { name: 'Freie Plätze per CSV' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Liste mit Ihren Angeboten herunterladen/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^freie-plaetze-\d{4}-\d\d-\d\d\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\ufeffID;Eigene Kennung;Einrichtung;Angebot;Plätze gesamt;')).toBe(true);
    expect(text).toContain(`${p.a.id};;Haus Lindenhof;Wohngruppe Ahorn;8;0;2;`);

    // a wrong cell: Ahorn's free places read "zwei"
    const wrong = text.replace(/^\ufeff/, '').replace(`Wohngruppe Ahorn;8;0;2;`, `Wohngruppe Ahorn;8;0;zwei;`);
    await page.getByLabel('CSV-Datei').setInputFiles({ name: 'belegung.csv', mimeType: 'text/csv', buffer: cp1252(wrong) });
    await page.getByRole('button', { name: 'Vorschau prüfen' }).click();
    const errors = page.getByRole('region', { name: 'Fehler' });
    await errors.getByRole('row', { name: /2 G \(Freie Plätze\) Hier muss eine ganze Zahl ab 0 stehen\./ }).waitFor();
    await noSideways(page, PHONE.width);
    await expectAccessible(page, 'provider-csv-errors-360');

    // fixed in Excel, names changed too (ignored): Ahorn 3 free, Buche 0
    const fixed = wrong.replace('Wohngruppe Ahorn;8;0;zwei;', 'Ahorn (neu);8;0;3;').replace('Wohngruppe Buche;4;0;1;', 'Buche;4;0;0;');
    await page.getByLabel('CSV-Datei').setInputFiles({ name: 'belegung.csv', mimeType: 'text/csv', buffer: cp1252(fixed) });
    await page.getByRole('button', { name: 'Vorschau prüfen' }).click();
    await page.getByRole('status').filter({ hasText: 'Alle 2 Zeilen sind gültig. Noch ist nichts geändert. Gelesen als Windows-1252.' }).waitFor();
    await page.getByRole('button', { name: 'Alle Zeilen übernehmen' }).click();
    await page.getByRole('status').filter({ hasText: '2 Zeilen übernommen' }).waitFor();
    const rows = await p.sql`select name, free_places from units where id in (${p.a.id}, ${p.b.id}) order by name`;
    expect(rows).toEqual([
      { name: 'Wohngruppe Ahorn', freePlaces: 3 },
      { name: 'Wohngruppe Buche', freePlaces: 0 },
    ]);
    await page.close();
  });
});
