import type { AppContext } from '../../context';
import { rollupRequestDay, rollupSearchDay, selectDaysToRoll, type RollupSource } from './rollup-queries';

const DAY = 86_400_000;
/** The longest period a dashboard shows (MonitoringQuerySchema: at most 366 days) and a day of margin. */
const LONGEST_DAYS = 367;

/**
 * Summarises every past day (UTC) of searches and requests that has no current summary, oldest
 * first, one transaction per day. Each transaction first locks the raw table against writers
 * (SHARE mode: a write waits some milliseconds), so no row lands in a day between its summary and
 * the record that the summary is current; an advisory lock keeps two nodes from summarising at
 * once. Returns the number of days summarised per source.
 */
export async function rollupMonitoring(ctx: AppContext, maxDays = 400): Promise<Record<RollupSource, number>> {
  const done = { searches: 0, requests: 0 };
  // raw rows past their retention go with their summaries (job monitoring.prune)
  const since = new Date(Date.now() - LONGEST_DAYS * DAY);
  for (const source of ['searches', 'requests'] as const) {
    for (const day of await selectDaysToRoll(ctx.sql, source, since, maxDays)) {
      await ctx.sql.begin(async (tx) => {
        // two nodes summarising the same day would both delete, then both insert: one at a time
        await tx`select pg_advisory_xact_lock(hashtext('monitoring.rollup'))`;
        if (source === 'searches') {
          await tx`lock table search_log in share mode`;
          await rollupSearchDay(tx, day);
        } else {
          await tx`lock table placement_requests in share mode`;
          await rollupRequestDay(tx, day);
        }
      });
      done[source]++;
    }
  }
  return done;
}
