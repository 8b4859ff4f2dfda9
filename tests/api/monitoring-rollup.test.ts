import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, type Client, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type UnitRow } from '../helpers/places';

// Saale-Holzland-Kreis (16074): a district no other test uses; every row below is made here. The
// searches carry no reference point, so they count in no provider's "demand around you" (Altenburg is near).
const D = '16074';
let t: TestContext;
let officeX: OrgRow;
let officeY: OrgRow;
let admin: Client;
let caseworkerX: Client;
let unit: UnitRow;
let providerId: string;

/** Noon (UTC) `n` days ago: a day the rollup summarises. */
const noon = (n: number) => {
  const d = new Date(Date.now() - n * 86_400_000);
  d.setUTCHours(12, 0, 0, 0);
  return d;
};
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

async function searches(n: number, o: { at: Date; office: OrgRow; serviceType: string | null; age: number; gender: string | null; needs?: string[]; result: number; binding?: string; relaxed?: number }) {
  for (let i = 0; i < n; i++) {
    await t.ctx.sql`
      insert into search_log (searched_at, office_id, district_ags, service_type, age, gender, needs, ref_lat, ref_lon, result_count, binding_constraint, relaxed_found)
      values (${o.at}, ${o.office.id}, ${D}, ${o.serviceType}, ${o.age}, ${o.gender}, ${o.needs ?? []}, null, null, ${o.result},
              ${o.result === 0 ? (o.binding ?? 'none') : null}, ${o.result === 0 ? (o.relaxed ?? 0) : null})`;
  }
}

/** A group of `size` requests sent together (one child) by office X at `at`. */
async function group(at: Date, urgency: 'regular' | 'emergency', size = 1) {
  const g = randomUUID();
  for (let i = 0; i < size; i++) {
    await t.ctx.sql`
      insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start,
        urgency, status, answered_at, closed_at, created_at)
      values (${g}, ${officeX.id}, ${caseworkerX.user.id}, ${unit.id}, ${providerId}, ${`R-${g.slice(0, 8)}-${i}`}, 9, 'male', current_date,
        ${urgency}, 'withdrawn', null, ${new Date(at.getTime() + 3_600_000)}, ${at})`;
  }
}

const figures = async (c: Client, q: string) => {
  const strip = (b: Record<string, any>): Record<string, any> => ({ ...b, from: undefined, to: undefined });
  const demand = await c.get(`/api/v1/monitoring/demand?${q}`);
  const unmet = await c.get(`/api/v1/monitoring/unmet?${q}`);
  expect(demand.status, JSON.stringify(demand.body)).toBe(200);
  expect(unmet.status).toBe(200);
  return { demand: strip(demand.body), unmet: strip(unmet.body) };
};

beforeAll(async () => {
  t = await createTestContext({ jobs: true });
  officeX = await makeOrg(t.ctx.sql, 'office', { districtAgs: D });
  officeY = await makeOrg(t.ctx.sql, 'office', { districtAgs: D });
  admin = await login(t.app, await makeUser(t.ctx.sql, officeX, 'office_admin'));
  caseworkerX = await login(t.app, await makeUser(t.ctx.sql, officeX, 'caseworker'));
  const provider = await makeOrg(t.ctx.sql, 'provider', { districtAgs: D });
  providerId = provider.id;
  unit = await makeUnit(t.ctx.sql, provider, await makeFacility(t.ctx.sql, provider, { lat: 50.9, lon: 11.8 }), { capacityTotal: 4, freePlaces: 1 });
  await searches(6, { at: noon(3), office: officeX, serviceType: '34', age: 15, gender: 'female', needs: ['trauma'], result: 2 });
  await searches(5, { at: noon(3), office: officeX, serviceType: '34', age: 15, gender: 'female', result: 0, binding: 'radius', relaxed: 4 });
  await searches(5, { at: noon(10), office: officeY, serviceType: '33', age: 3, gender: null, result: 0, binding: 'age', relaxed: 1 });
  await searches(2, { at: new Date(Date.now() - 60_000), office: officeX, serviceType: '34', age: 15, gender: 'female', result: 0, binding: 'secure', relaxed: 1 });
  for (let i = 0; i < 5; i++) await group(noon(4), 'emergency');
  await group(noon(4), 'regular', 2);
  for (let i = 0; i < 5; i++) await group(noon(12), 'regular');
});
afterAll(() => t.close());

/** The figures of the hand-made rows above (district D, 30 days), counted by hand. */
function expectHandCounted(f: Awaited<ReturnType<typeof figures>>) {
  const s = f.demand.searches;
  expect(s.total).toBe(18);
  expect(s.byServiceType).toEqual([{ key: '34', count: 13 }, { key: '33', count: 5 }]);
  expect(s.byAgeBand).toEqual([{ key: '14-17', count: 13 }, { key: '0-5', count: 5 }]);
  expect(s.byGender).toEqual([{ key: 'female', count: 13 }, { key: 'any', count: 5 }]);
  expect(s.byNeed).toEqual([{ key: 'trauma', count: 6 }]);
  expect(s.byDistrict).toEqual([{ key: D, count: 18 }]);
  expect(f.demand.requests.total).toBe(11);
  expect(f.demand.emergencyRequests.total).toBe(5);
  expect(f.demand.requests.byGender).toEqual([{ key: 'male', count: 11 }]);
  const e = f.unmet.emptySearches;
  expect(e.total).toBe(12);
  expect(e.byCriteria).toEqual([
    { serviceType: '34', ageBand: '14-17', gender: 'female', needs: [], count: 7, bindingConstraint: 'radius', relaxedFound: 22 },
    { serviceType: '33', ageBand: '0-5', gender: null, needs: [], count: 5, bindingConstraint: 'age', relaxedFound: 5 },
  ]);
  expect(e.byConstraint).toEqual([
    { key: 'age', count: 5, relaxedFound: 5 },
    { key: 'radius', count: 5, relaxedFound: 20 },
    { key: 'secure', count: '< 5', relaxedFound: '< 5' },
  ]);
  expect(e.byDistrict).toMatchObject([{ key: D, count: 12 }]);
}

describe('monitoring rollups: summaries give the figures of the raw rows', () => {
  it('figures are the same before the rollup (raw rows) and after it (summaries), and match the hand count', async () => {
    const raw = await figures(admin, 'days=30');
    expectHandCounted(raw);
    const office = await figures(admin, 'days=30&scope=office');
    expect(office.demand.searches.total).toBe(13);

    await t.ctx.jobs.run('monitoring.rollup');
    const rolled = await t.ctx.sql<{ source: string; day: string }[]>`
      select source, to_char(day, 'YYYY-MM-DD') as day from monitoring_rollup_days where day in (${dayOf(noon(3))}, ${dayOf(noon(10))}, ${dayOf(noon(4))}, ${dayOf(noon(12))})`;
    expect(rolled.map((r) => `${r.source} ${r.day}`).sort()).toEqual(
      expect.arrayContaining([`searches ${dayOf(noon(3))}`, `searches ${dayOf(noon(10))}`, `requests ${dayOf(noon(4))}`, `requests ${dayOf(noon(12))}`]),
    );
    const [sum] = await t.ctx.sql`select searches, empty from search_day_dims where day = ${dayOf(noon(3))} and office_id = ${officeX.id} and dim = 'total'`;
    expect(sum).toEqual({ searches: 11, empty: 5 });

    expect(await figures(admin, 'days=30')).toEqual(raw);
    expect(await figures(admin, 'days=30&scope=office')).toEqual(office);
  });

  it('the national rows of a summarised day hold the raw count of that day', async () => {
    const day = dayOf(noon(3));
    const [raw] = await t.ctx.sql`select count(*)::int as n from search_log where (searched_at at time zone 'UTC')::date = ${day}`;
    const [whole] = await t.ctx.sql`select searches from search_day_dims where day = ${day} and whole and dim = 'total'`;
    expect(whole.searches).toBe(raw.n);
  });

  it('a summary is what the figures read, and a write to its day sends that day back to the raw rows until the next rollup', async () => {
    // a wrong summary row shows in the figure: the summary, not the raw rows, is read
    await t.ctx.sql`insert into search_day_dims (day, whole, office_id, district_ags, dim, key, searches, empty, relaxed_found)
                    values (${dayOf(noon(3))}, false, ${officeX.id}, ${D}, 'total', 'total', 100, 0, 0)`;
    expect((await figures(admin, 'days=30')).demand.searches.total).toBe(118);
    // a search recorded late into that day makes the summary stale: the day is counted raw at once
    await searches(1, { at: noon(3), office: officeX, serviceType: '34', age: 15, gender: 'female', result: 2 });
    expect((await figures(admin, 'days=30')).demand.searches.total).toBe(19);
    // a request closed (or deleted) on a summarised day: that day is counted raw at once
    await t.ctx.jobs.run('monitoring.rollup');
    await t.ctx.sql`delete from placement_requests where office_id = ${officeX.id} and urgency = 'emergency' and created_at = ${noon(4)}
                    and id = (select id from placement_requests where office_id = ${officeX.id} and urgency = 'emergency' order by id limit 1)`;
    const after = await figures(admin, 'days=30');
    expect(after.demand.emergencyRequests.total).toBe('< 5');
    expect(after.demand.searches.total).toBe(19);
    await t.ctx.jobs.run('monitoring.rollup');
    expect(await figures(admin, 'days=30')).toEqual(after);
  });
});
