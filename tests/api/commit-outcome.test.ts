import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, type Sql } from '../../server/db';
import { CommitCutter } from '../helpers/commit-cutter';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// a connection that breaks while its COMMIT is on the way leaves the outcome unknown: the answer
// must say so (never "nothing was saved"), and a retry with the same Idempotency-Key acts once
let t: TestContext;
let cutter: CommitCutter;
let direct: Sql; // the test's own view of the database, not through the proxy
beforeAll(async () => {
  const url = new URL(inject('databaseUrl'));
  cutter = new CommitCutter({ host: url.hostname, port: Number(url.port) });
  await cutter.listen();
  t = await createTestContext({ jobs: true, env: { DATABASE_URL: cutter.url(inject('databaseUrl')), RESPONSE_TIMEOUT_SECONDS: '1' } });
  direct = createDb(inject('databaseUrl'), { max: 1 });
});
afterAll(async () => {
  await t.close();
  await direct.end({ timeout: 5 });
  await cutter.close();
});

const today = () => new Date().toISOString().slice(0, 10);
const COMMIT = /^\s*commit\s*$/i;
// the COMMIT of the transaction that creates the request, not one of a login or another background write
const INSERT = /insert into placement_requests/i;

async function setup(caseRef: string) {
  const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
  const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const facility = await makeFacility(t.ctx.sql, provider.org);
  const unit = await makeUnit(t.ctx.sql, provider.org, facility, { freePlaces: 2, capacityTotal: 6 });
  const send = (key: string) =>
    office.client
      .post('/api/v1/requests')
      .set('Idempotency-Key', key)
      .send({ unitIds: [unit.id], caseRef, childAge: 12, childGender: 'male', needs: [], desiredStart: today(), urgency: 'regular' });
  const saved = async () => Number((await direct`select count(*) as n from placement_requests where unit_id = ${unit.id}`)[0]!.n);
  return { unit, send, saved };
}

function expectUnknown(res: { status: number; body: unknown; headers: Record<string, string> }) {
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(res.body).toEqual({ error: { code: 'OUTCOME_UNKNOWN', message: expect.stringMatching(/may or may not have been saved/), requestId: expect.any(String) } });
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
}

describe('a connection lost during COMMIT', () => {
  it('after the database committed: 503 OUTCOME_UNKNOWN (not "nothing happened"); the retry with the key answers the saved request', async () => {
    const s = await setup('ASD-2026-0701');
    const cut = cutter.arm(COMMIT, 'after', { within: INSERT });
    const res = await s.send('commit-lost-after-1');
    expectUnknown(res);
    await cut;
    expect(await s.saved()).toBe(1);
    const again = await s.send('commit-lost-after-1');
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(await s.saved()).toBe(1);
  });

  it('before the database saw the COMMIT: the same answer (nobody can tell), and the retry saves it once', async () => {
    const s = await setup('ASD-2026-0702');
    const cut = cutter.arm(COMMIT, 'before', { within: INSERT });
    const res = await s.send('commit-lost-before-1');
    expectUnknown(res);
    await cut;
    expect(await s.saved()).toBe(0);
    const again = await s.send('commit-lost-before-1');
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(await s.saved()).toBe(1);
    const third = await s.send('commit-lost-before-1');
    expect(third.status).toBe(201);
    expect(third.body.items[0].id).toBe(again.body.items[0].id);
    expect(await s.saved()).toBe(1);
  });

  it('the deadline does not answer "nothing happened" while a COMMIT whose answer is lost was under way', async () => {
    const s = await setup('ASD-2026-0704');
    // the answer to COMMIT is held past the 1 s deadline, then the connection breaks
    const cut = cutter.arm(COMMIT, 'after', { holdMs: 1_600, within: INSERT });
    const res = await s.send('commit-lost-deadline-1');
    expectUnknown(res);
    await cut;
    expect(await s.saved()).toBe(1);
  });
});
