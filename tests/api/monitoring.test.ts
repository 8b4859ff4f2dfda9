import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleAfterAnswer } from '../../server/after-answer';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, userClient, type Client, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type UnitRow } from '../helpers/places';

// A small data set of our own in Vorpommern-Greifswald (13075): a district no other test uses, and no
// other test's place or search lies within the provider figures' radius (MONITORING_RADIUS_KM, 50 km),
// so the searches "around" the provider are this file's alone whichever files run before or beside it.
const D = '13075';
const GREIFSWALD = { lat: 54.093, lon: 13.387 };
let t: TestContext;
let officeA: OrgRow;
let caseworker: Client;
let adminA: Client;
let platform: Client;
let providerAdmin: Client;
let provider: OrgRow;
let u1: UnitRow;
let u2: UnitRow;

const search = (c: Client, criteria: object) => c.post('/api/v1/search', { criteria });
const near = { reference: { lat: GREIFSWALD.lat, lon: GREIFSWALD.lon }, radiusKm: 20 };

/** A request row written directly, with the times the figures are computed from (minutes ago). */
async function request(o: { unit: UnitRow; caseRef: string; urgency: 'regular' | 'emergency'; status: 'confirmed' | 'declined'; createdMin: number; answerAfter: number; closedMin: number }) {
  await t.ctx.sql`
    insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start,
      urgency, status, decline_reason, answered_at, closed_at, created_at)
    values (${randomUUID()}, ${officeA.id}, ${caseworker.user.id}, ${o.unit.id}, ${provider.id}, ${o.caseRef}, 15, 'female', current_date,
      ${o.urgency}, ${o.status}, ${o.status === 'declined' ? 'no-place' : null},
      now() - make_interval(mins => ${o.createdMin - o.answerAfter}), now() - make_interval(mins => ${o.closedMin}), now() - make_interval(mins => ${o.createdMin}))`;
}

beforeAll(async () => {
  t = await createTestContext({ jobs: true });
  officeA = await makeOrg(t.ctx.sql, 'office', { districtAgs: D });
  caseworker = await login(t.app, await makeUser(t.ctx.sql, officeA, 'caseworker'));
  adminA = await login(t.app, await makeUser(t.ctx.sql, officeA, 'office_admin'));
  platform = (await userClient(t.app, t.ctx.sql, 'platform')).client;
  provider = await makeOrg(t.ctx.sql, 'provider', { districtAgs: D });
  providerAdmin = await login(t.app, await makeUser(t.ctx.sql, provider, 'provider_admin'));
  const f = await makeFacility(t.ctx.sql, provider, { ...GREIFSWALD, postcode: '17489', city: 'Greifswald' });
  u1 = await makeUnit(t.ctx.sql, provider, f, { name: 'Mädchengruppe', genders: ['female'], ageMin: 12, ageMax: 17, capacityTotal: 6, freePlaces: 3 });
  u2 = await makeUnit(t.ctx.sql, provider, f, {
    name: 'Kindergruppe', serviceTypes: ['34', '35a-stat'], ageMin: 6, ageMax: 13, capacityTotal: 6, freePlaces: 2,
    lastConfirmedAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
  });
  await t.ctx.sql`update units set district_ags = ${D} where id in (${u1.id}, ${u2.id})`;
  await t.ctx.sql`update units set held_places = 1 where id = ${u2.id}`;
  await t.ctx.sql`insert into planned_vacancies (unit_id, available_from, places) values
    (${u1.id}, current_date + 10, 2), (${u2.id}, current_date + 40, 3)`;
});
afterAll(() => t.close());

describe('monitoring: supply', () => {
  it('counts available places (free − held) by type, age band, gender, district; planned; freshness; trend', async () => {
    await t.ctx.jobs.run('monitoring.snapshot');
    const res = await adminA.get('/api/v1/monitoring/supply');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.scope).toBe('district');
    expect(res.body.districts).toEqual([D]);
    const a = res.body.available;
    expect(a.byServiceType).toEqual([
      { key: '34', units: 2, free: 5, held: 1, available: 4 },
      { key: '35a-stat', units: 1, free: 2, held: 1, available: 1 },
    ]);
    expect(a.byAgeBand).toEqual([
      { key: '12-13', units: 2, free: 5, held: 1, available: 4 },
      { key: '14-17', units: 1, free: 3, held: 0, available: 3 },
      { key: '6-11', units: 1, free: 2, held: 1, available: 1 },
    ]);
    expect(a.byGender.find((g: { key: string }) => g.key === 'male')).toEqual({ key: 'male', units: 1, free: 2, held: 1, available: 1 });
    expect(a.byDistrict).toMatchObject([{ key: D, name: 'Vorpommern-Greifswald', units: 2, available: 4 }]);
    expect(res.body.plannedNext30Days).toEqual([{ key: '34', places: 2 }]);
    // U1 confirmed now, U2 five days ago: 1 of 2 units, 3 of 5 free places within 72 h
    expect(res.body.freshness.region).toEqual({ units: 2, unitsConfirmed: 1, shareUnits: 0.5, freePlaces: 5, freePlacesConfirmed: 3, sharePlaces: 0.6 });
    expect(res.body.freshness.providers).toMatchObject([{ providerId: provider.id, shareUnits: 0.5 }]);
    expect(res.body.trend.at(-1)).toMatchObject({ free: 5, held: 1, available: 4 });
  });
});

describe('monitoring: recorded searches, demand and unmet demand', () => {
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) expect((await search(caseworker, { serviceType: '34', age: 15, gender: 'female', ...near })).body.total).toBe(1);
    // secure setting within 5 km: nothing; dropping "secure" alone finds U1
    for (let i = 0; i < 5; i++) expect((await search(caseworker, { serviceType: '34', age: 15, gender: 'female', secureSetting: true, ...near, radiusKm: 5 })).body.total).toBe(0);
    for (let i = 0; i < 2; i++) await search(caseworker, { serviceType: '34', age: 7, ...near });
    const officeB = await makeOrg(t.ctx.sql, 'office', { districtAgs: D });
    const otherCaseworker = await login(t.app, await makeUser(t.ctx.sql, officeB, 'caseworker'));
    for (let i = 0; i < 2; i++) await search(otherCaseworker, { serviceType: '34', age: 15, ...near });
    await settleAfterAnswer(); // the records are written after the answers
  });

  it('records searches without any case reference and counts them by criteria; cells below 5 show "< 5"', async () => {
    const [row] = await t.ctx.sql`select * from search_log where office_id = ${officeA.id} and result_count = 0 limit 1`;
    expect(row).toMatchObject({ age: 15, gender: 'female', secureSetting: true, bindingConstraint: 'secure', relaxedFound: 1, refLat: '54.1', refLon: '13.4' });
    expect(Object.keys(row).filter((k) => /case|note|text|ref$/i.test(k))).toEqual([]);
    const office = await caseworker.get('/api/v1/monitoring/demand?scope=office');
    expect(office.status).toBe(200);
    expect(office.body.searches.total).toBe(12);
    expect(office.body.searches.byAgeBand).toEqual([{ key: '14-17', count: 10 }, { key: '6-11', count: '< 5' }]);
    expect(office.body.searches.byGender).toEqual([{ key: 'female', count: 10 }, { key: 'any', count: '< 5' }]);
    const district = await caseworker.get('/api/v1/monitoring/demand');
    expect(district.body.searches.total).toBe(14);
    expect(district.body.searches.byDistrict).toEqual([{ key: D, count: 14 }]);
  });

  it('unmet demand: empty searches by criteria with the binding constraint and what relaxing it finds', async () => {
    const res = await caseworker.get('/api/v1/monitoring/unmet?scope=office');
    expect(res.status).toBe(200);
    expect(res.body.emptySearches.total).toBe(5);
    expect(res.body.emptySearches.byCriteria).toEqual([
      { serviceType: '34', ageBand: '14-17', gender: 'female', needs: [], count: 5, bindingConstraint: 'secure', relaxedFound: 5 },
    ]);
    expect(res.body.emptySearches.byConstraint).toEqual([{ key: 'secure', count: 5, relaxedFound: 5 }]);
    expect(res.body.emptySearches.byDistrict).toMatchObject([{ key: D, name: 'Vorpommern-Greifswald', count: 5 }]);
    expect(res.body.escalatedEmergencies).toBe('< 5');
  });
});

describe('monitoring: requests, time to placement, answer times', () => {
  beforeAll(async () => {
    // case C1 was declined first (200 min before its placement), so its time counts from then
    await request({ unit: u2, caseRef: 'C1', urgency: 'regular', status: 'declined', createdMin: 1640, answerAfter: 10, closedMin: 1600 });
    // placed 200, 20, 30, 40, 100 minutes after the first request; answered after 5, 5, 5, 5, 100 minutes
    for (const [i, m] of [200, 20, 30, 40, 100].entries()) {
      await request({ unit: u1, caseRef: `C${i + 1}`, urgency: 'regular', status: 'confirmed', createdMin: 1440 + m, answerAfter: i === 4 ? 100 : 5, closedMin: 1440 });
    }
    for (const [i, answerAfter] of [10, 10, 10, 10, 40].entries()) {
      await request({ unit: u1, caseRef: `E${i + 1}`, urgency: 'emergency', status: 'declined', createdMin: 120, answerAfter, closedMin: 60 });
    }
  });

  it('time to placement from the first request of a case: median and 90th percentile in minutes', async () => {
    const res = await adminA.get('/api/v1/monitoring/placement-time?scope=office');
    expect(res.status).toBe(200);
    // minutes 200, 20, 30, 40, 100 → median 40; p90 = 100 + 0.6 × (200 − 100) = 160
    expect(res.body.overall).toEqual({ key: 'all', urgency: 'all', cases: 5, medianMinutes: 40, p90Minutes: 160 });
    expect(res.body.byServiceType).toEqual([{ key: '34', urgency: 'regular', cases: 5, medianMinutes: 40, p90Minutes: 160 }]);
  });

  it('children whose requests all ended without a placement; requests counted once per child', async () => {
    const res = await adminA.get('/api/v1/monitoring/unmet?scope=office');
    expect(res.body.requestsWithoutPlacement).toEqual({ total: 5, byServiceType: [{ key: '34', count: 5 }], byDeclineReason: [{ key: 'no-place', count: 5 }] });
    const demand = await adminA.get('/api/v1/monitoring/demand?scope=office');
    expect(demand.body.requests.total).toBe(11);
    expect(demand.body.emergencyRequests.total).toBe(5);
  });

  it('answer times: share within 30 min (emergency) / 24 h (regular), medians, per provider', async () => {
    const res = await adminA.get('/api/v1/monitoring/answer-times');
    expect(res.status).toBe(200);
    // regular: 10, 5, 5, 5, 5, 100 minutes (all within 24 h); emergency: 10, 10, 10, 10, 40 (4 of 5 within 30 min)
    expect(res.body.region.regular).toEqual({ requests: 6, shareWithinTarget: 1, medianMinutes: 5 });
    expect(res.body.region).toMatchObject({ requests: 11, shareWithinTarget: 0.909, medianMinutes: 10 });
    expect(res.body.region.emergency).toEqual({ requests: 5, shareWithinTarget: 0.8, medianMinutes: 10 });
    expect(res.body.providers).toEqual([expect.objectContaining({ providerId: provider.id, requests: 11 })]);
  });
});

describe('monitoring: who sees what', () => {
  it('offices are limited to their district and the region around it; the platform sees all', async () => {
    expect((await caseworker.get('/api/v1/monitoring/supply?scope=all')).status).toBe(403);
    expect((await caseworker.get('/api/v1/monitoring/supply?district=05315')).status).toBe(403);
    const region = await caseworker.get('/api/v1/monitoring/supply?scope=region');
    expect(region.body.radiusKm).toBe(50);
    expect(region.body.districts).toContain(D);
    expect(region.body.districts).toContain('13073'); // Vorpommern-Rügen (Stralsund about 30 km away)
    expect(region.body.districts).not.toContain('05315');
    expect((await providerAdmin.get('/api/v1/monitoring/supply')).status).toBe(403);
    expect((await caseworker.get('/api/v1/monitoring/provider')).status).toBe(403);
    const all = await platform.get('/api/v1/monitoring/supply');
    expect(all.body).toMatchObject({ scope: 'all', districts: null });
    const one = await platform.get(`/api/v1/monitoring/demand?district=${D}`);
    expect(one.body.searches.total).toBe(14);
    const [audit] = await t.ctx.sql`select details from audit_log where action = 'monitoring.view' and actor_user_id = ${platform.user.id} order by id desc limit 1`;
    expect(audit.details).toMatchObject({ figure: 'demand', districts: [D] });
  });

  it("a provider admin sees its units' appearances, requests and acceptances and the unmet demand around it", async () => {
    const res = await providerAdmin.get('/api/v1/monitoring/provider');
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.units.map((u: { name: string }) => [u.name, u]));
    // 5 female searches of office A and 2 of office B found it
    expect(byName['Mädchengruppe']).toMatchObject({ appearances: 7, requests: 10, accepted: 5 });
    expect(byName['Kindergruppe']).toMatchObject({ appearances: '< 5', requests: '< 5', accepted: '< 5' });
    expect(res.body.unmetAround).toEqual([{ serviceType: '34', ageBand: '14-17', gender: 'female', needs: [], count: 5 }]);
    expect(res.body.freshness.own).toMatchObject({ units: 2, unitsConfirmed: 1, shareUnits: 0.5 });
    expect(res.body.answerTimes.own).toMatchObject({ requests: 11 });
  });

  it('a district without any unit answers zeros, not an error', async () => {
    const empty = await makeOrg(t.ctx.sql, 'office', { districtAgs: '16073' });
    const admin = await login(t.app, await makeUser(t.ctx.sql, empty, 'office_admin'));
    const res = await admin.get('/api/v1/monitoring/supply');
    expect(res.status).toBe(200);
    expect(res.body.freshness.region).toEqual({ units: 0, unitsConfirmed: 0, shareUnits: null, freePlaces: 0, freePlacesConfirmed: 0, sharePlaces: null });
  });

  it('the prune job deletes search records past their retention', async () => {
    await t.ctx.sql`insert into search_log (searched_at, office_id, age, result_count) values (now() - interval '500 days', ${officeA.id}, 9, 3)`;
    await t.ctx.jobs.run('monitoring.prune');
    const [r] = await t.ctx.sql`select count(*)::int as n from search_log where office_id = ${officeA.id} and searched_at < now() - interval '400 days'`;
    expect(r.n).toBe(0);
  });
});
