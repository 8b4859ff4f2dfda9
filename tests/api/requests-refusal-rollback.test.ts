import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// A hold or a placement refused at the unit's row, after the request's own writes were sent (status,
// audit line, events): the refusal rolls all of them back.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ jobs: true });
});
afterAll(() => t.close());

const today = () => new Date().toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
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

async function waitFor(probe: () => PromiseLike<ArrayLike<unknown>>) {
  for (let i = 0; i < 200; i++) {
    if ((await probe()).length) return;
    await sleep(20);
  }
  throw new Error('waited 4 s in vain');
}

describe('a refusal at the unit row leaves nothing behind', () => {
  it('a confirmation that finds no held place is refused (409) and leaves nothing behind', async () => {
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
