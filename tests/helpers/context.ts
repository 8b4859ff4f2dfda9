import pino from 'pino';
import { inject } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { AppContext } from '../../server/context';
import { createDb } from '../../server/db';
import { allJobs } from '../../server/jobs/all';
import { Jobs } from '../../server/jobs/registry';
import { createMailer } from '../../server/mailer';
import { start, type RunningServer } from '../../server/index';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export function testEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    SESSION_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    JOBS_ENABLED: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
    LOGIN_RATE_PER_IP: '10000',
    ...extra,
  };
}

export interface TestContext {
  ctx: AppContext;
  app: ReturnType<typeof createApp>;
  /** The owner connection (migrations, schema checks); the app itself works as the app role. */
  close(): Promise<void>;
}

/**
 * A real app on the test database, without listening: for supertest. pg-boss is started only
 * with `jobs: true` (it is not needed to answer HTTP).
 */
export async function createTestContext(opts: { env?: Record<string, string>; jobs?: boolean } = {}): Promise<TestContext> {
  const config = loadConfig(testEnv(opts.env));
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const sql = createDb(config.DATABASE_URL!, { max: 5, role: config.APP_DB_ROLE });
  const owner = createDb(config.DATABASE_URL!, { max: 1 });
  const jobs = new Jobs(config.DATABASE_URL!, log, async () => {
    await owner.unsafe(`grant usage on schema pgboss to ${config.APP_DB_ROLE};
      grant select, insert, update, delete on all tables in schema pgboss to ${config.APP_DB_ROLE};`);
  });
  jobs.register(...allJobs);
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM, log);
  const ctx: AppContext = { config, sql, log, jobs, mailer };
  if (opts.jobs) await jobs.start(ctx, { work: false });
  return {
    ctx,
    app: createApp(ctx),
    async close() {
      await jobs.stop();
      mailer.close();
      await sql.end({ timeout: 5 });
      await owner.end({ timeout: 5 });
    },
  };
}

/** The whole server (HTTP + socket.io + jobs) on a free port, against the test database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<RunningServer> {
  return start({ env: testEnv(env), demo: false });
}
