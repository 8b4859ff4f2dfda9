import type { Db } from '../../db';

/** The provider's units with appearances on first pages, requests and acceptances since `from`. */
export function selectOwnUnits(db: Db, providerId: string, from: Date) {
  return db<{ unitId: string; name: string; appearances: number; requests: number; accepted: number }[]>`
    select u.id as unit_id, u.name,
           coalesce((select sum(a.count) from unit_appearances a where a.unit_id = u.id and a.day >= ${from}::date), 0)::int as appearances,
           (select count(*) from request_facts r where r.unit_id = u.id and r.created_at >= ${from})::int as requests,
           (select count(*) from request_facts r where r.unit_id = u.id and r.created_at >= ${from} and r.accepted)::int as accepted
    from units u where u.owner_id = ${providerId} and u.archived_at is null order by u.name`;
}

/**
 * Providers with a unit within `km` of one of this provider's units (itself included): its region.
 * Once per distinct location of its units, the box around it finds the candidates through the
 * units' location index; the distance decides.
 */
export async function selectNeighbourProviders(db: Db, providerId: string, km: number): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select distinct o.owner_id as id
    from (select distinct lat, lon from units where owner_id = ${providerId} and archived_at is null) mine
    join units o on earth_box(ll_to_earth(mine.lat, mine.lon), ${km * 1000}) @> ll_to_earth(o.lat, o.lon) and o.archived_at is null
    where o.owner_kind = 'provider' and earth_distance(ll_to_earth(o.lat, o.lon), ll_to_earth(mine.lat, mine.lon)) <= ${km * 1000}
    union select ${providerId}::uuid`;
  return rows.map((r) => r.id);
}
