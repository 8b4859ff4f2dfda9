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
