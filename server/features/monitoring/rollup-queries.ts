import type { Db } from '../../db';
import { requestPairs } from './request-dims-queries';
import { emptyCells, searchPairs, type Who } from './search-queries';

export type RollupSource = 'searches' | 'requests';
const ALL: Who = { districts: null, officeId: null };

/** Days in [from, to) whose summary of `source` is current. */
export async function selectRolledDays(db: Db, source: RollupSource, from: Date, to: Date): Promise<string[]> {
  const rows = await db<{ day: string }[]>`
    select to_char(day, 'YYYY-MM-DD') as day from monitoring_rollup_days where source = ${source} and day >= ${from}::date and day < ${to}::date`;
  return rows.map((r) => r.day);
}

/** Months (first days) in [from, to) whose summary of `source` is current. */
export async function selectRolledMonths(db: Db, source: RollupSource, from: Date, to: Date): Promise<string[]> {
  const rows = await db<{ month: string }[]>`
    select to_char(month, 'YYYY-MM-DD') as month from monitoring_rollup_months where source = ${source} and month >= ${from}::date and month < ${to}::date`;
  return rows.map((r) => r.month);
}

/** Past days (since `since`) of `source` with no current summary, oldest first. */
export async function selectDaysToRoll(db: Db, source: RollupSource, since: Date, limit: number): Promise<string[]> {
  const rows = await db<{ day: string }[]>`
    select to_char(d, 'YYYY-MM-DD') as day
    from generate_series(${since}::date, (now() at time zone 'UTC')::date - 1, interval '1 day') d
    where not exists (select 1 from monitoring_rollup_days r where r.source = ${source} and r.day = d::date)
    order by d limit ${limit}`;
  return rows.map((r) => r.day);
}

const dayOf = (day: string) => {
  const a = new Date(`${day}T00:00:00Z`);
  return { starts: [a.toISOString()], ends: [new Date(a.getTime() + 86_400_000).toISOString()] };
};

/**
 * Summarises the searches of one UTC day (run inside a transaction that holds a lock against
 * new search records, so none lands between the summary and its record).
 */
export async function rollupSearchDay(tx: Db, day: string): Promise<void> {
  const iv = dayOf(day);
  await tx`delete from search_day_dims where day = ${day}::date`;
  await tx`delete from search_day_empty where day = ${day}::date`;
  await tx`delete from search_day_points where day = ${day}::date`;
  await tx`
    insert into search_day_dims (day, whole, office_id, district_ags, dim, key, searches, empty, relaxed_found)
    select ${day}::date, false, office_id, district_ags, dim, key, count(*), count(*) filter (where is_empty),
           coalesce(sum(relaxed) filter (where is_empty), 0)
    from (${searchPairs(tx, iv, ALL)}) p group by office_id, district_ags, dim, key`;
  await tx`
    insert into search_day_dims (day, whole, dim, key, searches, empty, relaxed_found)
    select day, true, dim, key, sum(searches), sum(empty), sum(relaxed_found) from search_day_dims
    where day = ${day}::date and not whole group by day, dim, key`;
  await tx`
    insert into search_day_empty (day, whole, office_id, district_ags, service_type, age_band, gender, needs, binding_constraint, ref_lat, ref_lon, searches, relaxed_found)
    select ${day}::date, false, office_id, district_ags, service_type, age_band, gender, needs, binding_constraint, ref_lat, ref_lon, searches, relaxed_found
    from (${emptyCells(tx, iv, ALL)}) c`;
  await tx`
    insert into search_day_points (day, ref_lat, ref_lon, service_type, age_band, gender, needs, searches)
    select day, ref_lat, ref_lon, service_type, age_band, gender, needs, sum(searches) from search_day_empty
    where day = ${day}::date and not whole and ref_lat is not null group by day, ref_lat, ref_lon, service_type, age_band, gender, needs`;
  await tx`
    insert into search_day_empty (day, whole, service_type, age_band, gender, needs, binding_constraint, searches, relaxed_found)
    select day, true, service_type, age_band, gender, needs, binding_constraint, sum(searches), sum(relaxed_found) from search_day_empty
    where day = ${day}::date and not whole group by day, service_type, age_band, gender, needs, binding_constraint`;
  await tx`insert into monitoring_rollup_days (source, day) values ('searches', ${day}::date)
           on conflict (source, day) do update set rolled_at = now()`;
}

/** Summarises the request groups created on one UTC day (same locking as rollupSearchDay). */
export async function rollupRequestDay(tx: Db, day: string): Promise<void> {
  await tx`delete from request_day_dims where day = ${day}::date`;
  await tx`
    insert into request_day_dims (day, whole, office_id, district_ags, urgency, dim, key, requests)
    select ${day}::date, false, office_id, district_ags, urgency, dim, key, count(*)
    from (${requestPairs(tx, dayOf(day), ALL)}) p group by office_id, district_ags, urgency, dim, key`;
  await tx`
    insert into request_day_dims (day, whole, urgency, dim, key, requests)
    select day, true, urgency, dim, key, sum(requests) from request_day_dims
    where day = ${day}::date and not whole group by day, urgency, dim, key`;
  await tx`insert into monitoring_rollup_days (source, day) values ('requests', ${day}::date)
           on conflict (source, day) do update set rolled_at = now()`;
}

/** Summaries older than the raw rows' retention go with them (a month once its last day has gone). */
export async function pruneRollups(db: Db, searchDays: number, requestDays: number) {
  await db`delete from search_day_dims where day < (now() at time zone 'UTC')::date - ${searchDays}::int`;
  await db`delete from search_day_empty where day < (now() at time zone 'UTC')::date - ${searchDays}::int`;
  await db`delete from search_day_points where day < (now() at time zone 'UTC')::date - ${searchDays}::int`;
  for (const t of ['search_month_dims', 'search_month_empty', 'search_month_points'] as const) {
    await db`delete from ${db(t)} where month + interval '1 month' <= (now() at time zone 'UTC')::date - ${searchDays}::int`;
  }
  await db`delete from request_month_dims where month + interval '1 month' <= (now() at time zone 'UTC')::date - ${requestDays}::int`;
  await db`delete from monitoring_rollup_months
           where month + interval '1 month' <= (now() at time zone 'UTC')::date - (case when source = 'searches' then ${searchDays}::int else ${requestDays}::int end)`;
  await db`delete from request_day_dims where day < (now() at time zone 'UTC')::date - ${requestDays}::int`;
  await db`delete from monitoring_rollup_days where (source = 'searches' and day < (now() at time zone 'UTC')::date - ${searchDays}::int)
                                               or (source = 'requests' and day < (now() at time zone 'UTC')::date - ${requestDays}::int)`;
}
