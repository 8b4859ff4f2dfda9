import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Sql } from '../../server/db';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, userClient, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type FacilityRow } from '../helpers/places';
import { makeServiceType } from './search-fixtures';

/** Gaps of issue 11: refused actions announce nothing, hold ends reopen searches, lost jobs are swept, keys bind to one call. */
let t: TestContext;
let owner: Sql;
let st: string;
let provider: OrgRow;
let facility: FacilityRow;
beforeAll(async () => {
  t = await createTestContext({ jobs: true });
  owner = createDb(inject('databaseUrl'), { max: 1 });
  st = await makeServiceType(t.ctx.sql);
  provider = await makeOrg(t.ctx.sql, 'provider');
  facility = await makeFacility(t.ctx.sql, provider, { lat: 53.8655, lon: 10.6866, postcode: '23552', city: 'Lübeck' });
});
afterAll(async () => {
  await owner.end({ timeout: 5 });
  await t.close();
});

const today = () => new Date().toISOString().slice(0, 10);
const body = (unitId: string, extra: Record<string, unknown> = {}) => ({ unitIds: [unitId], caseRef: 'LG-11', childAge: 10, childGender: 'female', needs: [], desiredStart: today(), urgency: 'regular', ...extra });

async function setup(free = 1) {
  const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
  const staff = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff', provider);
  const unit = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], ageMin: 8, ageMax: 12, freePlaces: free, capacityTotal: 6 });
  return { office, staff, unit };
}

async function request(s: Awaited<ReturnType<typeof setup>>, c = s.office.client) {
  const res = await c.post('/api/v1/requests', body(s.unit.id));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.items[0].id as string;
}

const eventsAbout = (key: string, value: string) => t.ctx.sql`select seq, type, payload from events where payload->>${key} = ${value} order by seq`;

describe('a refused or rolled-back action sends no event', () => {
  it('an accept answered 409 (nothing left to hold) announces nothing', async () => {
    const s = await setup(1);
    const first = await request(s);
    const other = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    const second = await request(s, other.client);
    expect((await s.staff.client.post(`/api/v1/requests/${first}/accept`, {})).status).toBe(200);
    const before = await eventsAbout('unitId', s.unit.id);
    const refused = await s.staff.client.post(`/api/v1/requests/${second}/accept`, {});
    expect(refused.status).toBe(409);
    expect((await eventsAbout('requestId', second)).map((e) => e.payload.what)).toEqual(['created']);
    expect(await eventsAbout('unitId', s.unit.id)).toEqual(before);
  });
});

describe('when a hold ends, open searches see the place again', () => {
  async function openSearchWithHold() {
    const s = await setup(1);
    const opened = await s.office.client.post('/api/v1/searches', { criteria: { serviceType: st, age: 10, reference: { postcode: '23552' }, radiusKm: 20 } });
    expect(opened.status).toBe(201);
    const searchId = opened.body.search.id as string;
    const id = await request(s);
    expect((await s.staff.client.post(`/api/v1/requests/${id}/accept`, {})).status).toBe(200);
    const matched = async () => (await t.ctx.sql`select 1 from search_matched(${s.unit.id}) where search_id = ${searchId}`).length === 1;
    expect(await matched()).toBe(false); // held: nothing available
    const added = async () =>
      (await t.ctx.sql`select 1 from events where type = 'search:match-added' and rooms @> array[${`search:${searchId}`}]::text[] and payload->>'unitId' = ${s.unit.id}`).length;
    return { s, id, searchId, matched, added };
  }

  it('withdraw', async () => {
    const h = await openSearchWithHold();
    const before = await h.added();
    expect((await h.s.office.client.post(`/api/v1/requests/${h.id}/withdraw`, {})).status).toBe(200);
    expect(await h.matched()).toBe(true);
    expect(await h.added()).toBe(before + 1);
  });

  it('release by the provider', async () => {
    const h = await openSearchWithHold();
    const before = await h.added();
    expect((await h.s.staff.client.post(`/api/v1/requests/${h.id}/release`, {})).status).toBe(200);
    expect(await h.matched()).toBe(true);
    expect(await h.added()).toBe(before + 1);
  });

  it('expiry', async () => {
    const h = await openSearchWithHold();
    const before = await h.added();
    await t.ctx.sql`update placement_requests set hold_expires_at = now() - interval '1 minute' where id = ${h.id}`;
    await t.ctx.jobs.run('requests.expire-hold', { requestId: h.id });
    expect(await h.matched()).toBe(true);
    expect(await h.added()).toBe(before + 1);
  });
});

describe('the hold-expiry sweeper', () => {
  it('ends a hold whose expiry job was lost', async () => {
    const s = await setup(1);
    const id = await request(s);
    expect((await s.staff.client.post(`/api/v1/requests/${id}/accept`, {})).status).toBe(200);
    await owner`delete from pgboss.job where name = 'requests.expire-hold' and data->>'requestId' = ${id}`;
    await t.ctx.sql`update placement_requests set hold_expires_at = now() - interval '1 minute' where id = ${id}`;
    await t.ctx.jobs.run('requests.expire-holds-sweep');
    const [r] = await t.ctx.sql`select status from placement_requests where id = ${id}`;
    expect(r.status).toBe('expired');
    const [u] = await t.ctx.sql`select held_places from units where id = ${s.unit.id}`;
    expect(u.heldPlaces).toBe(0);
  });
});

describe('an Idempotency-Key binds to one call', () => {
  const withKey = (c: Awaited<ReturnType<typeof setup>>['office']['client'], path: string, key: string, b: object) =>
    c.agent.post(path).set('X-CSRF-Token', c.csrf).set('Idempotency-Key', key).send(b);

  it('is refused for another action, another object or another body, never answered with the first result', async () => {
    const s = await setup(3);
    const key = `gap-${Date.now()}-create`;
    const created = await withKey(s.office.client, '/api/v1/requests', key, body(s.unit.id));
    expect(created.status).toBe(201);
    const otherBody = await withKey(s.office.client, '/api/v1/requests', key, body(s.unit.id, { childAge: 11 }));
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.error.message).toMatch(/different request body/);
    const id = created.body.items[0].id as string;
    expect((await s.staff.client.post(`/api/v1/requests/${id}/accept`, {})).status).toBe(200);
    const otherAction = await withKey(s.office.client, `/api/v1/requests/${id}/confirm`, key, {});
    expect(otherAction.status).toBe(409);
    expect(otherAction.body.error.message).toMatch(/another action/);

    const confirmKey = `gap-${Date.now()}-confirm`;
    expect((await withKey(s.office.client, `/api/v1/requests/${id}/confirm`, confirmKey, {})).status).toBe(200);
    const unit2 = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], freePlaces: 1 });
    const id2 = (await s.office.client.post('/api/v1/requests', body(unit2.id))).body.items[0].id as string;
    await s.staff.client.post(`/api/v1/requests/${id2}/accept`, {});
    const otherObject = await withKey(s.office.client, `/api/v1/requests/${id2}/confirm`, confirmKey, {});
    expect(otherObject.status).toBe(409);
    const [r2] = await t.ctx.sql`select status from placement_requests where id = ${id2}`;
    expect(r2.status).toBe('accepted');
    const [groups] = await t.ctx.sql`select count(distinct group_id)::int as n from placement_requests where unit_id = ${s.unit.id}`;
    expect(groups.n).toBe(1);
  });
});
