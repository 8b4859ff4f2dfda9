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

/** One record to write and the units it showed. */
export interface SearchRecordWrite {
  record: SearchRecord;
  unitIds: string[];
}

/**
 * Writes search records and counts their units' appearances, all in one statement (it runs for
 * every search; the searches of a short while are written together, see recording.ts). Each
 * record's office gives its district, and without a reference point (`refLat`/`refLon` null) the
 * district's centre, rounded to 0.1° as the caller rounds a given point. A unit counts once per
 * record that showed it.
 */
export async function insertSearchRecords(db: Db, writes: SearchRecordWrite[]): Promise<void> {
  if (!writes.length) return;
  const appearances = new Map<string, number>();
  for (const w of writes) for (const id of new Set(w.unitIds)) appearances.set(id, (appearances.get(id) ?? 0) + 1);
  // in one order for every batch: two batches upserting the same units in different orders deadlocked
  const ids = [...appearances.keys()].sort();
  const records = db.json(
    writes.map(({ record: r }, ord) => ({
      ord, kind: r.kind, office_id: r.officeId, service_type: r.serviceType, age: r.age, gender: r.gender, needs: r.needs,
      conditions: r.conditions, secure_setting: r.secureSetting, siblings: r.siblings, emergency_intake: r.emergencyIntake,
      radius_km: r.radiusKm, ref_lat: r.refLat, ref_lon: r.refLon, result_count: r.resultCount, binding_constraint: r.bindingConstraint,
      relaxed_found: r.relaxedFound,
    })) as never,
  );
  await db`
    with r as (
      select * from jsonb_to_recordset(${records}::jsonb) as r(ord int, kind text, office_id uuid, service_type text, age int, gender text,
        needs text[], conditions text[], secure_setting boolean, siblings int, emergency_intake boolean, radius_km int,
        ref_lat float8, ref_lon float8, result_count int, binding_constraint text, relaxed_found int)
    ), appearances as (
      insert into unit_appearances (day, unit_id, count)
      select current_date, x.id, x.n from unnest(${ids}::uuid[], ${ids.map((id) => appearances.get(id)!)}::int[]) x(id, n) order by x.id
      on conflict (unit_id, day) do update set count = unit_appearances.count + excluded.count
    )
    insert into search_log (kind, office_id, district_ags, service_type, age, gender, needs, conditions, secure_setting, siblings,
                            emergency_intake, radius_km, ref_lat, ref_lon, result_count, binding_constraint, relaxed_found)
    select r.kind, r.office_id, o.district_ags, r.service_type, r.age, r.gender, r.needs, r.conditions, r.secure_setting,
           r.siblings, r.emergency_intake, r.radius_km,
           -- Math.round(x * 10) / 10, as for a given point
           coalesce(r.ref_lat, floor(c.lat * 10 + 0.5) / 10), coalesce(r.ref_lon, floor(c.lon * 10 + 0.5) / 10),
           r.result_count, r.binding_constraint, r.relaxed_found
    from r left join organisations o on o.id = r.office_id left join district_centres c on c.ags = o.district_ags
    order by r.ord`;
}
