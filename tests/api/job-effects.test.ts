import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/db';
import { RenewablePool } from '../../server/db-pool';
import { fromDatabaseFault } from '../../server/http/db-faults';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * After a failover a job that was active on the lost primary runs again (pg-boss delivers at least
 * once). Its effects must not repeat: the mails of `requests.notify` are claimed per job and recipient.
 */
let t: TestContext;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestContext({ jobs: true, env: { SMTP_URL: sink.url } });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

async function absentProviderRequest() {
  const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
  const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const facility = await makeFacility(t.ctx.sql, provider.org, { lat: 50.9497, lon: 6.9196 });
  const unit = await makeUnit(t.ctx.sql, provider.org, facility, { freePlaces: 1, serviceTypes: ['34'] });
  await t.ctx.sql`update sessions set last_seen_at = now() - interval '1 hour' where user_id = ${provider.user.id}`;
  const res = await office.client.post('/api/v1/requests', { unitIds: [unit.id], caseRef: 'IO-EFF', childAge: 13, childGender: 'male', desiredStart: '2026-12-01', urgency: 'regular' });
  expect(res.status).toBe(201);
  return { id: res.body.items[0].id as string, email: provider.user.email };
}

const mailsTo = (email: string) => sink.mails.filter((m) => m.to.includes(email)).length;

describe('a notification job run twice (retried after a failover)', () => {
  it('mails each recipient once per job; another job mails again', async () => {
    const { id, email } = await absentProviderRequest();
    const job = randomUUID();
    const data = { requestId: id, to: 'provider', what: 'created' };
    await t.ctx.jobs.runJob('requests.notify', data, job);
    await sink.waitFor((m) => m.to.includes(email));
    await t.ctx.jobs.runJob('requests.notify', data, job);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(email)).toBe(1);
    await t.ctx.jobs.runJob('requests.notify', data, randomUUID());
    await expect.poll(() => mailsTo(email), { timeout: 5000 }).toBe(2);
  });

  it('a mail that failed is sent by the retry', async () => {
    const { id, email } = await absentProviderRequest();
    const job = randomUUID();
    const send = t.ctx.mailer.send;
    t.ctx.mailer.send = async () => {
      throw new Error('SMTP away');
    };
    try {
      await expect(t.ctx.jobs.runJob('requests.notify', { requestId: id, to: 'provider', what: 'created' }, job)).rejects.toThrow('SMTP away');
    } finally {
      t.ctx.mailer.send = send;
    }
    await t.ctx.jobs.runJob('requests.notify', { requestId: id, to: 'provider', what: 'created' }, job);
    await expect.poll(() => mailsTo(email), { timeout: 5000 }).toBe(1);
  });
});

describe('the renewable app pool', () => {
  it('serves queries, transactions and helpers through one Sql, before and after it is renewed', async () => {
    const url = t.ctx.config.DATABASE_URL!;
    const pool = new RenewablePool(() => createDb(url, { max: 2 }), pino({ level: 'silent' }));
    try {
      const pid = async () => Number((await pool.sql`select pg_backend_pid() as p`)[0].p);
      const before = await pid();
      expect(pool.renew('test')).toBe(true);
      expect(pool.renew('again at once')).toBe(false); // at most every 5 s
      const after = await pid();
      expect(after).not.toBe(before); // a new connection of a new pool
      const n = await pool.sql.begin(async (tx) => (await tx`select ${pool.sql.json({ a: 1 })}::jsonb ->> 'a' as a`)[0].a);
      expect(n).toBe('1');
      expect(await pool.sql`select x from unnest(${[1, 2]}::int[]) x where x in ${pool.sql([2])}`).toEqual([{ x: 2 }]);
    } finally {
      await pool.end({ timeout: 1 });
    }
  });
});

describe('a server in recovery behind the address', () => {
  it('a read-only transaction is answered 503 DATABASE_UNAVAILABLE', () => {
    expect(fromDatabaseFault({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' })).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
  });
});
