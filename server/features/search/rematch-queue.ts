import type { AppContext } from '../../context';
import type { Sql } from '../../db';

/** Units taken per transaction at most: the matching lock is held shared for up to this many re-matches. */
export const REMATCH_BATCH = 8;
/**
 * A batch's transaction starts no further re-match once its re-matches took this long (ms). An
 * opening search waits for the matching lock exclusively, i.e. for the whole transaction: eight
 * re-matches of ~30 ms each at 150,000 units kept it waiting ~250 ms behind a bulk's queue. With the
 * budget it waits for one or a few re-matches; at national scale (a few ms each) batches stay whole.
 */
export const REMATCH_BATCH_MS = 25;
/** A unit whose re-match failed this often is left to the sweep job's drift check and logged. */
const GIVE_UP_ATTEMPTS = 5;
const POLL_MS = 2000;

/**
 * Takes up to `limit` queued units (never one a committing transaction is still queuing: that row
 * is locked), re-matches them one by one in one transaction and removes each from the queue, until
 * all are done or `budgetMs` is used up; the units not reached stay queued for the next batch.
 * Returns how many were re-matched; 0 when the queue is empty.
 */
export async function rematchQueuedBatch(sql: Sql, limit = REMATCH_BATCH, budgetMs = REMATCH_BATCH_MS): Promise<number> {
  return sql.begin(async (tx) => {
    const picked = await tx<{ unitId: string }[]>`
      select unit_id from search_rematch_queue
      where attempts < ${GIVE_UP_ATTEMPTS} and queued_at <= now() - make_interval(secs => attempts * 5)
      order by queued_at limit ${limit} for update skip locked`;
    // in a fixed order: two workers (or an inline re-match) take the per-unit locks the same way round
    const ids = picked.map((p) => p.unitId).sort();
    const started = performance.now();
    let done = 0;
    for (const id of ids) {
      if (done > 0 && performance.now() - started >= budgetMs) break;
      await tx`
        with q as (delete from search_rematch_queue where unit_id = ${id}::uuid returning unit_id)
        select search_rematch_unit(q.unit_id) from q`;
      done++;
    }
    return done;
  });
}

/** A batch that failed as a whole: each unit once more on its own, a failing one stays queued and counted. */
async function rematchOneByOne(ctx: AppContext): Promise<void> {
  const ids = (await ctx.sql<{ unitId: string }[]>`
    select unit_id from search_rematch_queue where attempts < ${GIVE_UP_ATTEMPTS} order by queued_at limit ${REMATCH_BATCH}`).map((r) => r.unitId);
  for (const id of ids) {
    try {
      await ctx.sql.begin(async (tx) => {
        const [row] = await tx`delete from search_rematch_queue where unit_id = ${id} returning unit_id`;
        if (row) await tx`select search_rematch_unit(${id}::uuid)`;
      });
    } catch (e) {
      ctx.log.warn({ err: e, unitId: id }, 'queued search rematch failed');
      await ctx.sql`update search_rematch_queue set attempts = attempts + 1, last_error = ${String(e)}, queued_at = now() where unit_id = ${id}`;
    }
  }
}

/** Works the queue off until it is empty (or the worker stops). */
export async function drainRematchQueue(ctx: AppContext, stopped: () => boolean = () => false): Promise<number> {
  let total = 0;
  while (!stopped()) {
    try {
      const n = await rematchQueuedBatch(ctx.sql);
      if (!n) break;
      total += n;
    } catch (e) {
      ctx.log.warn({ err: e }, 'queued search rematch batch failed; retrying unit by unit');
      await rematchOneByOne(ctx);
      break;
    }
  }
  return total;
}

export interface RematchWorker {
  stop(): Promise<void>;
}

/**
 * The re-match worker of this node: woken by NOTIFY hpb_rematch (sent when a bulk transaction
 * commits its queue rows) and every few seconds besides. Every node runs one; they share the
 * queue through row locks (skip locked), so the work spreads and nothing is re-matched twice at once.
 */
export async function startRematchWorker(ctx: AppContext): Promise<RematchWorker> {
  let stopped = false;
  let running: Promise<unknown> | undefined;
  let again = false;
  const wake = () => {
    again = true;
    if (running || stopped) return;
    running = (async () => {
      while (again && !stopped) {
        again = false;
        await drainRematchQueue(ctx, () => stopped).catch((e) => ctx.log.warn({ err: e }, 'search rematch queue failed'));
      }
    })().finally(() => (running = undefined));
  };
  const listener = await ctx.sql.listen('hpb_rematch', wake, wake);
  const poll = setInterval(() => {
    if (!ctx.health?.isDown) wake();
  }, POLL_MS);
  poll.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      await listener.unlisten().catch(() => {});
      await running;
    },
  };
}
