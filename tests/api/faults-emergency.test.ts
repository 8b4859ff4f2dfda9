import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Sql } from '../../server/db';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

let t: TestContext;
let owner: Sql;
beforeAll(async () => {
  t = await createTestContext({ jobs: true });
  owner = createDb(inject('databaseUrl'), { max: 1 });
});
afterAll(async () => {
  await owner.end({ timeout: 5 });
  await t.close();
});

async function setup() {
  const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
  const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const facility = await makeFacility(t.ctx.sql, provider.org);
  const unit = await makeUnit(t.ctx.sql, provider.org, facility, { freePlaces: 1, emergencyIntake: true, emergencyPhone: '0221 4711', serviceTypes: ['34', '42'] });
  return { office, unit };
}
const emergency = (unitId: string, caseRef: string) => ({ unitIds: [unitId], caseRef, childAge: 13, childGender: 'male' });

describe('emergency requests and their escalation', () => {
  it('are written in one transaction: when the escalation cannot be written, no request exists either', async () => {
    const s = await setup();
    const fn = `fail_escalation_${s.office.org.id.replaceAll('-', '')}`;
    await owner.unsafe(`create function ${fn}() returns trigger language plpgsql as $$ begin raise exception 'escalation lost' using errcode = 'check_violation'; end $$;
      create trigger ${fn} before insert on emergency_escalations for each row when (new.office_id = '${s.office.org.id}') execute function ${fn}();`);
    try {
      const res = await s.office.client.post('/api/v1/emergency/requests', emergency(s.unit.id, 'IO-ATOMIC'));
      expect(res.status).toBe(400);
    } finally {
      await owner.unsafe(`drop trigger ${fn} on emergency_escalations; drop function ${fn}();`);
    }
    expect(await t.ctx.sql`select 1 from placement_requests where unit_id = ${s.unit.id}`).toHaveLength(0);
    // nothing blocks sending it again
    expect((await s.office.client.post('/api/v1/emergency/requests', emergency(s.unit.id, 'IO-ATOMIC'))).status).toBe(201);
  });

  it('a sweeper escalates an emergency request group that has no escalation', async () => {
    const s = await setup();
    const res = await s.office.client.post('/api/v1/emergency/requests', emergency(s.unit.id, 'IO-SWEEP'));
    expect(res.status).toBe(201);
    const groupId = res.body.groupId as string;
    // what a crash in an older version left behind: requests without escalation row and job
    await t.ctx.sql`delete from emergency_escalations where group_id = ${groupId}`;
    await owner`delete from pgboss.job where name = 'requests.escalate' and data->>'groupId' = ${groupId}`;
    await t.ctx.jobs.run('emergency.escalation-sweep');
    const [esc] = await t.ctx.sql`select due_at, escalated_at from emergency_escalations where group_id = ${groupId}`;
    expect(esc).toBeDefined();
    expect(esc.escalatedAt).toBeNull();
    const jobs = await owner`select start_after from pgboss.job where name = 'requests.escalate' and data->>'groupId' = ${groupId}`;
    expect(jobs).toHaveLength(1);
    await t.ctx.jobs.run('emergency.escalation-sweep'); // a second sweep adds nothing
    expect(await owner`select 1 from pgboss.job where name = 'requests.escalate' and data->>'groupId' = ${groupId}`).toHaveLength(1);
  });
});

describe('the database is not reachable', () => {
  it('API calls answer 503 DATABASE_UNAVAILABLE with Retry-After at once; /readyz answers 503 degraded within a second', async () => {
    const down = await createTestContext({ env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none', DATABASE_CONNECT_TIMEOUT_SECONDS: '1' } });
    try {
      const t0 = Date.now();
      const res = await request(down.app).get('/api/v1/auth/me').set('Cookie', 'hpb_session=abc');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('5');
      expect(Date.now() - t0).toBeLessThan(5000);
      const t1 = Date.now();
      const ready = await request(down.app).get('/readyz');
      expect(Date.now() - t1).toBeLessThan(1000);
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'degraded', error: { code: 'DATABASE_UNAVAILABLE' } });
    } finally {
      await down.close().catch(() => {});
    }
  });

  it('a statement over the statement timeout answers 504 DATABASE_TIMEOUT in the error shape', async () => {
    const { fromDatabaseFault } = await import('../../server/http/db-faults');
    const err = await t.ctx.sql.begin(async (tx) => {
      await tx`set local statement_timeout = 50`;
      return tx`select pg_sleep(1)`.catch((e: unknown) => e);
    }).catch((e: unknown) => e);
    expect(fromDatabaseFault(err)).toMatchObject({ code: 'DATABASE_TIMEOUT', status: 504 });
  });
});
