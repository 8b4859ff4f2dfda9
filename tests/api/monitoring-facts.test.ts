import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, userClient, type Client, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type UnitRow } from '../helpers/places';

// Weimarer Land (16071) and Sonneberg (16072): districts no other test uses for requests; every row below is made here.
const D = '16071';
const OTHER = '16072';
let t: TestContext;
let office: OrgRow;
let caseworker: Client;
let admin: Client;
let platform: Client;
let provider: OrgRow;
let u1: UnitRow;
let u2: UnitRow;

/** A request row written directly, with its times in minutes ago. */
async function request(o: { unit: UnitRow; caseRef: string; urgency?: 'regular' | 'emergency'; status: 'confirmed' | 'declined' | 'withdrawn'; createdMin: number; answerAfter: number | null; closedMin: number }) {
  const [row] = await t.ctx.sql<{ id: string }[]>`
    insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start,
      urgency, status, decline_reason, answered_at, closed_at, created_at)
    values (${randomUUID()}, ${office.id}, ${caseworker.user.id}, ${o.unit.id}, ${provider.id}, ${o.caseRef}, 15, 'female', current_date,
      ${o.urgency ?? 'regular'}, ${o.status}, ${o.status === 'declined' ? 'no-place' : null},
      ${o.answerAfter === null ? null : new Date(Date.now() - (o.createdMin - o.answerAfter) * 60_000)},
      now() - make_interval(mins => ${o.closedMin}), now() - make_interval(mins => ${o.createdMin}))
    returning id`;
  return row.id;
}

/** Time to placement of the office counted from placement_requests itself (the query the figure used before request_facts). */
async function rawPlacement() {
  const [r] = await t.ctx.sql<{ cases: number; median: number; p90: number }[]>`
    select count(*)::int as cases, percentile_cont(0.5) within group (order by minutes)::float8 as median,
           percentile_cont(0.9) within group (order by minutes)::float8 as p90
    from (select extract(epoch from c.closed_at - (select min(f.created_at) from placement_requests f
                   where f.office_id = c.office_id and f.case_ref = c.case_ref and f.created_at <= c.closed_at)) / 60 as minutes
          from placement_requests c where c.status = 'confirmed' and c.office_id = ${office.id} and c.closed_at >= now() - interval '30 days') x`;
  return { cases: r.cases, medianMinutes: Math.round(r.median * 10) / 10, p90Minutes: Math.round(r.p90 * 10) / 10 };
}

const placement = async (c: Client, q: string) => {
  const res = await c.get(`/api/v1/monitoring/placement-time?${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

beforeAll(async () => {
  t = await createTestContext();
  office = await makeOrg(t.ctx.sql, 'office', { districtAgs: D });
  caseworker = await login(t.app, await makeUser(t.ctx.sql, office, 'caseworker'));
  admin = await login(t.app, await makeUser(t.ctx.sql, office, 'office_admin'));
  platform = (await userClient(t.app, t.ctx.sql, 'platform')).client;
  provider = await makeOrg(t.ctx.sql, 'provider', { districtAgs: D });
  const f = await makeFacility(t.ctx.sql, provider, { lat: 50.98, lon: 11.32 });
  u1 = await makeUnit(t.ctx.sql, provider, f, { name: 'Gruppe A', serviceTypes: ['34'] });
  u2 = await makeUnit(t.ctx.sql, provider, f, { name: 'Gruppe B', serviceTypes: ['35a-stat', '34'] });
  await t.ctx.sql`update units set district_ags = ${D} where id in (${u1.id}, ${u2.id})`;
  // case P1 was declined first (200 min before its placement), so its time counts from then
  await request({ unit: u2, caseRef: 'P1', status: 'declined', createdMin: 1640, answerAfter: 10, closedMin: 1600 });
  // placed 200, 20, 30, 40, 100 minutes after the first request
  for (const [i, m] of [200, 20, 30, 40, 100].entries()) {
    await request({ unit: u1, caseRef: `P${i + 1}`, status: 'confirmed', createdMin: 1440 + m, answerAfter: 5, closedMin: 1440 });
  }
  // five children whose requests all ended without a placement (one asked twice)
  for (let i = 1; i <= 5; i++) await request({ unit: u2, caseRef: `N${i}`, urgency: 'emergency', status: 'declined', createdMin: 120, answerAfter: i === 5 ? 40 : 10, closedMin: 60 });
  await request({ unit: u1, caseRef: 'N1', urgency: 'emergency', status: 'withdrawn', createdMin: 100, answerAfter: null, closedMin: 50 });
});
afterAll(() => t.close());

describe('monitoring facts: request_facts and case_facts give the figures of placement_requests', () => {
  it('time to placement: facts = raw rows = hand count', async () => {
    const body = await placement(admin, 'scope=office');
    // minutes 200, 20, 30, 40, 100 → median 40; p90 = 100 + 0.6 × (200 − 100) = 160
    expect(body.overall).toEqual({ key: 'all', urgency: 'all', cases: 5, medianMinutes: 40, p90Minutes: 160 });
    expect(body.byServiceType).toEqual([{ key: '34', urgency: 'regular', cases: 5, medianMinutes: 40, p90Minutes: 160 }]);
    expect(await rawPlacement()).toEqual({ cases: 5, medianMinutes: 40, p90Minutes: 160 });
  });

  it('a request written late into a case changes its time to placement at once', async () => {
    // case P2 (placed 20 minutes after its first request) turns out to have been asked 500 minutes earlier
    const id = await request({ unit: u2, caseRef: 'P2', status: 'declined', createdMin: 1960, answerAfter: 10, closedMin: 1900 });
    // minutes 200, 520, 30, 40, 100 → median 100; p90 = 200 + 0.6 × 320 = 392
    expect((await placement(admin, 'scope=office')).overall).toMatchObject({ cases: 5, medianMinutes: 100, p90Minutes: 392 });
    expect(await rawPlacement()).toEqual({ cases: 5, medianMinutes: 100, p90Minutes: 392 });
    await t.ctx.sql`delete from placement_requests where id = ${id}`;
    expect((await placement(admin, 'scope=office')).overall).toMatchObject({ medianMinutes: 40, p90Minutes: 160 });
  });

  it("a unit's type of service and an office's district count as they are now", async () => {
    await t.ctx.sql`update units set service_types = array['33'] where id = ${u1.id}`;
    expect((await placement(admin, 'scope=office')).byServiceType).toEqual([{ key: '33', urgency: 'regular', cases: 5, medianMinutes: 40, p90Minutes: 160 }]);
    await t.ctx.sql`update units set service_types = array['34'] where id = ${u1.id}`;
    expect((await placement(platform, `district=${D}`)).overall.cases).toBe(5);
    await t.ctx.sql`update organisations set district_ags = ${OTHER} where id = ${office.id}`;
    try {
      expect((await placement(platform, `district=${D}`)).overall.cases).toBe('< 5');
      expect((await placement(platform, `district=${OTHER}`)).overall.cases).toBe(5);
    } finally {
      await t.ctx.sql`update organisations set district_ags = ${D} where id = ${office.id}`;
    }
  });

  it('children without placement: counted once per case, by the first unit asked and each decline reason; a change counts at once', async () => {
    const unmet = async () => (await admin.get('/api/v1/monitoring/unmet?scope=office')).body.requestsWithoutPlacement;
    // N1-N5 (types of unit 2: 35a-stat first); P1's first request was declined but the case was placed
    expect(await unmet()).toEqual({ total: 5, byServiceType: [{ key: '35a-stat', count: 5 }], byDeclineReason: [{ key: 'no-place', count: 5 }] });
    // a request of N5 still open: that child is not (yet) without placement
    const open = await t.ctx.sql`
      insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start, urgency)
      values (${randomUUID()}, ${office.id}, ${caseworker.user.id}, ${u1.id}, ${provider.id}, 'N5', 15, 'female', current_date, 'emergency') returning id`;
    expect(await unmet()).toEqual({ total: '< 5', byServiceType: [{ key: '35a-stat', count: '< 5' }], byDeclineReason: [{ key: 'no-place', count: '< 5' }] });
    await t.ctx.sql`delete from placement_requests where id = ${open[0].id}`;
    expect((await unmet()).total).toBe(5);
  });

  it('answer times from the facts: share within target and median per urgency', async () => {
    const res = await admin.get('/api/v1/monitoring/answer-times?scope=office');
    expect(res.status).toBe(200);
    // regular: 10, 5, 5, 5, 5, 5 (all within 24 h); emergency: 10, 10, 10, 10, 40 answered, N1's withdrawn one unanswered after 50 min
    expect(res.body.region.regular).toEqual({ requests: 6, shareWithinTarget: 1, medianMinutes: 5 });
    expect(res.body.region.emergency).toEqual({ requests: 6, shareWithinTarget: 0.667, medianMinutes: 10 });
    expect(res.body.providers).toEqual([expect.objectContaining({ providerId: provider.id, name: provider.name, requests: 12 })]);
  });

  it('the app cannot write the facts itself: only the triggers do', async () => {
    await expect(t.ctx.sql`delete from request_facts where office_id = ${office.id}`).rejects.toThrow(/permission denied/);
    await expect(t.ctx.sql`update case_facts set any_confirmed = true where office_id = ${office.id}`).rejects.toThrow(/permission denied/);
  });
});

describe('monitoring facts: supply_units is the live units with places as they are now', () => {
  const copy = () => t.ctx.sql`select unit_id as id, district_ags, service_types, age_min, age_max, genders, free_places, held_places, last_confirmed_at
                               from supply_units where owner_id = ${provider.id} order by 1`;
  const raw = () => t.ctx.sql`select id, district_ags, service_types, age_min, age_max, genders, free_places, held_places, last_confirmed_at
                             from units where owner_id = ${provider.id} and archived_at is null and capacity_total is not null order by 1`;
  const supply = async () => (await admin.get('/api/v1/monitoring/supply')).body.available.byServiceType;

  it('follows every write to a unit at once: places, holds, ages, archiving, capacity', async () => {
    expect(await copy()).toEqual(await raw());
    expect((await copy()).length).toBe(2);
    const before = await supply();
    await t.ctx.sql`update units set free_places = 3, held_places = 1, age_min = 6 where id = ${u1.id}`;
    expect(await copy()).toEqual(await raw());
    expect(await supply()).not.toEqual(before);
    await t.ctx.sql`update units set archived_at = now() where id = ${u2.id}`;
    expect(await copy()).toEqual(await raw());
    expect((await copy()).length).toBe(1);
    await t.ctx.sql`update units set archived_at = null where id = ${u2.id}`;
    await t.ctx.sql`update units set capacity_total = null, free_places = null, held_places = 0 where id = ${u1.id}`;
    expect(await copy()).toEqual(await raw());
    expect((await copy()).map((r) => r.id)).toEqual([u2.id]);
    // what the figure shows: only Gruppe B (35a-stat, 34) is left
    expect((await supply()).map((r: { key: string }) => r.key)).toEqual(['34', '35a-stat']);
    await expect(t.ctx.sql`delete from supply_units where unit_id = ${u2.id}`).rejects.toThrow(/permission denied/);
  });
});
