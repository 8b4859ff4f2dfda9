import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectNeighbourProviders } from '../../server/features/monitoring/provider-queries';
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
