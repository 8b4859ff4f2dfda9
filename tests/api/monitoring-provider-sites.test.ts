import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectNeighbourProviders } from '../../server/features/monitoring/provider-queries';
import { earthDistanceM, gridPointsNear } from '../../server/features/monitoring/search-queries';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type FacilityRow, type UnitRow } from '../helpers/places';

// Points in the Uckermark (north-east Brandenburg), where no other test places units.
const HOME = { lat: 53.31, lon: 13.86 };
const NEAR = { lat: 53.31, lon: 14.4 }; // ~36 km east
const FAR = { lat: 53.31, lon: 15.0 }; // ~76 km east
let t: TestContext;
let a: OrgRow;
let b: OrgRow;
let c: OrgRow;
let a1: UnitRow;
let a2: UnitRow;
let b1: UnitRow;
let fc: FacilityRow;

/** provider_sites of the three providers, and the same counted from units. */
const sites = () => t.ctx.sql`select provider_id, lat, lon, units from provider_sites where provider_id in (${a.id}, ${b.id}, ${c.id}) order by 1, 2, 3`;
const counted = () => t.ctx.sql`select owner_id as provider_id, lat, lon, count(*)::int as units from units
  where owner_id in (${a.id}, ${b.id}, ${c.id}) and owner_kind = 'provider' and archived_at is null group by 1, 2, 3 order by 1, 2, 3`;
const neighboursOfA = async () => (await selectNeighbourProviders(t.ctx.sql, a.id, 50)).filter((id) => [a.id, b.id, c.id].includes(id)).sort();

beforeAll(async () => {
  t = await createTestContext();
  a = await makeOrg(t.ctx.sql, 'provider');
  b = await makeOrg(t.ctx.sql, 'provider');
  c = await makeOrg(t.ctx.sql, 'provider');
  const fa = await makeFacility(t.ctx.sql, a, HOME);
  a1 = await makeUnit(t.ctx.sql, a, fa, { name: 'A eins' });
  a2 = await makeUnit(t.ctx.sql, a, fa, { name: 'A zwei' });
  b1 = await makeUnit(t.ctx.sql, b, await makeFacility(t.ctx.sql, b, FAR), { name: 'B eins' });
  fc = await makeFacility(t.ctx.sql, c, FAR);
  await makeUnit(t.ctx.sql, c, fc, { name: 'C eins' });
  await t.ctx.sql`update units set lat = ${HOME.lat}, lon = ${HOME.lon} where id in (${a1.id}, ${a2.id})`;
  await t.ctx.sql`update units set lat = ${FAR.lat}, lon = ${FAR.lon} where owner_id in (${b.id}, ${c.id})`;
});
afterAll(() => t.close());

describe('provider_sites: the places of each provider\'s live units, for the providers around a provider', () => {
  it('equals the count over units after every kind of write, and the neighbours follow at once', async () => {
    expect(await sites()).toEqual(await counted());
    expect((await sites()).find((s) => s.providerId === a.id)?.units).toBe(2);
    expect(await neighboursOfA()).toEqual([a.id].sort());

    await t.ctx.sql`update units set lat = ${NEAR.lat}, lon = ${NEAR.lon} where id = ${b1.id}`; // B moves within 50 km
    expect(await sites()).toEqual(await counted());
    expect(await neighboursOfA()).toEqual([a.id, b.id].sort());

    await t.ctx.sql`update units set archived_at = now() where id = ${b1.id}`; // and is archived
    expect(await sites()).toEqual(await counted());
    expect(await neighboursOfA()).toEqual([a.id].sort());

    await t.ctx.sql`update units set archived_at = null where id = ${b1.id}`;
    await t.ctx.sql`update units set archived_at = now() where id = ${a1.id}`; // one of A's two units goes: A keeps its place
    expect(await sites()).toEqual(await counted());
    expect(await neighboursOfA()).toEqual([a.id, b.id].sort());

    await t.ctx.sql`update units set owner_id = ${c.id}, facility_id = ${fc.id} where id = ${a2.id}`; // A's last unit changes owner
    expect(await sites()).toEqual(await counted());
    expect((await sites()).some((s) => s.providerId === a.id)).toBe(false);

    await t.ctx.sql`delete from units where id = ${b1.id}`;
    expect(await sites()).toEqual(await counted());
    await t.ctx.sql`update units set free_places = 1 where owner_id = ${c.id}`; // a capacity change leaves it alone
    expect(await sites()).toEqual(await counted());
  });

  it('is written only by the triggers', async () => {
    const app = t.ctx.sql;
    await expect(app`insert into provider_sites (provider_id, lat, lon, units) values (${a.id}, 1, 1, 1)`).rejects.toThrow(/permission denied/);
  });
});

describe('the grid points around a provider (its "demand around you")', () => {
  it('are the points PostgreSQL finds within the radius with earth_distance, for places all over the map', async () => {
    const places = [HOME, NEAR, { lat: 47.4, lon: 10.3 }, { lat: 54.8, lon: 8.3 }, { lat: 51.05, lon: 13.74 }, { lat: 50.0, lon: 6.0 }];
    for (const km of [10, 50, 100]) {
      const rows = await t.ctx.sql<{ lat: string; lon: string }[]>`
        select distinct g.ref_lat::text as lat, g.ref_lon::text as lon
        from unnest(${places.map((p) => p.lat)}::float8[], ${places.map((p) => p.lon)}::float8[]) as u(lat, lon)
        cross join lateral generate_series(floor((u.lat - ${km / 110.5}) * 10)::int, ceil((u.lat + ${km / 110.5}) * 10)::int) la
        cross join lateral generate_series(floor((u.lon - 3) * 10)::int, ceil((u.lon + 3) * 10)::int) lo
        cross join lateral (select (la / 10.0)::numeric(4, 1) as ref_lat, (lo / 10.0)::numeric(4, 1) as ref_lon) g
        where earth_distance(ll_to_earth(u.lat, u.lon), ll_to_earth(g.ref_lat::float8, g.ref_lon::float8)) <= ${km * 1000}
        order by 1, 2`;
      const mine = gridPointsNear(places, km).sort((a, b) => a.lat.localeCompare(b.lat) || a.lon.localeCompare(b.lon));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine).toEqual(rows.map((r) => ({ lat: r.lat, lon: r.lon })));
    }
  });

  it('measures as earth_distance does', async () => {
    const pairs = [[HOME, NEAR], [HOME, FAR], [{ lat: 47.27, lon: 5.87 }, { lat: 55.06, lon: 15.04 }], [HOME, HOME]] as const;
    for (const [a, b] of pairs) {
      const [r] = await t.ctx.sql<{ m: number }[]>`select earth_distance(ll_to_earth(${a.lat}, ${a.lon}), ll_to_earth(${b.lat}, ${b.lon})) as m`;
      expect(earthDistanceM(a, b)).toBeCloseTo(r.m, 3);
    }
  });
});
