import { RUNNING_STATUSES } from '../../../shared/schemas/requests';
import type { Db } from '../../db';

/** Counts of the office's requests (all offices' when `officeId` is null) over the last `days`. */
export async function selectRequestCounts(db: Db, officeId: string | null, days: number) {
  const [r] = await db<
    { running: number; confirmed: number; declined: number; withdrawn: number; expired: number; released: number; emergency: number; medianHours: number | null }[]
  >`
    select
      count(*) filter (where status = any(${RUNNING_STATUSES}::request_status[]))::int as running,
      count(*) filter (where status = 'confirmed' and closed_at > now() - make_interval(days => ${days}))::int as confirmed,
      count(*) filter (where status = 'declined' and closed_at > now() - make_interval(days => ${days}))::int as declined,
      count(*) filter (where status = 'withdrawn' and closed_at > now() - make_interval(days => ${days}))::int as withdrawn,
      count(*) filter (where status = 'expired' and closed_at > now() - make_interval(days => ${days}))::int as expired,
      count(*) filter (where status = 'released' and closed_at > now() - make_interval(days => ${days}))::int as released,
      count(*) filter (where urgency = 'emergency' and created_at > now() - make_interval(days => ${days}))::int as emergency,
      (percentile_cont(0.5) within group (order by extract(epoch from closed_at - created_at) / 3600)
        filter (where status = 'confirmed' and closed_at > now() - make_interval(days => ${days})))::float8 as median_hours
    from placement_requests
    where (${officeId}::uuid is null or office_id = ${officeId}::uuid)`;
  return r;
}

export async function countEscalations(db: Db, officeId: string | null, days: number): Promise<number> {
  const [esc] = await db`select count(*)::int as n from emergency_escalations
    where escalated_at > now() - make_interval(days => ${days}) and (${officeId}::uuid is null or office_id = ${officeId}::uuid)`;
  return esc.n as number;
}

/** Places of listed providers' live units; `unconfirmedHours` is the freshness limit. */
export async function selectPlaceCounts(db: Db, unconfirmedHours: number) {
  const [p] = await db<{ unitsWithFree: number; freePlaces: number; heldPlaces: number; unconfirmed: number }[]>`
    select count(*) filter (where u.free_places - u.held_places > 0)::int as units_with_free,
           coalesce(sum(u.free_places), 0)::int as free_places, coalesce(sum(u.held_places), 0)::int as held_places,
           count(*) filter (where u.capacity_total is not null and (u.last_confirmed_at is null or u.last_confirmed_at < now() - make_interval(secs => ${unconfirmedHours * 3600}::float8)))::int as unconfirmed
    from units u join organisations o on o.id = u.owner_id
    where u.archived_at is null and u.owner_kind = 'provider' and o.verified_at is not null`;
  return p;
}

/** The anonymous monthly counts kept after retention, for the office's district (or all). */
export async function selectHistory(db: Db, officeId: string | null) {
  return db<{ month: string; outcome: string; count: number; medianMinutes: number | null }[]>`
    select to_char(month, 'YYYY-MM') as month, outcome::text, count(*)::int as count,
           (percentile_cont(0.5) within group (order by minutes_to_close))::float8 as median_minutes
    from placement_stats
    where month > now() - interval '13 months'
      and (${officeId}::uuid is null or district_ags = (select district_ags from organisations where id = ${officeId}::uuid))
    group by 1, 2 order by 1, 2`;
}
