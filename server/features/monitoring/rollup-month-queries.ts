import type { Db } from '../../db';
import type { RollupSource } from './rollup-queries';

/**
 * Past months (first days, since the month of `since`) of `source` with no current summary whose
 * every day has a current daily summary, oldest first.
 */
export async function selectMonthsToRoll(db: Db, source: RollupSource, since: Date): Promise<string[]> {
  const rows = await db<{ month: string }[]>`
    select to_char(m, 'YYYY-MM-DD') as month
    from generate_series(date_trunc('month', ${since}::date::timestamp), date_trunc('month', now() at time zone 'UTC') - interval '1 month', interval '1 month') m
    where not exists (select 1 from monitoring_rollup_months r where r.source = ${source} and r.month = m::date)
      and ${monthComplete(db, source)}
    order by m`;
  return rows.map((r) => r.month);
}

/** Every day of the month `m` (a timestamp column or parameter) has a current daily summary. */
const monthComplete = (db: Db, source: RollupSource, m = db`m`) => db`
  (select count(*) from monitoring_rollup_days d where d.source = ${source} and d.day >= ${m}::date and d.day < (${m} + interval '1 month')::date)
    = extract(day from ${m} + interval '1 month' - interval '1 day')`;

/** Whether the month still qualifies (checked again inside the rollup's transaction, under its locks). */
async function stillComplete(tx: Db, source: RollupSource, month: string): Promise<boolean> {
  const [r] = await tx<{ ok: boolean }[]>`select ${monthComplete(tx, source, tx`${month}::timestamp`)} as ok`;
  return r.ok;
}

/**
 * Sums the daily summaries of the searches of one month (in a transaction that holds a SHARE lock
 * on search_log, as the daily rollup). Returns false, summarising nothing, when a day of the month
 * has no current summary any more.
 */
export async function rollupSearchMonth(tx: Db, month: string): Promise<boolean> {
  if (!(await stillComplete(tx, 'searches', month))) return false;
  const within = (col: string) => tx`${tx(col)} >= ${month}::date and ${tx(col)} < (${month}::date + interval '1 month')::date`;
  await tx`delete from search_month_dims where month = ${month}::date`;
  await tx`delete from search_month_empty where month = ${month}::date`;
  await tx`delete from search_month_points where month = ${month}::date`;
  await tx`
    insert into search_month_dims (month, whole, office_id, district_ags, dim, key, searches, empty, relaxed_found)
    select ${month}::date, whole, office_id, district_ags, dim, key, sum(searches), sum(empty), sum(relaxed_found)
    from search_day_dims where ${within('day')} group by whole, office_id, district_ags, dim, key`;
  await tx`
    insert into search_month_empty (month, whole, office_id, district_ags, service_type, age_band, gender, needs, binding_constraint, ref_lat, ref_lon, searches, relaxed_found)
    select ${month}::date, whole, office_id, district_ags, service_type, age_band, gender, needs, binding_constraint, ref_lat, ref_lon, sum(searches), sum(relaxed_found)
    from search_day_empty where ${within('day')}
    group by whole, office_id, district_ags, service_type, age_band, gender, needs, binding_constraint, ref_lat, ref_lon`;
  await tx`
    insert into search_month_points (month, ref_lat, ref_lon, service_type, age_band, gender, needs, searches)
    select ${month}::date, ref_lat, ref_lon, service_type, age_band, gender, needs, sum(searches)
    from search_day_points where ${within('day')} group by ref_lat, ref_lon, service_type, age_band, gender, needs`;
  await tx`insert into monitoring_rollup_months (source, month) values ('searches', ${month}::date)
           on conflict (source, month) do update set rolled_at = now()`;
  return true;
}

/** Sums the daily summaries of the request groups of one month (same locking as rollupSearchMonth). */
export async function rollupRequestMonth(tx: Db, month: string): Promise<boolean> {
  if (!(await stillComplete(tx, 'requests', month))) return false;
  await tx`delete from request_month_dims where month = ${month}::date`;
  await tx`
    insert into request_month_dims (month, whole, office_id, district_ags, urgency, dim, key, requests)
    select ${month}::date, whole, office_id, district_ags, urgency, dim, key, sum(requests)
    from request_day_dims where day >= ${month}::date and day < (${month}::date + interval '1 month')::date
    group by whole, office_id, district_ags, urgency, dim, key`;
  await tx`insert into monitoring_rollup_months (source, month) values ('requests', ${month}::date)
           on conflict (source, month) do update set rolled_at = now()`;
  return true;
}
