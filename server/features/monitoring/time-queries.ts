import { anyOf, equals } from './filters';
import type { Db, Sql } from '../../db';
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
 * confirmation, for placements confirmed in the period; by type of service and urgency, and
 * overall. The minutes are kept per request in request_facts (migration 0161).
 */
export function selectPlacementTimes(db: Db, s: Scope) {
  return db<TimingRow[]>`
    select coalesce(service_type, 'all') as key, coalesce(urgency::text, 'all') as urgency, count(*)::int as cases,
           percentile_cont(0.5) within group (order by placement_minutes)::float8 as median_minutes,
           percentile_cont(0.9) within group (order by placement_minutes)::float8 as p90_minutes
    from request_facts
    where confirmed and closed_at >= ${s.from} and closed_at < ${s.to}
      ${anyOf(db, 'office_district', s.districts)} ${equals(db, 'office_id', s.officeId)}
    group by grouping sets ((), (service_type, urgency)) order by 1, 2`;
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
 * withdrawn before its target without an answer does not count. With `providerIds`, only the
 * requests to those providers (their own rows; the overall rows then count only them).
 */
export function selectAnswerTimes(sql: Sql, s: Scope, targets: { emergency: number; regular: number }, providerIds: string[] | null = null) {
  // a year's requests are sorted three times (overall, by urgency, by provider): in memory, not on disk
  return sql.begin(async (db) => {
    await db`set local work_mem = '32MB'`;
    return db<AnswerRow[]>`
      with r as (
        select provider_id, urgency::text as urgency,
               extract(epoch from coalesce(answered_at, coalesce(closed_at, now())) - created_at) / 60 as minutes,
               answered_at is not null as answered,
               case when urgency = 'emergency' then ${targets.emergency}::float8 else ${targets.regular}::float8 end as target
        from request_facts
        where created_at >= ${s.from} and created_at < ${s.to}
          ${s.officeId !== null ? equals(db, 'office_id', s.officeId) : anyOf(db, 'unit_district', s.districts)}
          ${anyOf(db, 'provider_id', providerIds, 'uuid')}),
      g as (
        select provider_id, urgency, count(*)::int as requests,
               count(*) filter (where answered and minutes <= target)::int as within,
               (percentile_cont(0.5) within group (order by minutes) filter (where answered))::float8 as median_minutes
        from r where answered or minutes > target
        group by grouping sets ((), (urgency), (provider_id)))
      select g.provider_id, o.name, g.urgency, g.requests, g.within, g.median_minutes
      from g left join organisations o on o.id = g.provider_id`;
  }) as Promise<AnswerRow[]>;
}
