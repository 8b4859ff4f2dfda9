import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config';
import type { AppContext } from '../../server/context';
import { createDb, type Sql } from '../../server/db';
import { allJobs } from '../../server/jobs/all';
import { Jobs } from '../../server/jobs/registry';

/**
 * pg-boss's queues are read once at start: a missing one is created with its options, an existing
 * one is updated only when its options differ. A database of its own keeps the shared one untouched.
 */
describe('job queues at start', () => {
  const name = `hpb_jobs_${randomBytes(4).toString('hex')}`;
  let admin: Sql;
  let db: Sql;
  let url: string;

  beforeAll(async () => {
    admin = createDb(inject('databaseUrl'), { max: 1 });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(inject('databaseUrl'));
    u.pathname = `/${name}`;
    url = u.toString();
    db = createDb(url, { max: 1 });
  });

  afterAll(async () => {
    await db?.end();
    await admin?.unsafe(`drop database if exists ${name}`);
    await admin?.end();
  });

  const startJobs = async (expire: string) => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, JOBS_EXPIRE_SECONDS: expire });
    const jobs = new Jobs(url, pino({ level: 'silent' }), async () => {});
    jobs.register(...allJobs);
    await jobs.start({ config } as AppContext, { work: false });
    await jobs.stop();
  };
  const queues = async () => (await db`select name, expire_seconds, retry_limit from pgboss.queue order by name`).map((r) => ({ ...r }));

  it('creates every queue with its options, and updates them when the options change', async () => {
    await startJobs('60');
    const created = await queues();
    expect(created.map((q) => q.name)).toEqual(allJobs.map((j) => j.name).sort());
    for (const q of created) expect(q.expireSeconds).toBe(allJobs.find((j) => j.name === q.name)!.expireInSeconds ?? 60);
    await startJobs('45');
    for (const q of await queues()) expect(q.expireSeconds).toBe(allJobs.find((j) => j.name === q.name)!.expireInSeconds ?? 45);
    const before = (await db`select max(updated_on) as at from pgboss.queue`)[0].at;
    await startJobs('45');
    // nothing changed: nothing written
    expect((await db`select max(updated_on) as at from pgboss.queue`)[0].at).toEqual(before);
  });
});
