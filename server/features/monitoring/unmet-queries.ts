import type { Db } from '../../db';
import { ageBand } from './demand-queries';
import type { Scope } from './scope';

const searchFilter = (db: Db, s: Scope) => db`
  searched_at >= ${s.from} and searched_at < ${s.to} and result_count = 0
  and (${s.districts}::text[] is null or district_ags = any(${s.districts}::text[]))
  and (${s.officeId}::uuid is null or office_id = ${s.officeId}::uuid)`;

export interface UnmetCell {
  serviceType: string | null;
  ageBand: string;
  gender: string | null;
  needs: string[];
  count: number;
  bindingConstraint: string | null;
  relaxedFound: number | null;
}

/** Empty searches grouped by their criteria, the most frequent binding constraint of each group. */
export function selectEmptyByCriteria(db: Db, s: Scope, limit = 50) {
  return db<UnmetCell[]>`
    select service_type, ${ageBand(db, 'age')} as age_band, gender, (select coalesce(array_agg(n order by n), '{}') from unnest(needs) n) as needs,
           count(*)::int as count, mode() within group (order by binding_constraint) as binding_constraint,
           sum(relaxed_found)::int as relaxed_found
    from search_log where ${searchFilter(db, s)}
    group by 1, 2, 3, 4 order by count desc, 1, 2, 3 limit ${limit}`;
}

export function selectEmptyByConstraint(db: Db, s: Scope) {
  return db<{ key: string; count: number; relaxedFound: number }[]>`
    select coalesce(binding_constraint, 'unknown') as key, count(*)::int as count, coalesce(sum(relaxed_found), 0)::int as relaxed_found
    from search_log where ${searchFilter(db, s)} group by 1 order by 2 desc, 1`;
}

/** Empty searches by the searching office's district, with the district's name and centre (for the map). */
export function selectEmptyByDistrict(db: Db, s: Scope) {
  return db<{ key: string; name: string; lat: number | null; lon: number | null; count: number }[]>`
    select l.district_ags as key, d.name, c.lat, c.lon, count(*)::int as count
    from search_log l join districts d on d.ags = l.district_ags left join district_centres c on c.ags = l.district_ags
    where ${searchFilter(db, s)} group by 1, 2, 3, 4 order by count desc, 1`;
}

export async function countEmptySearches(db: Db, s: Scope): Promise<number> {
  const [r] = await db<{ n: number }[]>`select count(*)::int as n from search_log where ${searchFilter(db, s)}`;
  return r.n;
}

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
