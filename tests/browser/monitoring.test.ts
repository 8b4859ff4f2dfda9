import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/schemas/common';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser, PASSWORD, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// Greiz (16076): a district of this file's own, so the figures shown are the ones made here.
const D = '16076';
const GREIZ = { lat: 50.655, lon: 12.2 };
const t = useBrowserAndServer();
let orgs: Record<string, OrgRow>;
beforeAll(async () => {
  orgs = await seed();
});

async function seed() {
  const sql = t.server.ctx.sql;
  const office = await makeOrg(sql, 'office', { districtAgs: D, name: 'Jugendamt Monitoring-Test' });
  const provider = await makeOrg(sql, 'provider', { districtAgs: D, name: 'Träger Monitoring-Test' });
  const platform = await makeOrg(sql, 'platform');
  const f = await makeFacility(sql, provider, { ...GREIZ, postcode: '07973', city: 'Greiz' });
  const unit = await makeUnit(sql, provider, f, { name: 'Wohngruppe Greiz', freePlaces: 3 });
  await sql`update units set district_ags = ${D} where id = ${unit.id}`;
  // six searches that found nothing, near the unit: one row of unmet demand the provider sees too
  for (let i = 0; i < 6; i++) {
    await sql`insert into search_log (office_id, district_ags, service_type, age, gender, ref_lat, ref_lon, result_count, binding_constraint, relaxed_found)
      values (${office.id}, ${D}, '34', 15, 'female', 50.7, 12.2, 0, 'secure', 1)`;
  }
  // a browse without an age and an emergency search (kinds), and ten days of supply snapshots (trend)
  await sql`insert into search_log (kind, office_id, district_ags, age, result_count) values ('browse', ${office.id}, ${D}, null, 3), ('emergency', ${office.id}, ${D}, 12, 1)`;
  await sql`insert into supply_snapshots (taken_at, district_ags, service_type, units, free_places, held_places)
    select date_trunc('minute', now()) - make_interval(days => d, mins => 7), ${D}, '*', 1, 10 - d, 0 from generate_series(1, 10) d`;
  return { office, provider, platform };
}

const ROLES: [Role, 'office' | 'provider' | 'platform', RegExp][] = [
  ['caseworker', 'office', /Monitoring Ihres Jugendamts/],
  ['office_admin', 'office', /Monitoring Ihres Jugendamts/],
  ['platform_admin', 'platform', /Monitoring der Region/],
  ['provider_admin', 'provider', /Monitoring Ihres Trägers/],
];

describe('monitoring dashboards (screenshots in test-artifacts/)', () => {
  it.each(ROLES)('%s: axe-clean at 1366×900 and 360×740, no sideways scrolling, unmet demand shown', async (role, kind, title) => {
    const user = await makeUser(t.server.ctx.sql, orgs[kind], role);
    for (const [width, height] of [[1366, 900], [360, 740]]) {
      const page = await newPage(t.browser, { width, height });
      await loginViaForm(page, t.server.url, user.email, PASSWORD);
      const query = role === 'platform_admin' ? `?tage=30&kreis=${D}&bereich=district` : '?tage=30';
      await page.goto(`${t.server.url}/monitoring${query}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const unmet = role === 'provider_admin' ? /Suchen ohne Treffer in Ihrer Nähe/ : /Suchen ohne Treffer nach Merkmalen/;
      await page.getByRole('heading', { name: unmet }).waitFor();
      const table = page.getByRole('region', { name: unmet });
      const first = await table.getByRole('row').nth(1).innerText();
      expect(first).toContain('Heimerziehung');
      expect(first).toMatch(/\b6\b/);
      if (role !== 'provider_admin') {
        // the trend of available places: a sentence and a table of its days (9 on the 1st day back, 0 on the 10th)
        const trend = page.getByRole('region', { name: 'Verlauf der verfügbaren Plätze' }).first();
        await expect.poll(() => trend.locator('.figure-summary').innerText()).toMatch(/Verfügbare Plätze: 0 am .*, 9 am .*höchster Stand 9/);
        expect(await trend.getByRole('row').count()).toBe(11);
        const kinds = await page.getByRole('region', { name: 'Suchen nach Art' }).first().innerText();
        expect(kinds).toContain('Stöbern ohne Alter');
        expect(kinds).toContain('Notfallsuche');
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, `monitoring-${role}-${width}`);
      await page.close();
    }
  });

  it('charts: Plot SVGs named as images, "< 5" drawn as such, German numbers and dates; headline says rows overlap', async () => {
    const user = await makeUser(t.server.ctx.sql, orgs.office, 'office_admin');
    const page = await newPage(t.browser, { width: 1366, height: 900 });
    await loginViaForm(page, t.server.url, user.email, PASSWORD);
    await page.goto(`${t.server.url}/monitoring?tage=30`);
    // searches by kind: 6 searches with an age, 1 browse and 1 emergency search (each "< 5", never 0)
    const kinds = page.getByRole('img', { name: 'Grafik: Suchen nach Art' });
    await kinds.waitFor();
    expect(await kinds.evaluate((svg) => svg.tagName)).toBe('svg');
    expect(await kinds.getAttribute('aria-describedby')).toBeTruthy();
    const texts = await kinds.locator('g.values text').allTextContents();
    expect(texts.toSorted()).toEqual(['6', '< 5', '< 5']);
    expect(await kinds.locator('[stroke-dasharray] rect').count()).toBe(2);
    // the trend: a line with a titled dot per day, dates and numbers in German
    const trend = page.getByRole('img', { name: 'Grafik: Verlauf der verfügbaren Plätze' });
    await trend.waitFor();
    const titles = await trend.locator('title').allTextContents();
    expect(titles).toHaveLength(10);
    expect(titles[0]).toMatch(/^\d{1,2}\.\d{1,2}\.\d{2}: 0$/);
    expect(titles[9]).toMatch(/^\d{1,2}\.\d{1,2}\.\d{2}: 9$/);
    expect(await trend.locator('g[aria-label], [aria-description]').count()).toBe(0);
    // the supply headline counts units once; the per-type rows say why they may add up to more
    expect(await page.getByRole('region', { name: 'Angebot', exact: true }).locator('p').first().innerText()).toBe('Jetzt 3 verfügbare Plätze (frei minus reserviert) in 1 Angebot.');
    expect(await page.getByRole('region', { name: 'Verfügbare Plätze nach Hilfeart' }).first().innerText()).toContain('zählt bei jeder; die Zeilen ergeben zusammen daher mehr');
    await page.close();
  });

  it('demand: every breakdown of the API behind two selects, in the URL, each with chart, sentence, table and CSV', async () => {
    const user = await makeUser(t.server.ctx.sql, orgs.office, 'office_admin');
    const page = await newPage(t.browser, { width: 1366, height: 900 });
    await loginViaForm(page, t.server.url, user.email, PASSWORD);
    await page.goto(`${t.server.url}/monitoring?tage=30`);
    await page.getByRole('heading', { name: 'Suchen nach Hilfeart' }).waitFor();
    const whats = ['Suchen', 'Anfragen', 'Notfallanfragen'];
    const bys = ['Hilfeart', 'Altersgruppe', 'Geschlecht', 'Besonderer Bedarf', 'Kreis des Jugendamts', 'Uhrzeit'];
    expect(await page.getByLabel('Zählen').locator('option').allTextContents()).toEqual(whats);
    expect(await page.getByLabel('Nachfrage aufschlüsseln nach').locator('option').allTextContents()).toEqual(bys);
    const titles = { Hilfeart: 'nach Hilfeart', Altersgruppe: 'nach Altersgruppe', Geschlecht: 'nach Geschlecht', 'Besonderer Bedarf': 'nach besonderem Bedarf', 'Kreis des Jugendamts': 'nach Kreis des Jugendamts', Uhrzeit: 'nach Uhrzeit' } as Record<string, string>;
    for (const what of whats) {
      await page.getByLabel('Zählen').selectOption({ label: what });
      for (const by of bys) {
        await page.getByLabel('Nachfrage aufschlüsseln nach').selectOption({ label: by });
        const title = `${what} ${titles[by]}`;
        const figure = page.getByRole('region', { name: title }).first();
        await figure.waitFor();
        expect(await figure.locator('.figure-summary').innerText()).not.toBe('');
        await figure.getByRole('button', { name: `${title} als CSV herunterladen` }).waitFor();
      }
    }
    // the searches of this file by district and by hour: named districts, 24 hours, a chart of 24 columns
    await page.getByLabel('Zählen').selectOption({ label: 'Suchen' });
    await page.getByLabel('Nachfrage aufschlüsseln nach').selectOption({ label: 'Kreis des Jugendamts' });
    await page.waitForURL(/nach=kreis/);
    const byDistrict = page.getByRole('region', { name: 'Suchen nach Kreis des Jugendamts' }).first();
    await expect.poll(() => byDistrict.getByRole('row').nth(1).innerText()).toMatch(/^Greiz\s+8$/);
    await page.getByLabel('Nachfrage aufschlüsseln nach').selectOption({ label: 'Uhrzeit' });
    await page.waitForURL(/nach=uhrzeit/);
    // the figure changes below while the focus stays in the select: its title is said
    await expect.poll(() => page.locator('#live-notices').innerText()).toBe('Angezeigt: Suchen nach Uhrzeit.');
    const byHour = page.getByRole('region', { name: 'Suchen nach Uhrzeit' }).first();
    const cells = await byHour.getByRole('row').evaluateAll((rows) => rows.slice(1).map((r) => (r as HTMLElement).innerText.split('\t')[1]));
    expect(cells).toHaveLength(24);
    expect(cells.filter((c) => c === '8')).toHaveLength(1);
    expect(cells.filter((c) => c === '< 5')).toHaveLength(23);
    const hours = page.getByRole('img', { name: 'Grafik: Suchen nach Uhrzeit' });
    await hours.waitFor();
    expect(await hours.locator('rect').count()).toBe(24);
    expect(await hours.locator('[stroke-dasharray] rect').count()).toBe(23);
    await expectAccessible(page, 'monitoring-demand-hours-1366');
    // the CSV of the figure shown: German header, the row of this file's district
    await page.getByLabel('Nachfrage aufschlüsseln nach').selectOption({ label: 'Kreis des Jugendamts' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Suchen nach Kreis des Jugendamts als CSV herunterladen' }).click()]);
    expect(download.suggestedFilename()).toBe('suchen-nach-kreis.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('Kreis des Jugendamts;Suchen');
    expect(csv).toContain('Greiz;8');
    // the choice is in the URL: a reload (or a shared link) shows the same figure
    await page.reload();
    await page.getByRole('heading', { name: 'Suchen nach Kreis des Jugendamts' }).waitFor();
    expect(page.url()).toMatch(/tage=30/);
    await expectAccessible(page, 'monitoring-demand-breakdown-1366');
    await page.close();
    // a shared link opens the same breakdown on a phone: the hour chart fits 360 px
    const phone = await newPage(t.browser, { width: 360, height: 740 });
    await loginViaForm(phone, t.server.url, user.email, PASSWORD);
    await phone.goto(`${t.server.url}/monitoring?tage=30&nachfrage=notfaelle&nach=uhrzeit&unerfuellt=absage`);
    await phone.getByRole('heading', { name: 'Notfallanfragen nach Uhrzeit' }).waitFor();
    await phone.getByRole('heading', { name: 'Absagen für Kinder ohne Belegung nach Grund' }).waitFor();
    await phone.goto(`${t.server.url}/monitoring?tage=30&nach=uhrzeit`);
    await phone.getByRole('img', { name: 'Grafik: Suchen nach Uhrzeit' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await expectAccessible(phone, 'monitoring-demand-hours-360');
    await phone.close();
  });

  it('large figures: German thousands on axes and bars, median bars with the 90th percentile as a stroke (answers stubbed)', async () => {
    const user = await makeUser(t.server.ctx.sql, orgs.office, 'office_admin');
    const page = await newPage(t.browser, { width: 360, height: 740 });
    await loginViaForm(page, t.server.url, user.email, PASSWORD);
    const real = await page.request.get(`${t.server.url}/api/v1/monitoring/placement-time?days=30`);
    const scope = await real.json();
    const row = (key: string, urgency: string, cases: number | '< 5', medianMinutes: number | null, p90Minutes: number | null) => ({ key, urgency, cases, medianMinutes, p90Minutes });
    await page.route('**/api/v1/monitoring/placement-time?*', (route) =>
      route.fulfill({
        json: {
          ...scope,
          overall: row('all', 'all', 45, 95, 2600),
          byServiceType: [row('34', 'emergency', 12, 45, 180), row('34', 'regular', 28, 1260.5, 2880), row('33', 'regular', '< 5', null, null)],
        },
      }),
    );
    await page.goto(`${t.server.url}/monitoring?tage=30`);
    const chart = page.getByRole('img', { name: 'Grafik: Dauer bis zur Belegung in Minuten' });
    await chart.waitFor();
    expect(await chart.locator('g.values text').allTextContents()).toEqual(['45', '1.261', '–']);
    const ticks = (await chart.locator('text').allTextContents()).join(' ');
    expect(ticks).toMatch(/\b[123]\.000\b/);
    expect(await chart.locator('title').allTextContents()).toContain('Heimerziehung, sonstige betreute Wohnform · Regulär: 1.261; 90. Perzentil (Minuten): 2.880');
    expect(await page.getByRole('region', { name: 'Dauer bis zur Belegung in Minuten' }).first().locator('.figure-summary').innerText()).toContain('Median 95 Minuten, 90 % der Belegungen nach höchstens 2.600 Minuten');
    // long names end in an ellipsis inside the chart instead of running past it
    const past = await chart.evaluate((svg) => [...svg.querySelectorAll('text')].filter((x) => x.getBBox().x + x.getBBox().width > (svg as SVGSVGElement).viewBox.baseVal.width).length);
    expect(past).toBe(0);
    const box = await chart.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(360);
    await chart.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'monitoring-placement-time-360');
    await page.close();
  });

  it('the half-year report prints every breakdown, not only the chosen ones', async () => {
    const user = await makeUser(t.server.ctx.sql, orgs.office, 'office_admin');
    const page = await newPage(t.browser, { width: 1366, height: 900 });
    await page.addInitScript(() => {
      window.print = () => {
        (window as unknown as { printed: number }).printed = ((window as unknown as { printed?: number }).printed ?? 0) + 1;
      };
    });
    await loginViaForm(page, t.server.url, user.email, PASSWORD);
    await page.goto(`${t.server.url}/monitoring?tage=30`);
    await page.getByRole('heading', { name: 'Suchen nach Hilfeart' }).waitFor();
    const titles = ['Suchen', 'Anfragen', 'Notfallanfragen'].flatMap((w) =>
      ['nach Hilfeart', 'nach Altersgruppe', 'nach Geschlecht', 'nach besonderem Bedarf', 'nach Kreis des Jugendamts', 'nach Uhrzeit'].map((b) => `${w} ${b}`),
    );
    const others = ['Verfügbare Plätze nach Hilfeart', 'Verfügbare Plätze nach Altersgruppe', 'Verfügbare Plätze nach Geschlecht', 'Verfügbare Plätze nach Kreis', 'Suchen ohne Treffer nach Merkmalen', 'Was die letzten Treffer ausschloss', 'Suchen ohne Treffer nach Kreis des Jugendamts', 'Kinder ohne Belegung nach Hilfeart', 'Absagen für Kinder ohne Belegung nach Grund'];
    const count = () => Promise.all([...titles, ...others].map((name) => page.getByRole('heading', { level: 3, name, exact: true }).count()));
    expect((await count()).filter((n) => n === 1)).toHaveLength(3);
    await page.getByRole('button', { name: 'Halbjahresbericht drucken' }).click();
    await page.waitForURL(/tage=183/);
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: number }).printed ?? 0), { timeout: 5_000 }).toBe(1);
    expect(await count()).toEqual([...titles, ...others].map(() => 1));
    // back on screen after printing: the chosen breakdowns only
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect.poll(async () => (await count()).filter((n) => n === 1).length).toBe(3);
    await page.close();
  });

  it('the old figures page /statistik opens the dashboards', async () => {
    const user = await makeUser(t.server.ctx.sql, orgs.office, 'office_admin');
    const page = await newPage(t.browser, { width: 1366, height: 900 });
    await loginViaForm(page, t.server.url, user.email, PASSWORD);
    await page.goto(`${t.server.url}/statistik`);
    await page.waitForURL(/\/monitoring$/);
    await page.getByRole('heading', { level: 1, name: /Monitoring Ihres Jugendamts/ }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Statistik' }).count()).toBe(0);
    await page.close();
  });

  it('keeps the period in the URL', async () => {
    const user = await makeUser(t.server.ctx.sql, orgs.office, 'office_admin');
    const page = await newPage(t.browser, { width: 1366, height: 900 });
    await loginViaForm(page, t.server.url, user.email, PASSWORD);
    await page.goto(`${t.server.url}/monitoring?tage=90`);
    expect(await page.getByLabel('Zeitraum').inputValue()).toBe('90');
    await page.getByLabel('Zeitraum').selectOption('365');
    await page.waitForURL(/tage=365/);
    await page.close();
  });
});
