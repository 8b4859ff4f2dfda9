import type { AppContext } from '../../context';
import type { Db } from '../../db';
import { rollupRequestMonth, rollupSearchMonth, selectMonthsToRoll } from './rollup-month-queries';
import { rollupRequestDay, rollupSearchDay, selectDaysToRoll, type RollupSource } from './rollup-queries';

const DAY = 86_400_000;
/** The longest period a dashboard shows (MonitoringQuerySchema: at most 366 days) and a day of margin. */
const LONGEST_DAYS = 367;

/**
 * One summary in its own transaction: an advisory lock keeps two nodes from summarising at once
 * (both would delete, then both insert), and a SHARE lock on the raw table keeps writers out (a
 * write waits some milliseconds), so no row lands between the summary and the record that it is current.
 */
async function summarise<T>(ctx: AppContext, source: RollupSource, work: (tx: Db) => Promise<T>): Promise<T> {
  return ctx.sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('monitoring.rollup'))`;
    if (source === 'searches') await tx`lock table search_log in share mode`;
    else await tx`lock table placement_requests in share mode`;
    return work(tx);
  }) as Promise<T>;
}

/**
 * Summarises every past day (UTC) of searches and requests that has no current summary, oldest
 * first, one transaction per day; then every past month whose days all have a current summary and
 * which has none itself (the sums of its days). Returns the number of days and months summarised per source.
 */
export async function rollupMonitoring(ctx: AppContext, maxDays = 400): Promise<Record<RollupSource, number> & { months: Record<RollupSource, number> }> {
  const done = { searches: 0, requests: 0, months: { searches: 0, requests: 0 } };
  // raw rows past their retention go with their summaries (job monitoring.prune)
  const since = new Date(Date.now() - LONGEST_DAYS * DAY);
  for (const source of ['searches', 'requests'] as const) {
    for (const day of await selectDaysToRoll(ctx.sql, source, since, maxDays)) {
      await summarise(ctx, source, (tx) => (source === 'searches' ? rollupSearchDay(tx, day) : rollupRequestDay(tx, day)));
      done[source]++;
    }
    for (const month of await selectMonthsToRoll(ctx.sql, source, since)) {
      const ok = await summarise(ctx, source, (tx) => (source === 'searches' ? rollupSearchMonth(tx, month) : rollupRequestMonth(tx, month)));
      if (ok) done.months[source]++;
    }
  }
  return done;
}
