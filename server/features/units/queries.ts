import type { PublicUnit, Unit } from '../../../shared/schemas/places';
import type { Db } from '../../db';
import { freshnessOf, type FreshnessPeriods } from '../freshness/periods';
import type { UnitState } from '../places/service';

/** Columns both views share. Foster places carry only a coarse point in `units`; the address is elsewhere. */
const common = (db: Db, p: FreshnessPeriods) => db`
  u.id, u.name, u.description, u.setting, u.service_types, u.age_min, u.age_max, u.genders,
  u.specialisations, u.exclusions, u.languages, u.secure_setting, u.siblings_max, u.step_free, u.emergency_intake,
  u.emergency_phone, u.max_answer_hours, u.staffing_ratio, u.therapy_in_house, u.schooling_on_site,
  u.daily_rate::float8 as daily_rate, u.agreement_present, u.licence_present, u.residents_age_min, u.residents_age_max,
  u.residents_female, u.residents_male, u.residents_diverse, u.capacity_total, u.free_places, u.held_places,
  u.last_confirmed_at, u.availability_changed_at, ${freshnessOf(db, p)} as freshness, u.admittable_places,
  case when u.paused_at is null then null
       else json_build_object('reason', u.paused_reason, 'until', u.paused_until, 'note', u.paused_note, 'since', u.paused_at) end as pause,
  u.lat, u.lon, u.location_is_coarse, u.postcode, u.city, u.district_ags, d.name as district_name,
  u.contact_phone, u.contact_email, u.updated_at, u.facility_id,
  case when f.id is null then null
       else json_build_object('id', f.id, 'name', f.name, 'street', f.street, 'postcode', f.postcode, 'city', f.city) end as facility,
  coalesce((select json_agg(json_build_object('id', pv.id, 'availableFrom', pv.available_from, 'places', pv.places, 'note', pv.note)
                            order by pv.available_from, pv.created_at)
            from planned_vacancies pv where pv.unit_id = u.id), '[]'::json) as planned_vacancies`;

const ownerView = (db: Db, p: FreshnessPeriods) => db`
  select ${common(db, p)}, u.owner_id, u.owner_kind, u.external_ref, u.version, u.created_at, u.archived_at,
    case when fa.unit_id is null then null
         else json_build_object('street', fa.street, 'postcode', fa.postcode, 'city', fa.city, 'lat', fa.lat, 'lon', fa.lon) end as foster_address
  from units u
  left join facilities f on f.id = u.facility_id
  left join districts d on d.ags = u.district_ags
  left join foster_addresses fa on fa.unit_id = u.id`;

/** The owner's units (own organisation only). */
export async function selectOwnUnits(db: Db, p: FreshnessPeriods, ownerId: string, f: { includeArchived?: boolean; facilityId?: string; ids?: string[] } = {}): Promise<Unit[]> {
  return db<Unit[]>`${ownerView(db, p)}
    where u.owner_id = ${ownerId}
      and (${f.includeArchived ?? false} or u.archived_at is null)
      and (${f.facilityId ?? null}::uuid is null or u.facility_id = ${f.facilityId ?? null}::uuid)
      and (${f.ids ?? null}::uuid[] is null or u.id = any(${f.ids ?? null}::uuid[]))
    order by u.archived_at nulls first, f.name nulls last, u.name`;
}

export async function selectOwnUnit(db: Db, p: FreshnessPeriods, ownerId: string, id: string): Promise<Unit | undefined> {
  const [u] = await db<Unit[]>`${ownerView(db, p)} where u.id = ${id} and u.owner_id = ${ownerId}`;
  return u;
}

/**
 * Units as other organisations see them: only listed owners (verified providers, offices), never
 * archived ones, never the foster address (foster_addresses is not even joined).
 */
export async function selectListedUnits(db: Db, p: FreshnessPeriods, f: { id?: string; ownerId?: string }): Promise<PublicUnit[]> {
  return db<PublicUnit[]>`
    select ${common(db, p)},
      json_build_object('id', o.id, 'name', o.name, 'phone', o.phone, 'emergencyPhone', o.emergency_phone, 'email', o.email) as provider
    from units u
    join organisations o on o.id = u.owner_id
    left join facilities f on f.id = u.facility_id
    left join districts d on d.ags = u.district_ags
    where u.archived_at is null and unit_owner_listed(u.owner_id)
      and (${f.id ?? null}::uuid is null or u.id = ${f.id ?? null}::uuid)
      and (${f.ownerId ?? null}::uuid is null or u.owner_id = ${f.ownerId ?? null}::uuid)
    order by f.name nulls last, u.name
    limit 1000`;
}

/** Locks the unit row for the rest of the transaction; undefined when it is not the owner's. */
export async function lockOwnUnit(db: Db, ownerId: string, id: string) {
  const [u] = await db<
    {
      id: string;
      ownerId: string;
      ownerKind: 'provider' | 'office';
      setting: string;
      facilityId: string | null;
      archivedAt: string | null;
      capacityTotal: number | null;
      freePlaces: number | null;
      ageMin: number;
      ageMax: number;
      residentsAgeMin: number | null;
      residentsAgeMax: number | null;
      emergencyIntake: boolean;
      emergencyPhone: string | null;
      version: number;
    }[]
  >`select id, owner_id, owner_kind, setting, facility_id, archived_at, capacity_total, free_places, age_min, age_max,
           residents_age_min, residents_age_max, emergency_intake, emergency_phone, version
    from units where id = ${id} and owner_id = ${ownerId} for update`;
  return u;
}

export type UnitColumns = Record<string, unknown>;

export async function insertUnit(db: Db, row: UnitColumns): Promise<UnitState> {
  const [u] = await db<UnitState[]>`insert into units ${db(row as Record<string, string>)} returning id, owner_id, free_places, last_confirmed_at`;
  return u;
}

export async function updateUnitColumns(db: Db, id: string, row: UnitColumns): Promise<UnitState> {
  const [u] = await db<UnitState[]>`
    update units set ${db(row as Record<string, string>)}, version = version + 1, updated_at = now()
    where id = ${id} returning id, owner_id, free_places, last_confirmed_at`;
  return u;
}

export async function upsertFosterAddress(db: Db, unitId: string, a: { street: string; postcode: string; city: string; lat?: number | null; lon?: number | null }) {
  await db`insert into foster_addresses (unit_id, street, postcode, city, lat, lon)
    values (${unitId}, ${a.street}, ${a.postcode}, ${a.city}, ${a.lat ?? null}, ${a.lon ?? null})
    on conflict (unit_id) do update set street = excluded.street, postcode = excluded.postcode, city = excluded.city, lat = excluded.lat, lon = excluded.lon`;
}

export async function archiveUnitRow(db: Db, id: string): Promise<UnitState> {
  const [u] = await db<UnitState[]>`
    update units set archived_at = now(), version = version + 1, updated_at = now()
    where id = ${id} returning id, owner_id, free_places, last_confirmed_at`;
  return u;
}

/** Groups take their facility's location; called when a facility moves. */
export async function relocateFacilityUnits(db: Db, facilityId: string): Promise<UnitState[]> {
  return db<UnitState[]>`
    update units u set lat = f.lat, lon = f.lon, postcode = f.postcode, city = f.city, district_ags = f.district_ags,
      version = u.version + 1, updated_at = now()
    from facilities f
    where f.id = ${facilityId} and u.facility_id = f.id and u.archived_at is null
      and (u.lat, u.lon, u.postcode, u.city, u.district_ags) is distinct from (f.lat, f.lon, f.postcode, f.city, f.district_ags)
    returning u.id, u.owner_id, u.free_places, u.last_confirmed_at`;
}

export async function selectFacilityLocation(db: Db, facilityId: string, ownerId: string) {
  const [f] = await db<{ lat: number; lon: number; postcode: string | null; city: string | null; districtAgs: string | null; archivedAt: string | null }[]>`
    select lat, lon, postcode, city, district_ags, archived_at from facilities where id = ${facilityId} and provider_id = ${ownerId}`;
  return f;
}

/** A postcode's point and towns (offline data): the coarse location of a foster place. */
export async function selectPostcode(db: Db, code: string) {
  const [p] = await db<{ lat: number; lon: number; towns: string[] }[]>`select lat, lon, towns from postcodes where code = ${code}`;
  return p;
}
