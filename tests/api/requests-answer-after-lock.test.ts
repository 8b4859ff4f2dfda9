import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient, type Client } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// An accept and a confirm whose request changed while they waited on its lock: the status (and the
// hold's deadline) are checked on the locked row, and a refusal leaves nothing of the answer behind.
// (Kept from a trial that sent the lock and the writes in one round trip, see README: the checks
// after the lock hold either way.)
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ jobs: true });
});
afterAll(() => t.close());

async function offered(units = 1) {
  const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
  const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const facility = await makeFacility(t.ctx.sql, provider.org);
  const unitIds: string[] = [];
  for (let i = 0; i < units; i++) unitIds.push((await makeUnit(t.ctx.sql, provider.org, facility, { freePlaces: 2, capacityTotal: 4 })).id);
  const r = await office.client.post('/api/v1/requests', { unitIds, caseRef: 'CA-1', childAge: 10, childGender: 'male', desiredStart: '2026-12-01', urgency: 'regular' });
  expect(r.status).toBe(201);
  const items: { id: string; unitId: string }[] = r.body.items;
  const ids = items.map((i) => i.id);
  // the unit of the first request (the answer need not list them in the order sent)
  return { office, provider, unitId: items[0].unitId, ids };
}

async function held(units = 1) {
  const o = await offered(units);
  expect((await o.provider.client.post(`/api/v1/requests/${o.ids[0]}/accept`, {})).status).toBe(200);
  return o;
}

/** What a confirm of `id` would have written, and the unit's figures. */
async function written(id: string, unitId: string) {
  const [r] = await t.ctx.sql`select status from placement_requests where id = ${id}`;
  const [u] = await t.ctx.sql`select free_places, held_places from units where id = ${unitId}`;
  const [audit] = await t.ctx.sql`select count(*)::int as n from audit_log where action = 'request.confirm' and object_id = ${id}`;
  const [events] = await t.ctx.sql`select count(*)::int as n from events where type = 'request:changed' and payload ->> 'requestId' = ${id} and payload ->> 'what' = 'confirmed'`;
  return { status: r.status, free: u.freePlaces, held: u.heldPlaces, audits: audit.n, events: events.n };
}

/**
 * Holds the request's row locked in another transaction while the confirm is sent, runs `change`
 * in that transaction once the confirm waits on the lock, commits it, and gives the confirm's answer.
 */
async function answerWhileChanged(client: Client, path: string, id: string, change: (tx: Db) => Promise<unknown>) {
  let answer: Promise<{ status: number; body: any }> | undefined;
  await (t.ctx.sql as Extract<Db, { begin: unknown }>).begin(async (tx) => {
    const [{ pid }] = await tx`select pg_backend_pid() as pid from placement_requests where id = ${id} for update`;
    answer = client.post(path, {}).then((r) => r);
    for (let i = 0; i < 200; i++) {
      const [w] = await t.ctx.sql`select count(*)::int as n from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))`;
      if (w.n > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await change(tx);
  });
  return answer!;
}

describe('a hold confirmed', () => {
  it('is placed: status, audit, announcement and the unit figures', async () => {
    const { office, unitId, ids } = await held();
    const res = await office.client.post(`/api/v1/requests/${ids[0]}/confirm`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('confirmed');
    expect(await written(ids[0], unitId)).toEqual({ status: 'confirmed', free: 1, held: 0, audits: 1, events: 1 });
  });

  it('past its deadline: 409, and nothing of it is kept', async () => {
    const { office, unitId, ids } = await held();
    await t.ctx.sql`update placement_requests set hold_expires_at = now() - interval '1 second' where id = ${ids[0]}`;
    const res = await office.client.post(`/api/v1/requests/${ids[0]}/confirm`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/hold has expired/);
    expect(await written(ids[0], unitId)).toEqual({ status: 'accepted', free: 2, held: 1, audits: 0, events: 0 });
  });

  it('released while the confirm waited on its lock: refused as released, the unit not touched by the confirm', async () => {
    const { office, unitId, ids } = await held();
    const res = await answerWhileChanged(office.client, `/api/v1/requests/${ids[0]}/confirm`, ids[0], async (tx) => {
      await tx`update placement_requests set status = 'released', closed_at = now() where id = ${ids[0]}`;
      await tx`update units set held_places = held_places - 1 where id = ${unitId}`;
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/is released/);
    expect(await written(ids[0], unitId)).toEqual({ status: 'released', free: 2, held: 0, audits: 0, events: 0 });
  });
});

describe('an offer accepted', () => {
  it('declined while the accept waited on its lock: refused as declined, and nothing of it is kept', async () => {
    const { provider, unitId, ids } = await offered();
    const res = await answerWhileChanged(provider.client, `/api/v1/requests/${ids[0]}/accept`, ids[0], (tx) =>
      tx`update placement_requests set status = 'declined', decline_reason = 'no-place', closed_at = now(), answered_at = now() where id = ${ids[0]}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error.message).toMatch(/is declined and can no longer be accepted/);
    const [r] = await t.ctx.sql`select status, hold_expires_at from placement_requests where id = ${ids[0]}`;
    expect(r).toEqual({ status: 'declined', holdExpiresAt: null });
    const [u] = await t.ctx.sql`select free_places, held_places from units where id = ${unitId}`;
    expect(u).toEqual({ freePlaces: 2, heldPlaces: 0 });
    const [audit] = await t.ctx.sql`select count(*)::int as n from audit_log where action = 'request.accept' and object_id = ${ids[0]}`;
    expect(audit.n).toBe(0);
  });
});
