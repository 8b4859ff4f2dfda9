import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db';
import { lockRequest } from '../../server/features/requests/queries';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, type Client, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type UnitRow } from '../helpers/places';

// The monitoring facts of a case (request_facts, case_facts) are written at commit under a lock
// per case: a transaction busy with one request of a case never holds up another request of the
// same case, and two concurrent changes of one case both end up in its facts.
let t: TestContext;
let office: OrgRow;
let provider: OrgRow;
let caseworker: Client;
let staff: Client;
let u1: UnitRow;
let u2: UnitRow;

beforeAll(async () => {
  t = await createTestContext({ jobs: true });
  office = await makeOrg(t.ctx.sql, 'office');
  provider = await makeOrg(t.ctx.sql, 'provider');
  caseworker = await login(t.app, await makeUser(t.ctx.sql, office, 'caseworker'));
  staff = await login(t.app, await makeUser(t.ctx.sql, provider, 'provider_staff'));
  const f = await makeFacility(t.ctx.sql, provider);
  u1 = await makeUnit(t.ctx.sql, provider, f, { name: 'Gruppe Eins', freePlaces: 1, capacityTotal: 4 });
  u2 = await makeUnit(t.ctx.sql, provider, f, { name: 'Gruppe Zwei', freePlaces: 1, capacityTotal: 4 });
});
afterAll(async () => t?.close());

/** Runs `body` in a transaction that stays open until the returned `commit` is called. */
function openTransaction(body: (tx: Db) => Promise<unknown>) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let ready!: () => void;
  const started = new Promise<void>((r) => (ready = r));
  const done = t.ctx.sql.begin(async (tx) => {
    await body(tx);
    ready();
    await gate;
  });
  return { started, commit: async () => (release(), await done) };
}

describe('monitoring facts under concurrent changes of one case', () => {
  it('a sibling request locked and declined by an open transaction holds up neither accept nor confirm, and both changes reach the facts', async () => {
    const caseRef = `KF-${Date.now().toString(36)}`;
    const sent = await caseworker.post('/api/v1/requests', { unitIds: [u1.id, u2.id], caseRef, childAge: 13, childGender: 'female', desiredStart: '2026-12-01', urgency: 'regular' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const [r1, r2] = [u1, u2].map((u) => sent.body.items.find((i: { unitId: string }) => i.unitId === u.id).id as string);
    // separate groups: confirming r1 must not close r2 itself (that is the open transaction's part)
    await t.ctx.sql`update placement_requests set group_id = gen_random_uuid() where id = ${r2}`;

    // the provider is busy with r2 as the service is (the request row locked), and declines it
    const busy = openTransaction(async (tx) => {
      expect(await lockRequest(tx, r2, { providerId: provider.id })).toBeDefined();
      await tx`update placement_requests set status = 'declined', decline_reason = 'no-place', answered_at = now(), closed_at = now(), updated_at = now() where id = ${r2}`;
    });
    await busy.started;
    try {
      const t0 = Date.now();
      const accepted = await staff.post(`/api/v1/requests/${r1}/accept`, {});
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      const confirmed = await caseworker.post(`/api/v1/requests/${r1}/confirm`);
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      // well below the lock timeout (5 s): nothing waited for the open transaction
      expect(Date.now() - t0).toBeLessThan(3000);
    } finally {
      await busy.commit();
    }

    const facts = await t.ctx.sql`select request_id, accepted, confirmed, closed_at is not null as closed from request_facts where office_id = ${office.id} and case_ref = ${caseRef} order by request_id = ${r1} desc`;
    expect(facts).toEqual([
      { requestId: r1, accepted: true, confirmed: true, closed: true },
      { requestId: r2, accepted: false, confirmed: false, closed: true },
    ]);
    const [c] = await t.ctx.sql`select all_closed, any_confirmed, reasons from case_facts where office_id = ${office.id} and case_ref = ${caseRef}`;
    expect(c).toEqual({ allClosed: true, anyConfirmed: true, reasons: ['no-place'] });
  });
});
