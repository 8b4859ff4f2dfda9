import type { Db } from '../../db';

export interface SearchRecord {
  kind: 'search' | 'browse' | 'emergency';
  officeId: string;
  districtAgs: string | null;
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

export async function insertSearchRecord(db: Db, r: SearchRecord): Promise<void> {
  await db`
    insert into search_log (kind, office_id, district_ags, service_type, age, gender, needs, conditions, secure_setting, siblings,
                            emergency_intake, radius_km, ref_lat, ref_lon, result_count, binding_constraint, relaxed_found)
    values (${r.kind}, ${r.officeId}, ${r.districtAgs}, ${r.serviceType}, ${r.age}, ${r.gender}, ${r.needs}, ${r.conditions}, ${r.secureSetting},
            ${r.siblings}, ${r.emergencyIntake}, ${r.radiusKm}, ${r.refLat}, ${r.refLon}, ${r.resultCount}, ${r.bindingConstraint}, ${r.relaxedFound})`;
}

/** Counts one appearance on a first page for each unit, per day. */
export async function addAppearances(db: Db, unitIds: string[]): Promise<void> {
  if (unitIds.length === 0) return;
  await db`
    insert into unit_appearances (day, unit_id, count)
    -- in one order for every search: two searches upserting the same units in different orders deadlocked
    select current_date, id, 1 from (select distinct id from unnest(${unitIds}::uuid[]) id) x order by id
    on conflict (unit_id, day) do update set count = unit_appearances.count + 1`;
}
