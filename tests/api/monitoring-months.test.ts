import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, type Client, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type UnitRow } from '../helpers/places';

// Sonneberg (16072): a district no other test uses; every row below is made here. The empty
// searches carry a reference point next to the provider's unit (no other test's point lies within 50 km).
const D = '16072';
const POINT = { lat: 50.4, lon: 11.2 };
let t: TestContext;
let officeX: OrgRow;
let officeY: OrgRow;
let admin: Client;
let caseworkerX: Client;
let providerAdmin: Client;
let unit: UnitRow;
let providerId: string;

/** Noon (UTC) 45 days ago: its UTC month is over and lies wholly inside a 90-day period. */
const AT = (() => {
  const d = new Date(Date.now() - 45 * 86_400_000);
  d.setUTCHours(12, 0, 0, 0);
  return d;
})();
const MONTH = `${AT.toISOString().slice(0, 7)}-01`;

async function searches(n: number, o: { office: OrgRow; serviceType: string; age: number; gender: string | null; result: number; binding?: string; relaxed?: number; point?: boolean | { lat: number; lon: number }; district?: string }) {
  const point = o.point === true ? POINT : o.point || null;
  for (let i = 0; i < n; i++) {
    await t.ctx.sql`
      insert into search_log (searched_at, office_id, district_ags, service_type, age, gender, needs, ref_lat, ref_lon, result_count, binding_constraint, relaxed_found)
      values (${AT}, ${o.office.id}, ${o.district ?? D}, ${o.serviceType}, ${o.age}, ${o.gender}, '{}', ${point?.lat ?? null}, ${point?.lon ?? null}, ${o.result},
              ${o.result === 0 ? (o.binding ?? 'none') : null}, ${o.result === 0 ? (o.relaxed ?? 0) : null})`;
  }
}

async function group(urgency: 'regular' | 'emergency') {
  await t.ctx.sql`
    insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start,
      urgency, status, answered_at, closed_at, created_at)
    values (${randomUUID()}, ${officeX.id}, ${caseworkerX.user.id}, ${unit.id}, ${providerId}, ${`M-${randomUUID().slice(0, 8)}`}, 9, 'male', current_date,
      ${urgency}, 'withdrawn', null, ${new Date(AT.getTime() + 3_600_000)}, ${AT})`;
}

const strip = (b: Record<string, any>): Record<string, any> => ({ ...b, from: undefined, to: undefined });
const figures = async () => {
  const get = async (path: string, c = admin) => {
    const res = await c.get(path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return strip(res.body);
  };
  return {
    demand: await get('/api/v1/monitoring/demand?days=90'),
    unmet: await get('/api/v1/monitoring/unmet?days=90'),
    office: await get('/api/v1/monitoring/demand?days=90&scope=office'),
    around: (await get('/api/v1/monitoring/provider?days=90', providerAdmin)).unmetAround,
  };
};
const monthRolled = async () =>
  (await t.ctx.sql`select source from monitoring_rollup_months where month = ${MONTH}::date order by source`).map((r) => r.source);

beforeAll(async () => {
  t = await createTestContext({ jobs: true });
  officeX = await makeOrg(t.ctx.sql, 'office', { districtAgs: D });
  officeY = await makeOrg(t.ctx.sql, 'office', { districtAgs: D });
  admin = await login(t.app, await makeUser(t.ctx.sql, officeX, 'office_admin'));
  caseworkerX = await login(t.app, await makeUser(t.ctx.sql, officeX, 'caseworker'));
  const provider = await makeOrg(t.ctx.sql, 'provider', { districtAgs: D });
  providerId = provider.id;
  providerAdmin = await login(t.app, await makeUser(t.ctx.sql, provider, 'provider_admin'));
  unit = await makeUnit(t.ctx.sql, provider, await makeFacility(t.ctx.sql, provider, { lat: POINT.lat, lon: POINT.lon }), { capacityTotal: 4, freePlaces: 1 });
  await searches(6, { office: officeX, serviceType: '34', age: 15, gender: 'female', result: 2 });
  await searches(5, { office: officeX, serviceType: '34', age: 15, gender: 'female', result: 0, binding: 'radius', relaxed: 4, point: true });
  await searches(5, { office: officeY, serviceType: '33', age: 3, gender: null, result: 0, binding: 'age', relaxed: 1 });
  // an office elsewhere (Saalfeld-Rudolstadt, 16073): its empty searches 0.6° east of the unit (42.6 km) count
  // in the provider's demand around, those 0.8° east (56.8 km) do not
  const officeZ = await makeOrg(t.ctx.sql, 'office', { districtAgs: '16073' });
  const east = (d: number) => ({ lat: POINT.lat, lon: POINT.lon + d });
  await searches(5, { office: officeZ, district: '16073', serviceType: '13-3', age: 15, gender: 'female', result: 0, point: east(0.6) });
  await searches(5, { office: officeZ, district: '16073', serviceType: '19', age: 15, gender: 'female', result: 0, point: east(0.8) });
  for (let i = 0; i < 5; i++) await group('emergency');
  for (let i = 0; i < 6; i++) await group('regular');
});
afterAll(() => t.close());

/** The rows above (district D, 90 days), counted by hand. */
function expectHandCounted(f: Awaited<ReturnType<typeof figures>>) {
  expect(f.demand.searches.total).toBe(16);
  expect(f.demand.searches.byServiceType).toEqual([{ key: '34', count: 11 }, { key: '33', count: 5 }]);
  expect(f.demand.searches.byGender).toEqual([{ key: 'female', count: 11 }, { key: 'any', count: 5 }]);
  expect(f.demand.requests.total).toBe(11);
  expect(f.demand.emergencyRequests.total).toBe(5);
  expect(f.office.searches.total).toBe(11);
  expect(f.unmet.emptySearches.total).toBe(10);
  expect(f.unmet.emptySearches.byCriteria).toEqual([
    { serviceType: '33', ageBand: '0-5', gender: null, needs: [], count: 5, bindingConstraint: 'age', relaxedFound: 5 },
    { serviceType: '34', ageBand: '14-17', gender: 'female', needs: [], count: 5, bindingConstraint: 'radius', relaxedFound: 20 },
  ]);
  expect(f.around).toEqual([
    { serviceType: '13-3', ageBand: '14-17', gender: 'female', needs: [], count: 5 },
    { serviceType: '34', ageBand: '14-17', gender: 'female', needs: [], count: 5 },
  ]);
}

describe('monitoring: monthly summaries give the figures of the daily summaries and of the raw rows', () => {
  it('figures are the same from raw rows and from the month summary, and match the hand count', async () => {
    const raw = await figures();
    expectHandCounted(raw);

    await t.ctx.jobs.run('monitoring.rollup');
    expect(await monthRolled()).toEqual(['requests', 'searches']);
    const [m] = await t.ctx.sql`select searches, empty from search_month_dims where month = ${MONTH}::date and office_id = ${officeX.id} and dim = 'total'`;
    expect(m).toEqual({ searches: 11, empty: 5 });
    const [p] = await t.ctx.sql`select sum(searches)::int as n from search_month_points where month = ${MONTH}::date and ref_lat = ${POINT.lat} and ref_lon = ${POINT.lon}`;
    expect(p.n).toBeGreaterThanOrEqual(5);
    expect(await figures()).toEqual(raw);
  });

  it('the national month rows hold the raw count of the month', async () => {
    const [raw] = await t.ctx.sql`
      select count(*)::int as n from search_log where searched_at >= ${MONTH}::timestamp at time zone 'UTC'
        and searched_at < (${MONTH}::timestamp + interval '1 month') at time zone 'UTC'`;
    const [whole] = await t.ctx.sql`select searches from search_month_dims where month = ${MONTH}::date and whole and dim = 'total'`;
    // another test file may record into the month meanwhile: then the month is no longer current
    if ((await monthRolled()).includes('searches')) expect(whole.searches).toBe(raw.n);
  });

  it('the month summary is what the figures read; a late write to the month sends it back to days and raw rows', async () => {
    await t.ctx.jobs.run('monitoring.rollup');
    // wrong summary rows show in the figures: the month summaries, not the days, are read
    await t.ctx.sql`insert into search_month_dims (month, whole, office_id, district_ags, dim, key, searches, empty, relaxed_found)
                    values (${MONTH}::date, false, ${officeX.id}, ${D}, 'total', 'total', 100, 0, 0)`;
    await t.ctx.sql`insert into request_month_dims (month, whole, office_id, district_ags, urgency, dim, key, requests)
                    values (${MONTH}::date, false, ${officeX.id}, ${D}, 'emergency', 'total', 'total', 100)`;
    await t.ctx.sql`insert into search_month_points (month, ref_lat, ref_lon, service_type, age_band, gender, needs, searches)
                    values (${MONTH}::date, ${POINT.lat}, ${POINT.lon}, '34', '14-17', 'female', '{}', 100)`;
    const wrong = await figures();
    expect(wrong.demand.searches.total).toBe(116);
    expect(wrong.demand.emergencyRequests.total).toBe(105);
    expect(wrong.around[0]).toEqual({ serviceType: '34', ageBand: '14-17', gender: 'female', needs: [], count: 105 });

    // a search recorded late into the month: the month (and its day) count from days and raw rows at once
    await searches(1, { office: officeX, serviceType: '34', age: 15, gender: 'female', result: 0, binding: 'radius', relaxed: 4, point: true });
    expect(await monthRolled()).toEqual(['requests']);
    const late = await figures();
    expect(late.demand.searches.total).toBe(17);
    expect(late.unmet.emptySearches.total).toBe(11);
    expect(late.around[0]).toEqual({ serviceType: '34', ageBand: '14-17', gender: 'female', needs: [], count: 6 });
    expect(late.demand.emergencyRequests.total).toBe(105);

    // a request of the month deleted: the requests of the month count from days and raw rows at once
    await t.ctx.sql`delete from placement_requests where id = (select id from placement_requests where office_id = ${officeX.id} and urgency = 'emergency' order by id limit 1)`;
    expect(await monthRolled()).toEqual([]);
    const after = await figures();
    expect(after.demand.emergencyRequests.total).toBe('< 5');
    expect(after.demand.requests.total).toBe(10);

    await t.ctx.jobs.run('monitoring.rollup');
    expect(await monthRolled()).toEqual(['requests', 'searches']);
    expect(await figures()).toEqual(after);
  });
});
