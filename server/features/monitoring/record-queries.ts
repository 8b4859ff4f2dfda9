import type { Db } from '../../db';

export interface SearchRecord {
  kind: 'search' | 'browse' | 'emergency';
  officeId: string;
  serviceType: string | null;
  age: number | null;
  gender: string | null;
  needs: string[];
  conditions: string[];
  secureSetting: boolean;
  siblings: number;
  emergencyIntake: boolean;
  radiusKm: number | null;
  refLat: number | null;
  refLon: number | null;
  resultCount: number;
  bindingConstraint: string | null;
  relaxedFound: number | null;
}

/**
 * Writes one search's record and counts its units' appearances, in one statement (it runs on every
 * search: one round trip instead of three). The office's district comes from the office; without
 * a reference point (`refLat`/`refLon` null) the district's centre, rounded to 0.1° as the caller
 * rounds a given point.
 */
export async function insertSearchRecord(db: Db, r: SearchRecord, unitIds: string[]): Promise<void> {
  await db`
    with office as (
      select o.district_ags, c.lat, c.lon from organisations o left join district_centres c on c.ags = o.district_ags where o.id = ${r.officeId}
    ), appearances as (
      insert into unit_appearances (day, unit_id, count)
      -- in one order for every search: two searches upserting the same units in different orders deadlocked
      select current_date, id, 1 from (select distinct id from unnest(${unitIds}::uuid[]) id) x order by id
      on conflict (unit_id, day) do update set count = unit_appearances.count + 1
    )
    insert into search_log (kind, office_id, district_ags, service_type, age, gender, needs, conditions, secure_setting, siblings,
                            emergency_intake, radius_km, ref_lat, ref_lon, result_count, binding_constraint, relaxed_found)
    select ${r.kind}, ${r.officeId}, office.district_ags, ${r.serviceType}, ${r.age}, ${r.gender}, ${r.needs}, ${r.conditions}, ${r.secureSetting},
           ${r.siblings}, ${r.emergencyIntake}, ${r.radiusKm},
           -- Math.round(x * 10) / 10, as for a given point
           coalesce(${r.refLat}::float8, floor(office.lat * 10 + 0.5) / 10), coalesce(${r.refLon}::float8, floor(office.lon * 10 + 0.5) / 10),
           ${r.resultCount}, ${r.bindingConstraint}, ${r.relaxedFound}
    from (select 1) one left join office on true`;
}
