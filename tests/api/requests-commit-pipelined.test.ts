import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// The writes that lock a unit's row (a hold, a placement) travel with their transaction's COMMIT:
// the row that racing offices wait for is held for the database's own work, never while the
// transaction waits for this node to read the answers and send COMMIT (a busy node took tens of
// milliseconds for that, and every other writer of the unit queued behind it).
//
// Shown without timing the node: it is made unable to answer (its event loop blocked) while its
// statements wait for the unit's row; a transaction that committed anyway had its COMMIT sent.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ jobs: true });
});
afterAll(() => t.close());

const today = () => new Date().toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Blocks this process (the app under test runs in it) for `ms`: no answer is read, nothing is sent. */
const blockNode = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    /* busy */
  }
};

async function setup() {
  const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
  const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const facility = await makeFacility(t.ctx.sql, provider.org);
  const ask = async (caseRef: string) => {
    const unit = await makeUnit(t.ctx.sql, provider.org, facility, { freePlaces: 1, capacityTotal: 4 });
    const r = await office.client.post('/api/v1/requests', { unitIds: [unit.id], caseRef, childAge: 12, childGender: 'male', desiredStart: today(), urgency: 'regular' });
    expect(r.status).toBe(201);
    return { unit, id: r.body.items[0].id as string };
  };
  return { office, provider, ask };
}

/** The test app's pool (tests/helpers/context.ts). */
const POOL = 5;

/**
 * Takes all but one connection of the app's pool (the race's own sessions) and runs a whole
 * request, accept and confirm on the one left: postgres.js sends a statement's first use on a
 * connection alone (it asks for the parameter types first) and waits for it, so only statements
 * the connection has seen before go out together.
 */
async function oneWarmConnection(s: Awaited<ReturnType<typeof setup>>) {
  const taken: Awaited<ReturnType<typeof t.ctx.sql.reserve>>[] = [];
  for (let i = 0; i < POOL - 1; i++) taken.push(await t.ctx.sql.reserve());
  const warm = await s.ask('PIPE-WARM');
  expect((await s.provider.client.post(`/api/v1/requests/${warm.id}/accept`, {})).status).toBe(200);
  expect((await s.office.client.post(`/api/v1/requests/${warm.id}/confirm`)).status).toBe(200);
  return { observer: taken[0], holder: taken[1], prober: taken[2], release: () => taken.forEach((c) => c.release()) };
}

/**
 * Runs `call` while another session holds the unit's row; once a statement of `call` waits for
 * that row, blocks this process, lets the holder end (from the database side) and reads the unit's
 * committed row as soon as `call`'s transaction ends, giving it `lockWaitMs` to do so while this
 * process is still blocked. Returns that row (or the lock timeout's error) and `call`'s answer.
 */
async function raceWhileNodeBlocked<T>(unitId: string, sessions: Awaited<ReturnType<typeof oneWarmConnection>>, call: () => Promise<T>) {
  const { observer, holder, prober } = sessions;
  const key = Math.floor(Math.random() * 1e9);
  try {
    await observer`select pg_advisory_lock(${key})`;
    const [{ pid: observerPid }] = await observer`select pg_backend_pid() as pid`;
    const [{ pid: holderPid }] = await holder`select pg_backend_pid() as pid`;
    // the holder keeps the unit's row until the observer lets it go: no round trip to this process
    const held = holder.unsafe(`begin; select 1 from units where id = '${unitId}' for update; select pg_advisory_lock(${key}); select pg_advisory_unlock(${key}); commit`).simple();
    held.catch(() => {});
    await waitFor(() => prober`select 1 where ${observerPid}::int = any(pg_blocking_pids(${holderPid}::int))`);
    const answer = call();
    // (nothing but a write of the unit's row waits for the holder)
    await waitFor(() => prober`select 1 from pg_stat_activity where ${holderPid}::int = any(pg_blocking_pids(pid))`);
    // in half a second (this process is blocked by then) lets the holder end, then waits up to 3 s
    // for the row, which the call's transaction holds until its COMMIT
    const observed = observer
      .unsafe(`select pg_sleep(0.5); select pg_advisory_unlock(${key}); set lock_timeout = 3000; select free_places, held_places from units where id = '${unitId}' for update`)
      .simple();
    observed.catch(() => {});
    await sleep(10); // sent
    blockNode(5000);
    const rows = await observed.then(
      // the results of the statements, in order: the row is the one with the places
      (results) => (results as unknown as Record<string, unknown>[][]).flat().find((r) => r && 'freePlaces' in r),
      (e: Error) => e,
    );
    await held;
    return { rows, answer: await answer };
  } finally {
    await observer`reset lock_timeout`.catch(() => {});
    sessions.release();
  }
}

async function waitFor(probe: () => PromiseLike<ArrayLike<unknown>>) {
  for (let i = 0; i < 200; i++) {
    if ((await probe()).length) return;
    await sleep(20);
  }
  throw new Error('waited 4 s in vain');
}

describe('the unit row is released by a COMMIT sent with the statements that lock it', () => {
  it('a confirmation commits while its node cannot answer', async () => {
    const s = await setup();
    const { unit, id } = await s.ask('PIPE-1');
    expect((await s.provider.client.post(`/api/v1/requests/${id}/accept`, {})).status).toBe(200);
    const sessions = await oneWarmConnection(s);
    const { rows, answer } = await raceWhileNodeBlocked(unit.id, sessions, () => s.office.client.post(`/api/v1/requests/${id}/confirm`).then((r) => r));
    // committed while the node was blocked: the place was taken and the hold is gone
    expect(rows).toEqual({ freePlaces: 0, heldPlaces: 0 });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('confirmed');
  });

  it('a confirmation that finds no held place is refused (409) and leaves nothing behind, though its COMMIT was sent', async () => {
    const s = await setup();
    const { unit, id } = await s.ask('PIPE-2');
    expect((await s.provider.client.post(`/api/v1/requests/${id}/accept`, {})).status).toBe(200);
    const [{ seq }] = await t.ctx.sql`select coalesce(max(seq), 0)::bigint as seq from events`;
    // the books are wrong (no place counted as held): the unit's write fails, the rest rolls back with it
    await t.ctx.sql`update units set held_places = 0 where id = ${unit.id}`;
    const res = await s.office.client.post(`/api/v1/requests/${id}/confirm`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('The place is no longer available');
    expect((await t.ctx.sql`select status from placement_requests where id = ${id}`)[0].status).toBe('accepted');
    expect(await t.ctx.sql`select 1 from audit_log where object_id = ${id} and action = 'request.confirm'`).toHaveLength(0);
    expect(await t.ctx.sql`select type from events where seq > ${seq} and payload ->> 'requestId' = ${id}`).toHaveLength(0);
    expect((await t.ctx.sql`select free_places, held_places from units where id = ${unit.id}`)[0]).toEqual({ freePlaces: 1, heldPlaces: 0 });
  });

  it('an accept that finds the last place taken on the locked row is refused (409) and leaves nothing behind', async () => {
    const s = await setup();
    const { unit, id } = await s.ask('PIPE-4');
    // another hold takes the last place and keeps the row until the accept waits for it, so the
    // accept's plain read still saw the place free
    const other = await t.ctx.sql.reserve();
    try {
      await other`begin`;
      await other`update units set held_places = held_places + 1 where id = ${unit.id}`;
      const [{ pid }] = await other`select pg_backend_pid() as pid`;
      const answer = s.provider.client.post(`/api/v1/requests/${id}/accept`, {}).then((r) => r);
      await waitFor(() => t.ctx.sql`select 1 from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))`);
      await other`commit`;
      const res = await answer;
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/No place available/);
    } finally {
      other.release();
    }
    expect((await t.ctx.sql`select status, hold_expires_at from placement_requests where id = ${id}`)[0]).toEqual({ status: 'open', holdExpiresAt: null });
    expect(await t.ctx.sql`select 1 from audit_log where object_id = ${id} and action = 'request.accept'`).toHaveLength(0);
    expect((await t.ctx.sql`select free_places, held_places from units where id = ${unit.id}`)[0]).toEqual({ freePlaces: 1, heldPlaces: 1 });
  });
});
