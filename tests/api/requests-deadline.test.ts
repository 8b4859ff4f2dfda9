import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { RequestAnswered, RequestScope, runInScope } from '../../server/request-scope';
import { userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// the deadline's 504 must mean "nothing was changed": a change still running when it answers is
// rolled back, one that finishes before it is answered with its result
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ jobs: true, env: { RESPONSE_TIMEOUT_SECONDS: '1' } });
});
afterAll(() => t.close());

const today = () => new Date().toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup() {
  const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
  const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const facility = await makeFacility(t.ctx.sql, provider.org);
  const unit = await makeUnit(t.ctx.sql, provider.org, facility, { freePlaces: 2, capacityTotal: 6 });
  const send = () =>
    office.client.post('/api/v1/requests', { unitIds: [unit.id], caseRef: 'ASD-2026-0999', childAge: 12, childGender: 'male', needs: [], desiredStart: today(), urgency: 'regular' });
  return { office, provider, unit, send };
}

/** Locks the unit's row from a connection of the test's own until `release()`. */
async function lockUnit(unitId: string) {
  const conn = await t.ctx.sql.reserve();
  await conn`begin`;
  await conn`select 1 from units where id = ${unitId} for update`;
  return async () => {
    await conn`rollback`;
    conn.release();
  };
}

const request = async (id: string) => (await t.ctx.sql`select status, hold_expires_at from placement_requests where id = ${id}`)[0];
const unitRow = async (id: string) => (await t.ctx.sql`select free_places, held_places from units where id = ${id}`)[0];
const audits = async (id: string, action: string) => Number((await t.ctx.sql`select count(*) as n from audit_log where object_id = ${id} and action = ${action}`)[0].n);

function expectTimeout(res: { status: number; body: unknown }) {
  expect(res.status, JSON.stringify(res.body)).toBe(504);
  expect(res.body).toEqual({ error: { code: 'DATABASE_TIMEOUT', message: expect.any(String), requestId: expect.any(String) } });
}

describe('an answer of the deadline means nothing happened', () => {
  it('accept: 504 after the deadline, and no hold was made; a retry then succeeds', async () => {
    const s = await setup();
    const sent = await s.send();
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const id = sent.body.items[0].id as string;
    const release = await lockUnit(s.unit.id);
    const res = await s.provider.client.post(`/api/v1/requests/${id}/accept`, {});
    // the lock goes only after the answer: the transaction could go on and commit now
    await release();
    expectTimeout(res);
    await sleep(300);
    expect(await request(id)).toMatchObject({ status: 'open', holdExpiresAt: null });
    expect(await unitRow(s.unit.id)).toMatchObject({ freePlaces: 2, heldPlaces: 0 });
    expect(await audits(id, 'request.accept')).toBe(0);
    const again = await s.provider.client.post(`/api/v1/requests/${id}/accept`, {});
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(await unitRow(s.unit.id)).toMatchObject({ freePlaces: 2, heldPlaces: 1 });
  });

  it('confirm: 504 after the deadline, and the placement was not recorded', async () => {
    const s = await setup();
    const sent = await s.send();
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const id = sent.body.items[0].id as string;
    expect((await s.provider.client.post(`/api/v1/requests/${id}/accept`, {})).status).toBe(200);
    const release = await lockUnit(s.unit.id);
    const res = await s.office.client.post(`/api/v1/requests/${id}/confirm`).set('Idempotency-Key', `deadline-${id}`);
    await release();
    expectTimeout(res);
    await sleep(300);
    expect(await request(id)).toMatchObject({ status: 'accepted' });
    expect(await unitRow(s.unit.id)).toMatchObject({ freePlaces: 2, heldPlaces: 1 });
    // the same key again: the first attempt left nothing behind, so it is carried out now
    const again = await s.office.client.post(`/api/v1/requests/${id}/confirm`).set('Idempotency-Key', `deadline-${id}`);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(await unitRow(s.unit.id)).toMatchObject({ freePlaces: 1, heldPlaces: 0 });
  });

  it('create request: 504 after the deadline, and no request exists', async () => {
    const s = await setup();
    const before = Number((await t.ctx.sql`select count(*) as n from placement_requests where unit_id = ${s.unit.id}`)[0].n);
    const release = await lockUnit(s.unit.id);
    const res = await s.send();
    await release();
    expectTimeout(res);
    await sleep(300);
    expect(Number((await t.ctx.sql`select count(*) as n from placement_requests where unit_id = ${s.unit.id}`)[0].n)).toBe(before);
  });

  it('a change that finishes just before the deadline is answered with its result', async () => {
    const s = await setup();
    const sent = await s.send();
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const id = sent.body.items[0].id as string;
    const release = await lockUnit(s.unit.id);
    // supertest sends on `then`: started now, answered once the lock goes
    const pending = s.provider.client.post(`/api/v1/requests/${id}/accept`, {}).then((r) => r);
    await sleep(600);
    await release();
    const res = await pending;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('accepted');
    expect(await unitRow(s.unit.id)).toMatchObject({ freePlaces: 2, heldPlaces: 1 });
  });
});

describe('the request scope the deadline closes', () => {
  it('a transaction whose work ends after the deadline answered rolls back instead of committing', async () => {
    const s = await setup();
    const scope = new RequestScope();
    const run = runInScope(scope, () =>
      t.ctx.sql.begin(async (tx) => {
        await tx`update units set free_places = free_places + 1 where id = ${s.unit.id}`;
        // the deadline answers while the work is done but before COMMIT: nothing left to cancel
        expect(await scope.close()).toBe(true);
      }),
    );
    await expect(run).rejects.toBeInstanceOf(RequestAnswered);
    expect(await unitRow(s.unit.id)).toMatchObject({ freePlaces: 2 });
  });

  it('a COMMIT already under way makes the deadline stand back: the change is answered, not denied', async () => {
    const s = await setup();
    const scope = new RequestScope();
    let closing: Promise<boolean> | undefined;
    await runInScope(scope, () =>
      t.ctx.sql.begin(async (tx) => {
        await tx`update units set free_places = free_places + 1 where id = ${s.unit.id}`;
        // fires once the callback returned and postgres.js sent COMMIT
        setImmediate(() => (closing = scope.close()));
      }),
    );
    expect(closing).toBeDefined();
    expect(await closing).toBe(false);
    expect(await unitRow(s.unit.id)).toMatchObject({ freePlaces: 3 });
  });
});
