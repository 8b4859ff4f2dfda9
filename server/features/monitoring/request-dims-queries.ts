import { anyOf, equals } from './filters';
import type { Db } from '../../db';
import { ageBand } from './demand-queries';
import type { Split } from './periods';
import type { Who } from './search-queries';

/**
 * Requests created in the raw intervals of a split by offices in `w`, one per group (a child's
 * requests sent together count once; type = first type of the requested unit).
 */
const rawGroups = (db: Db, sp: Pick<Split, 'starts' | 'ends'>, w: Who) => db`
  select distinct on (r.group_id) r.created_at as at, r.urgency, r.office_id, o.district_ags, u.service_types[1] as service_type,
         r.child_age as age, r.child_gender as gender, r.needs
  from unnest(${sp.starts}::timestamptz[], ${sp.ends}::timestamptz[]) iv(a, b)
  join placement_requests r on r.created_at >= iv.a and r.created_at < iv.b
  join units u on u.id = r.unit_id join organisations o on o.id = r.office_id
  where true ${anyOf(db, 'o.district_ags', w.districts)} ${equals(db, 'r.office_id', w.officeId)}
  order by r.group_id, r.created_at`;

/** One row per request group and dimension it counts in (the source of the live figure and of the rollup). */
export const requestPairs = (db: Db, sp: Pick<Split, 'starts' | 'ends'>, w: Who) => db`
  select g.office_id, g.district_ags, g.urgency, p.dim, p.key
  from (${rawGroups(db, sp, w)}) g cross join lateral (
    select 'total' as dim, 'total' as key
    union all select 'serviceType', coalesce(g.service_type, 'any')
    union all select 'ageBand', ${ageBand(db, 'age')}
    union all select 'gender', coalesce(g.gender, 'any')
    union all select 'district', coalesce(g.district_ags, 'unknown')
    union all select 'hour', extract(hour from g.at at time zone 'Europe/Berlin')::int::text
    union all select 'need', n from unnest(g.needs) n) p`;

/** Request groups by urgency and each dimension: summarised months and days plus raw intervals. */
export function selectRequestDims(db: Db, sp: Split, w: Who) {
  const whole = w.districts === null && w.officeId === null;
  const summary = (table: string, col: 'day' | 'month', keys: string[]) => db`
    select urgency, dim, key, sum(requests) from ${db(table)}
    where ${db(col)} = any(${keys}::date[]) and whole = ${whole}
      ${anyOf(db, 'district_ags', w.districts)} ${equals(db, 'office_id', w.officeId)}
    group by 1, 2, 3`;
  return db<{ urgency: string; dim: string; key: string; count: number }[]>`
    select urgency::text, dim, key, sum(n)::int as count from (
      select urgency, dim, key, count(*) as n from (${requestPairs(db, sp, w)}) p group by 1, 2, 3
      union all ${summary('request_month_dims', 'month', sp.months)}
      union all ${summary('request_day_dims', 'day', sp.days)}) x
    group by 1, 2, 3`;
}
