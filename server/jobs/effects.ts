import type { Db } from '../db';

/** Claims are kept this long; a job is retried within minutes, never days later. */
const KEEP_DAYS = 7;

/**
 * Runs `act` at most once for this job and `effect` (say, one recipient's e-mail), so that a job
 * run again after a failover (or after it expired while still running) does not repeat what its
 * first run did. The claim is written before acting and taken back when acting fails, so the retry
 * does it then. A crash between claim and act loses that one effect (at most once, by choice: a
 * second e-mail or push is worse than a missing one; the app itself shows every change).
 * Without a job id (a handler called directly) it simply acts.
 */
export async function oncePerJob(sql: Db, jobId: string | undefined, effect: string, act: () => Promise<unknown>): Promise<boolean> {
  if (!jobId) {
    await act();
    return true;
  }
  const claimed = await sql`insert into job_effects (job_id, effect) values (${jobId}, ${effect}) on conflict do nothing returning 1 as ok`;
  if (!claimed.length) return false;
  try {
    await act();
  } catch (e) {
    await sql`delete from job_effects where job_id = ${jobId} and effect = ${effect}`.catch(() => {});
    throw e;
  }
  return true;
}

/** Deletes claims older than a week (run by the daily retention job). */
export async function pruneJobEffects(sql: Db): Promise<number> {
  const rows = await sql`delete from job_effects where done_at < now() - make_interval(days => ${KEEP_DAYS}) returning 1`;
  return rows.length;
}
