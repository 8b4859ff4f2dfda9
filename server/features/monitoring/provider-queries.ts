import type { Db } from '../../db';
import { ageBand } from './demand-queries';

/** The provider's units with appearances on first pages, requests and acceptances since `from`. */
export function selectOwnUnits(db: Db, providerId: string, from: Date) {
  return db<{ unitId: string; name: string; appearances: number; requests: number; accepted: number }[]>`
    select u.id as unit_id, u.name,
           coalesce((select sum(a.count) from unit_appearances a where a.unit_id = u.id and a.day >= ${from}::date), 0)::int as appearances,
           (select count(*) from placement_requests r where r.unit_id = u.id and r.created_at >= ${from})::int as requests,
           (select count(*) from placement_requests r where r.unit_id = u.id and r.created_at >= ${from}
              and (r.status in ('accepted', 'confirmed', 'released') or r.hold_expires_at is not null))::int as accepted
    from units u where u.owner_id = ${providerId} and u.archived_at is null order by u.name`;
}

/** Empty searches since `from` whose (rounded) reference point lies within `km` of one of the provider's units. */
export function selectUnmetAround(db: Db, providerId: string, from: Date, km: number) {
  return db<{ serviceType: string | null; ageBand: string; gender: string | null; needs: string[]; count: number }[]>`
    select s.service_type, ${ageBand(db, 'age')} as age_band, s.gender,
           (select coalesce(array_agg(n order by n), '{}') from unnest(s.needs) n) as needs, count(*)::int as count
    from search_log s
    where s.searched_at >= ${from} and s.result_count = 0 and s.ref_lat is not null
      and exists (select 1 from units u where u.owner_id = ${providerId} and u.archived_at is null
                  and earth_distance(ll_to_earth(u.lat, u.lon), ll_to_earth(s.ref_lat::float8, s.ref_lon::float8)) <= ${km * 1000})
    group by 1, 2, 3, 4 order by count desc, 1, 2, 3 limit 20`;
}

/** Providers with a unit within `km` of one of this provider's units (itself included): its region. */
export async function selectNeighbourProviders(db: Db, providerId: string, km: number): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select distinct o.owner_id as id from units o, units mine
    where mine.owner_id = ${providerId} and mine.archived_at is null and o.archived_at is null and o.owner_kind = 'provider'
      and earth_distance(ll_to_earth(o.lat, o.lon), ll_to_earth(mine.lat, mine.lon)) <= ${km * 1000}
    union select ${providerId}::uuid`;
  return rows.map((r) => r.id);
}
