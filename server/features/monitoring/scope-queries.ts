import type { Db } from '../../db';

export async function selectOfficeDistrict(db: Db, orgId: string): Promise<string | null> {
  const [r] = await db<{ districtAgs: string | null }[]>`select district_ags from organisations where id = ${orgId} and kind = 'office'`;
  return r?.districtAgs ?? null;
}

/** The district and every district whose centre lies within `km` of its centre. */
export async function selectRegionDistricts(db: Db, ags: string, km: number): Promise<string[]> {
  const rows = await db<{ ags: string }[]>`
    select c.ags from district_centres c, district_centres me
    where me.ags = ${ags} and earth_distance(ll_to_earth(c.lat, c.lon), ll_to_earth(me.lat, me.lon)) <= ${km * 1000}
    union select ${ags}::text`;
  return rows.map((r) => r.ags).sort();
}
