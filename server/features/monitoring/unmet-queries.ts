import { anyOf, equals } from './filters';
import type { Db } from '../../db';
import type { Scope } from './scope';

/**
 * Children (cases: office and case reference) whose requests all ended without a placement in the
 * period: every request of the case closed, none confirmed, the last closed in the period. By the
 * type of service of the first unit asked and by decline reason. Read from case_facts (migration 0161).
 */
export function selectUnplaced(db: Db, s: Scope) {
  return db<{ dim: string; key: string; count: number }[]>`
    with g as (
      select service_type, reasons from case_facts
      where all_closed and not any_confirmed and last_closed_at >= ${s.from} and last_closed_at < ${s.to}
        ${anyOf(db, 'office_district', s.districts)} ${equals(db, 'office_id', s.officeId)})
    select 'total' as dim, 'total' as key, count(*)::int as count from g
    union all select 'serviceType', service_type, count(*)::int from g group by 2
    union all select 'declineReason', reason, count(*)::int from g, unnest(reasons) reason group by 2`;
}

export async function countEscalated(db: Db, s: Scope): Promise<number> {
  const [r] = await db<{ n: number }[]>`
    select count(*)::int as n from emergency_escalations e join organisations o on o.id = e.office_id
    where e.escalated_at >= ${s.from} and e.escalated_at < ${s.to}
      ${anyOf(db, 'o.district_ags', s.districts)} ${equals(db, 'e.office_id', s.officeId)}`;
  return r.n;
}
