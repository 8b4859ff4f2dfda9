/**
 * Runs notification_jobs alone: `npx tsx tests/bench/notification-cli.ts` (own embedded PostgreSQL
 * in a temp dir, or BENCH_DATABASE_URL). `npm run bench` runs it together with the other benchmarks.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../../server/db';
import { startEmbeddedPg } from '../../server/embedded-pg';
import { migrate } from '../../server/migrate';
import { freePort } from '../helpers/global-setup';
import { benchNotificationJobs } from './notification-jobs';

const dir = mkdtempSync(join(tmpdir(), 'hpb-bench-notify-'));
chmodSync(dir, 0o755);
const pg = process.env.BENCH_DATABASE_URL ? undefined : await startEmbeddedPg({ dir: join(dir, 'data'), port: await freePort(), ephemeral: true });
const url = process.env.BENCH_DATABASE_URL ?? pg!.url;
try {
  const owner = createDb(url, { max: 1 });
  await migrate(owner, 'hpb_app');
  await owner.end();
  console.log(JSON.stringify(await benchNotificationJobs(url)));
} finally {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
}
