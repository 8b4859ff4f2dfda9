import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FACILITIES, DEMO_UNITS, seedDemoPlaces } from '../../server/demo/demo-places';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, userClient } from '../helpers/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('demo places', () => {
  it('load into the real schema: coarse foster places, stale listings, planned vacancies, directory offers, an unverified provider', async () => {
    const keys = [...new Set([...DEMO_FACILITIES.map((f) => f.provider), ...DEMO_UNITS.map((u) => u.owner)])];
    const orgIds = new Map<string, string>();
    for (const k of keys) {
      const office = k.startsWith('ja-');
      const org = await makeOrg(t.ctx.sql, office ? 'office' : 'provider', { verified: office ? undefined : k !== 'tr-neu', districtAgs: office ? '14713' : undefined });
      orgIds.set(k, org.id);
    }
    await seedDemoPlaces(t.ctx, orgIds);
    const ids = [...orgIds.values()];
    const units = await t.ctx.sql`
      select u.setting, u.location_is_coarse, u.postcode, u.capacity_total, unit_freshness(u.last_confirmed_at) as freshness,
             (select count(*)::int from planned_vacancies pv where pv.unit_id = u.id) as planned,
             (select count(*)::int from foster_addresses fa where fa.unit_id = u.id) as addresses
      from units u where u.owner_id = any(${ids})`;
    expect(units).toHaveLength(DEMO_UNITS.length);
    const foster = units.filter((u) => u.setting === 'pflegefamilie');
    expect(foster.length).toBeGreaterThanOrEqual(3);
    expect(foster.every((u) => u.locationIsCoarse && u.postcode === null && u.addresses === 1)).toBe(true);
    expect(units.filter((u) => u.capacityTotal === null).length).toBeGreaterThanOrEqual(4);
    expect(units.filter((u) => u.freshness === 'unconfirmed').length).toBeGreaterThanOrEqual(2);
    expect(units.filter((u) => u.freshness === 'hidden').length).toBeGreaterThanOrEqual(1);
    expect(units.reduce((n, u) => n + u.planned, 0)).toBeGreaterThanOrEqual(4);

    const office = await userClient(t.app, t.ctx.sql, 'office');
    expect((await office.client.get(`/api/v1/providers/${orgIds.get('tr-neu')}/offers`)).body.items).toEqual([]);
    const rheinland = (await office.client.get(`/api/v1/providers/${orgIds.get('tr-rheinland')}/offers`)).body.items;
    expect(rheinland.map((u: { name: string }) => u.name)).toContain('Inobhutnahme Köln-West (Notaufnahme 24/7)');
    expect(JSON.stringify(rheinland)).not.toContain('Am Feldrain');

    // the local help system: in each demo district debt and addiction counselling and a women's shelter,
    // whose address (like that of every emergency intake facility) the public does not see
    const help = await t.ctx.sql<{ districtAgs: string; types: string[]; confidential: boolean }[]>`
      select f.district_ags, u.service_types as types, f.address_confidential as confidential
      from units u join facilities f on f.id = u.facility_id where u.owner_id = any(${ids})`;
    for (const ags of ['05315', '14713', '01003', '07339']) {
      const here = help.filter((h) => h.districtAgs === ags);
      for (const type of ['schuldnerberatung', 'sucht-drogenberatung', 'frauenhaus-gewaltschutz']) expect(here.some((h) => h.types.includes(type)), `${ags} ${type}`).toBe(true);
      expect(here.filter((h) => h.types.includes('frauenhaus-gewaltschutz')).every((h) => h.confidential), ags).toBe(true);
    }
    expect(help.filter((h) => h.types.includes('42')).every((h) => h.confidential)).toBe(true);
  });
});
