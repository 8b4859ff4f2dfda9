import type { Db } from '../../db';
import type { Scope } from './scope';

/**
 * Children (cases: office and case reference) whose requests all ended without a placement in the
 * period: every request of the case closed, none confirmed. By the type of service of the first unit asked and by decline reason.
 */
export function selectUnplaced(db: Db, s: Scope) {
  return db<{ dim: string; key: string; count: number }[]>`
    with g as (
      select r.office_id, r.case_ref, (array_agg(u.service_types[1] order by r.created_at))[1] as service_type,
             array_remove(array_agg(r.decline_reason), null) as reasons
      from placement_requests r join units u on u.id = r.unit_id join organisations o on o.id = r.office_id
      where (${s.districts}::text[] is null or o.district_ags = any(${s.districts}::text[]))
        and (${s.officeId}::uuid is null or r.office_id = ${s.officeId}::uuid)
      group by r.office_id, r.case_ref
      having bool_and(r.closed_at is not null) and not bool_or(r.status = 'confirmed')
         and max(r.closed_at) >= ${s.from} and max(r.closed_at) < ${s.to})
    select 'total' as dim, 'total' as key, count(*)::int as count from g
    union all select 'serviceType', service_type, count(*)::int from g group by 2
    union all select 'declineReason', reason, count(*)::int from g, unnest(reasons) reason group by 2`;
}

export async function countEscalated(db: Db, s: Scope): Promise<number> {
  const [r] = await db<{ n: number }[]>`
    select count(*)::int as n from emergency_escalations e join organisations o on o.id = e.office_id
    where e.escalated_at >= ${s.from} and e.escalated_at < ${s.to}
      and (${s.districts}::text[] is null or o.district_ags = any(${s.districts}::text[]))
      and (${s.officeId}::uuid is null or e.office_id = ${s.officeId}::uuid)`;
  return r.n;
}
