import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleAfterAnswer } from '../../server/after-answer';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, type Client, type OrgRow } from '../helpers/factories';

// Sömmerda (16068): the office of this file; every search below is its own.
const D = '16068';
const SOEMMERDA = { lat: 51.16, lon: 11.12 };
let t: TestContext;
let office: OrgRow;
let caseworker: Client;

beforeAll(async () => {
  t = await createTestContext();
  office = await makeOrg(t.ctx.sql, 'office', { districtAgs: D });
  caseworker = await login(t.app, await makeUser(t.ctx.sql, office, 'caseworker'));
});
afterAll(() => t.close());

// the records are written after the answers (server/after-answer.ts)
const rows = async () => (await settleAfterAnswer(), t.ctx.sql<{ kind: string; age: number | null; emergencyIntake: boolean; radiusKm: number | null; resultCount: number }[]>`
  select kind, age, emergency_intake, radius_km, result_count from search_log where office_id = ${office.id} order by id`);

describe('monitoring: browses and emergency searches are recorded too', () => {
  it('a search without an age is recorded as a browse, with no age and nothing about a child', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await caseworker.post('/api/v1/search', { criteria: { serviceType: '34', reference: SOEMMERDA, radiusKm: 30 } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    expect((await rows()).map((r) => [r.kind, r.age])).toEqual(Array(5).fill(['browse', null]));
    await settleAfterAnswer();
    const [row] = await t.ctx.sql`select * from search_log where office_id = ${office.id} limit 1`;
    expect(Object.keys(row).filter((k) => /case|note|text|name/i.test(k))).toEqual([]);
  });

  it("an emergency search's first look is recorded as an emergency search; paging on through it is not", async () => {
    const q = `/api/v1/emergency/units?age=13&gender=male&lat=${SOEMMERDA.lat}&lon=${SOEMMERDA.lon}`;
    for (let i = 0; i < 5; i++) expect((await caseworker.get(q)).status).toBe(200);
    expect((await caseworker.get(`${q}&wider=true`)).status).toBe(200);
    expect((await caseworker.get(`${q}&excludeUnitIds=00000000-0000-4000-8000-000000000000`)).status).toBe(200);
    const emergency = (await rows()).filter((r) => r.kind === 'emergency');
    expect(emergency).toHaveLength(5);
    expect(emergency[0]).toMatchObject({ age: 13, emergencyIntake: true, radiusKm: t.ctx.config.EMERGENCY_MAX_KM });
  });

  it('the demand figure counts searches by kind, and browses in the age band "any"', async () => {
    const res = await caseworker.get('/api/v1/monitoring/demand?scope=office');
    expect(res.status).toBe(200);
    expect(res.body.searches.total).toBe(10);
    expect(res.body.searchKinds).toEqual([{ key: 'browse', count: 5 }, { key: 'emergency', count: 5 }]);
    expect(res.body.searches.byAgeBand).toEqual([{ key: '12-13', count: 5 }, { key: 'any', count: 5 }]);
  });

  it('the database keeps a browse without an age and every other search with one', async () => {
    const insert = (kind: string, age: number | null) =>
      t.ctx.sql`insert into search_log (kind, office_id, district_ags, age, result_count) values (${kind}, ${office.id}, ${D}, ${age}, 1)`;
    await expect(insert('browse', 9)).rejects.toThrow(/search_log_browse_without_age/);
    await expect(insert('search', null)).rejects.toThrow(/search_log_browse_without_age/);
    await expect(insert('emergency', null)).rejects.toThrow(/search_log_browse_without_age/);
    await expect(insert('guess', 9)).rejects.toThrow(/check/);
  });
});
