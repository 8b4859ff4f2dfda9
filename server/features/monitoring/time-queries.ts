import type { Db } from '../../db';
import type { Scope } from './scope';

export interface TimingRow {
  key: string;
  urgency: string;
  cases: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/**
 * Time to placement: from the first request of the case (same office and case reference) to the
 * confirmation, for placements confirmed in the period; by type of service and urgency, and overall.
 */
export function selectPlacementTimes(db: Db, s: Scope) {
  return db<TimingRow[]>`
    with placed as (
      select c.closed_at, c.urgency::text as urgency, u.service_types[1] as service_type,
             extract(epoch from c.closed_at - (select min(f.created_at) from placement_requests f
               where f.office_id = c.office_id and f.case_ref = c.case_ref and f.created_at <= c.closed_at)) / 60 as minutes
      from placement_requests c join units u on u.id = c.unit_id join organisations o on o.id = c.office_id
      where c.status = 'confirmed' and c.closed_at >= ${s.from} and c.closed_at < ${s.to}
        and (${s.districts}::text[] is null or o.district_ags = any(${s.districts}::text[]))
        and (${s.officeId}::uuid is null or c.office_id = ${s.officeId}::uuid))
    select coalesce(service_type, 'all') as key, coalesce(urgency, 'all') as urgency, count(*)::int as cases,
           percentile_cont(0.5) within group (order by minutes)::float8 as median_minutes,
           percentile_cont(0.9) within group (order by minutes)::float8 as p90_minutes
    from placed group by grouping sets ((), (service_type, urgency)) order by 1, 2`;
}

export interface AnswerRow {
  providerId: string | null;
  name: string | null;
  urgency: string | null;
  requests: number;
  within: number;
  medianMinutes: number | null;
}

/**
 * Answer times of requests created in the period to units in the scope (office scope: the office's
 * requests). A request counts once answered, or once unanswered longer than its target; one
 * withdrawn before its target without an answer does not count.
 */
export function selectAnswerTimes(db: Db, s: Scope, targets: { emergency: number; regular: number }) {
  return db<AnswerRow[]>`
    with r as (
      select r.provider_id, r.urgency::text as urgency,
             extract(epoch from coalesce(r.answered_at, coalesce(r.closed_at, now())) - r.created_at) / 60 as minutes,
             r.answered_at is not null as answered,
             case when r.urgency = 'emergency' then ${targets.emergency}::float8 else ${targets.regular}::float8 end as target
      from placement_requests r join units u on u.id = r.unit_id
      where r.created_at >= ${s.from} and r.created_at < ${s.to}
        and (${s.officeId}::uuid is null or r.office_id = ${s.officeId}::uuid)
        and (${s.officeId}::uuid is not null or ${s.districts}::text[] is null or u.district_ags = any(${s.districts}::text[]))),
    counted as (select * from r where answered or minutes > target)
    select c.provider_id, o.name, c.urgency, count(*)::int as requests,
           count(*) filter (where answered and minutes <= target)::int as within,
           (percentile_cont(0.5) within group (order by minutes) filter (where answered))::float8 as median_minutes
    from counted c left join organisations o on o.id = c.provider_id
    group by grouping sets ((), (c.urgency), (c.provider_id, o.name))`;
}
