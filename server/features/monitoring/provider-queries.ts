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
 * Read from `provider_sites` (one row per place where a provider has live units, kept by triggers):
 * a box around each own place finds the candidates through its location index; the distance decides.
 */
export async function selectNeighbourProviders(db: Db, providerId: string, km: number): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select distinct o.provider_id as id
    from provider_sites mine
    join provider_sites o on earth_box(mine.pt, ${km * 1000}) @> o.pt
    where mine.provider_id = ${providerId}
      and earth_distance(o.pt, mine.pt) <= ${km * 1000}
    union select ${providerId}::uuid`;
  return rows.map((r) => r.id);
}
