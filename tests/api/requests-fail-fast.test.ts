import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';
import { login, makeOrg, makeUser, type Client } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// Refusals that the committed state already decides are given from one plain read: they neither
// write nor wait on a row another transaction holds (the losers of a race for the last places
// answered at once instead of queueing behind the winners' commits).
let s: RunningServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

/** Runs `fn` while another transaction holds the row locked (as an answer in flight would). */
async function whileLocked<T>(sql: Db, table: 'placement_requests', id: string, fn: () => Promise<T>): Promise<T> {
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  let locked = () => {};
  const isLocked = new Promise<void>((r) => (locked = r));
  const holder = (sql as Extract<Db, { begin: unknown }>).begin(async (tx) => {
    await tx`select 1 from ${tx(table)} where id = ${id} for update`;
    locked();
    await released;
  });
  await isLocked;
  try {
    return await fn();
  } finally {
    release();
    await holder;
  }
}

async function setup() {
  const provider = await makeOrg(s.ctx.sql, 'provider');
  const unit = await makeUnit(s.ctx.sql, provider, await makeFacility(s.ctx.sql, provider), { freePlaces: 1, capacityTotal: 4 });
  const staff = await login(s.http, await makeUser(s.ctx.sql, provider, 'provider_staff'));
  const offices: Client[] = [];
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const office = await login(s.http, await makeUser(s.ctx.sql, await makeOrg(s.ctx.sql, 'office'), 'caseworker'));
    const r = await office.post('/api/v1/requests', { unitIds: [unit.id], caseRef: `FF-${i}`, childAge: 13, childGender: 'male', desiredStart: '2026-12-01', urgency: 'regular' });
    expect(r.status).toBe(201);
    offices.push(office);
    ids.push(r.body.items[0].id);
  }
  return { unit, staff, offices, ids };
}

describe('refusals decided by the committed state', () => {
  it('an accept when every place is held is refused while the request row is locked, and writes nothing', async () => {
    const { unit, staff, ids } = await setup();
    expect((await staff.post(`/api/v1/requests/${ids[0]}/accept`, {})).status).toBe(200);
    // (a locked unit row would not hold it up either way: the hold's update skips a row it cannot take)
    const refused = await whileLocked(s.ctx.sql, 'placement_requests', ids[1], () => staff.post(`/api/v1/requests/${ids[1]}/accept`, {}));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/No place available/);
    const [r] = await s.ctx.sql`select status, hold_expires_at from placement_requests where id = ${ids[1]}`;
    expect(r).toEqual({ status: 'open', holdExpiresAt: null });
    const audit = await s.ctx.sql`select 1 from audit_log where action = 'request.accept' and object_id = ${ids[1]}`;
    expect(audit).toHaveLength(0);
    // the first hold still stands, nothing more is held
    const [u] = await s.ctx.sql`select free_places, held_places from units where id = ${unit.id}`;
    expect(u).toEqual({ freePlaces: 1, heldPlaces: 1 });
  });

  it('an accept of an answered request is refused while its row is locked', async () => {
    const { staff, ids } = await setup();
    expect((await staff.post(`/api/v1/requests/${ids[0]}/accept`, {})).status).toBe(200);
    const again = await whileLocked(s.ctx.sql, 'placement_requests', ids[0], () => staff.post(`/api/v1/requests/${ids[0]}/accept`, {}));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/is accepted and can no longer be accepted/);
  });

  it('a confirm of a request that is no hold is refused while its row is locked', async () => {
    const { offices, ids } = await setup();
    const refused = await whileLocked(s.ctx.sql, 'placement_requests', ids[0], () => offices[0].post(`/api/v1/requests/${ids[0]}/confirm`));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/is open; only an accepted hold can be confirmed/);
  });

  it('a refused offer leaves the place to the next one: the second accept holds it after a release', async () => {
    const { staff, ids } = await setup();
    expect((await staff.post(`/api/v1/requests/${ids[0]}/accept`, {})).status).toBe(200);
    expect((await staff.post(`/api/v1/requests/${ids[1]}/accept`, {})).status).toBe(409);
    expect((await staff.post(`/api/v1/requests/${ids[0]}/release`, {})).status).toBe(200);
    const second = await staff.post(`/api/v1/requests/${ids[1]}/accept`, {});
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('accepted');
  });
});
