import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('places model constraints (database)', () => {
  it('refuses free places above capacity or below 0', async () => {
    const p = await makeOrg(t.ctx.sql, 'provider');
    const f = await makeFacility(t.ctx.sql, p);
    await expect(makeUnit(t.ctx.sql, p, f, { capacityTotal: 4, freePlaces: 5 })).rejects.toThrow(/check constraint/);
    await expect(makeUnit(t.ctx.sql, p, f, { freePlaces: -1 })).rejects.toThrow(/check constraint/);
  });

  it('refuses a bad age range and unknown taxonomy codes, naming them', async () => {
    const p = await makeOrg(t.ctx.sql, 'provider');
    const f = await makeFacility(t.ctx.sql, p);
    await expect(makeUnit(t.ctx.sql, p, f, { ageMin: 15, ageMax: 10 })).rejects.toThrow(/check constraint/);
    await expect(makeUnit(t.ctx.sql, p, f, { serviceTypes: ['99'] })).rejects.toThrow(/unknown type of service 99/);
    await expect(makeUnit(t.ctx.sql, p, f, { specialisations: ['telepathy'] })).rejects.toThrow(/unknown specialisation telepathy/);
  });

  it('refuses coordinates outside the region', async () => {
    const p = await makeOrg(t.ctx.sql, 'provider');
    await expect(makeFacility(t.ctx.sql, p, { lat: 48.85, lon: 2.35 })).rejects.toThrow(/outside the configured region/);
  });

  it("refuses a unit in another provider's facility", async () => {
    const a = await makeOrg(t.ctx.sql, 'provider');
    const b = await makeOrg(t.ctx.sql, 'provider');
    const fb = await makeFacility(t.ctx.sql, b);
    await expect(makeUnit(t.ctx.sql, a, fb)).rejects.toThrow(/does not belong/);
  });

  it('refuses the same on an update of a unit: codes, region, facility and owner (the check fires on the columns it checks)', async () => {
    const p = await makeOrg(t.ctx.sql, 'provider');
    const other = await makeOrg(t.ctx.sql, 'provider');
    const f = await makeFacility(t.ctx.sql, p);
    const fo = await makeFacility(t.ctx.sql, other);
    const u = await makeUnit(t.ctx.sql, p, f, { capacityTotal: 4, freePlaces: 2 });
    const sql = t.ctx.sql;
    await expect(sql`update units set service_types = ${['99']} where id = ${u.id}`).rejects.toThrow(/unknown type of service 99/);
    await expect(sql`update units set specialisations = ${['telepathy']} where id = ${u.id}`).rejects.toThrow(/unknown specialisation telepathy/);
    await expect(sql`update units set exclusions = ${['nonsense']} where id = ${u.id}`).rejects.toThrow(/unknown exclusion nonsense/);
    await expect(sql`update units set languages = ${['klingon']} where id = ${u.id}`).rejects.toThrow(/unknown language klingon/);
    await expect(sql`update units set lat = 48.85, lon = 2.35 where id = ${u.id}`).rejects.toThrow(/outside the configured region/);
    await expect(sql`update units set facility_id = ${fo.id} where id = ${u.id}`).rejects.toThrow(/does not belong/);
    await expect(sql`update units set owner_id = ${other.id} where id = ${u.id}`).rejects.toThrow(/does not belong/);
    // the place counts (holds, confirmations) are not the check's business and still change
    const [after] = await sql`update units set held_places = 1, free_places = 1 where id = ${u.id} returning free_places, held_places`;
    expect(after).toEqual({ freePlaces: 1, heldPlaces: 1 });
  });

  it('lets offices own foster places only, with a coarse location', async () => {
    const office = await makeOrg(t.ctx.sql, 'office');
    await expect(makeUnit(t.ctx.sql, office, null, { setting: 'stationaer' })).rejects.toThrow(/check constraint/);
    const foster = await makeUnit(t.ctx.sql, office, null, { setting: 'pflegefamilie', serviceTypes: ['33'], capacityTotal: 1, freePlaces: 1 });
    expect(foster.ownerId).toBe(office.id);
  });
});
