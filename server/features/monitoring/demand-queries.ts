import type { PendingQuery, Row } from 'postgres';
import type { Db } from '../../db';
import type { Scope } from './scope';

export interface DimRow {
  dim: string;
  key: string;
  count: number;
}

/** The age band of an age (shared/schemas/monitoring.ts AGE_BANDS). */
export const ageBand = (db: Db, col: string) =>
  db`(case when ${db(col)} <= 5 then '0-5' when ${db(col)} <= 11 then '6-11' when ${db(col)} <= 13 then '12-13' when ${db(col)} <= 17 then '14-17' else '18-27' end)`;

/**
 * Counts of a base set (columns at, service_type, age, gender, needs, district_ags) by each
 * dimension; the hour of day is local time (Europe/Berlin).
 */
async function breakdown(db: Db, base: PendingQuery<Row[]>): Promise<DimRow[]> {
  return db<DimRow[]>`
    with base as (${base})
    select 'total' as dim, 'total' as key, count(*)::int as count from base
    union all select 'serviceType', coalesce(service_type, 'any'), count(*)::int from base group by 2
    union all select 'ageBand', ${ageBand(db, 'age')}, count(*)::int from base group by 2
    union all select 'gender', coalesce(gender, 'any'), count(*)::int from base group by 2
    union all select 'need', n, count(*)::int from base, unnest(needs) n group by 2
    union all select 'district', coalesce(district_ags, 'unknown'), count(*)::int from base group by 2
    union all select 'hour', extract(hour from at at time zone 'Europe/Berlin')::int::text, count(*)::int from base group by 2`;
}

/** Searches recorded in the scope (the district of the searching office). */
export function searchBreakdown(db: Db, s: Scope) {
  return breakdown(
    db,
    db`select searched_at as at, service_type, age, gender, needs, district_ags from search_log
       where searched_at >= ${s.from} and searched_at < ${s.to}
         and (${s.districts}::text[] is null or district_ags = any(${s.districts}::text[]))
         and (${s.officeId}::uuid is null or office_id = ${s.officeId}::uuid)`,
  );
}

/** Requests for one child (a group sent together counts once), by the office's district. */
export function requestBreakdown(db: Db, s: Scope, urgency: 'emergency' | null) {
  return breakdown(
    db,
    db`select distinct on (r.group_id) r.created_at as at, u.service_types[1] as service_type, r.child_age as age,
              r.child_gender as gender, r.needs, o.district_ags
       from placement_requests r join units u on u.id = r.unit_id join organisations o on o.id = r.office_id
       where r.created_at >= ${s.from} and r.created_at < ${s.to}
         and (${urgency}::request_urgency is null or r.urgency = ${urgency}::request_urgency)
         and (${s.districts}::text[] is null or o.district_ags = any(${s.districts}::text[]))
         and (${s.officeId}::uuid is null or r.office_id = ${s.officeId}::uuid)
       order by r.group_id, r.created_at`,
  );
}
