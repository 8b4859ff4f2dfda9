import { anyOf } from './filters';
import type { Db } from '../../db';
import type { Scope } from './scope';

/**
 * Live units with places: of verified providers, and offices' foster places; in the scope's
 * districts. Read from supply_units (migration 0162), the narrow copy of the live units kept by a trigger.
 */
const liveUnits = (db: Db, districts: string[] | null) => db`
  select u.unit_id as id, u.owner_id, u.owner_kind, u.service_types, u.age_min, u.age_max, u.genders, u.district_ags,
         u.free_places, u.held_places, u.last_confirmed_at
  from supply_units u join organisations o on o.id = u.owner_id
  where (u.owner_kind = 'office' or o.verified_at is not null)
    ${anyOf(db, 'u.district_ags', districts)}`;

/** The same from units itself: the hourly snapshot, taken from the source of truth. */
const liveUnitsRaw = (db: Db) => db`
  select u.id, u.owner_id, u.owner_kind, u.service_types, u.district_ags, u.free_places, u.held_places
  from units u join organisations o on o.id = u.owner_id
  where u.archived_at is null and u.capacity_total is not null and (u.owner_kind = 'office' or o.verified_at is not null)`;

export interface PlacesRow {
  dim: string;
  key: string;
  units: number;
  free: number;
  held: number;
}

/**
 * Places now by type of service, age band, gender and district. A unit counts in every type it
 * offers, every age band its range touches and every gender it takes (rows overlap; districts do not).
 */
export function selectPlaces(db: Db, s: Scope) {
  // units first summed per combination of types, ages and genders (about a hundred nationally),
  // which are then spread over the types, bands and genders they count in
  return db<PlacesRow[]>`
    with u as (${liveUnits(db, s.districts)}),
    c as (select service_types, age_min, age_max, genders, count(*) as n, sum(free_places) as free, sum(held_places) as held
          from u group by 1, 2, 3, 4),
    bands(key, lo, hi) as (values ('0-5', 0, 5), ('6-11', 6, 11), ('12-13', 12, 13), ('14-17', 14, 17), ('18-27', 18, 27))
    select 'serviceType' as dim, t as key, sum(n)::int as units, sum(free)::int as free, sum(held)::int as held
      from c, unnest(service_types) t group by 2
    union all select 'ageBand', b.key, sum(n)::int, sum(free)::int, sum(held)::int
      from c join bands b on c.age_min <= b.hi and c.age_max >= b.lo group by 2
    union all select 'gender', g, sum(n)::int, sum(free)::int, sum(held)::int from c, unnest(genders) g group by 2
    union all select 'district', coalesce(district_ags, 'unknown'), count(*)::int, sum(free_places)::int, sum(held_places)::int from u group by 2
    order by 1, 2`;
}

export function selectDistrictNames(db: Db, ags: string[]) {
  return db<{ ags: string; name: string; lat: number | null; lon: number | null }[]>`
    select d.ags, d.name, c.lat, c.lon from districts d left join district_centres c on c.ags = d.ags where d.ags = any(${ags}::text[])`;
}

/** Planned vacancies of the next 30 days by type of service (a unit's places count in each of its types). */
export function selectPlanned(db: Db, s: Scope) {
  return db<{ key: string; places: number }[]>`
    with u as (${liveUnits(db, s.districts)})
    select t as key, sum(v.places)::int as places from u join planned_vacancies v on v.unit_id = u.id, unnest(u.service_types) t
    where v.available_from >= current_date and v.available_from < current_date + 30 group by 1 order by 1`;
}

export interface FreshnessRow {
  providerId: string | null;
  name: string | null;
  units: number;
  unitsConfirmed: number;
  freePlaces: number;
  freePlacesConfirmed: number;
}

/** Units (and free places) confirmed within `hours`, per provider and over all (providerId null). */
export function selectFreshness(db: Db, districts: string[] | null, hours: number, providerIds: string[] | null = null) {
  return db<FreshnessRow[]>`
    with u as (${liveUnits(db, districts)}),
    p as (
      select u.owner_id, count(*)::int as units,
             count(*) filter (where u.last_confirmed_at > now() - make_interval(hours => ${hours}))::int as units_confirmed,
             coalesce(sum(u.free_places), 0)::int as free_places,
             coalesce(sum(u.free_places) filter (where u.last_confirmed_at > now() - make_interval(hours => ${hours})), 0)::int as free_places_confirmed
      from u where u.owner_kind = 'provider' ${anyOf(db, 'u.owner_id', providerIds, 'uuid')}
      group by grouping sets ((), (u.owner_id)))
    select p.owner_id as provider_id, o.name, p.units, p.units_confirmed, p.free_places, p.free_places_confirmed
    from p left join organisations o on o.id = p.owner_id order by o.name nulls first`;
}

/**
 * The trend: totals of the hourly snapshots in the period, over the scope's districts (rows of
 * type '*' hold the per-district totals) or, for all districts, from supply_snapshot_totals.
 */
export function selectTrend(db: Db, s: Scope) {
  if (s.districts === null) {
    return db<{ at: Date | string; free: number; held: number }[]>`
      select taken_at as at, free_places as free, held_places as held from supply_snapshot_totals
      where taken_at >= ${s.from} and taken_at < ${s.to} order by 1`;
  }
  return db<{ at: Date | string; free: number; held: number }[]>`
    select taken_at as at, sum(free_places)::int as free, sum(held_places)::int as held from supply_snapshots
    where service_type = '*' and taken_at >= ${s.from} and taken_at < ${s.to} and district_ags = any(${s.districts}::text[])
    group by 1 order by 1`;
}

/** Takes the hourly snapshot: per district, one row per type of service and one total ('*'). */
export async function insertSnapshot(db: Db, at: Date): Promise<number> {
  const rows = await db`
    with u as (${liveUnitsRaw(db)})
    insert into supply_snapshots (taken_at, district_ags, service_type, units, free_places, held_places)
    select ${at}::timestamptz, district_ags, t, count(*), sum(free_places), sum(held_places)
      from u, unnest(u.service_types) t where district_ags is not null group by 2, 3
    union all select ${at}::timestamptz, district_ags, '*', count(*), sum(free_places), sum(held_places)
      from u where district_ags is not null group by 2
    on conflict do nothing returning 1`;
  await insertSnapshotTotal(db, at);
  return rows.length;
}

/** The national total of a snapshot (one row per snapshot), from its per-district rows. */
export async function insertSnapshotTotal(db: Db, at: Date | null = null) {
  await db`
    insert into supply_snapshot_totals (taken_at, units, free_places, held_places)
    select taken_at, sum(units), sum(free_places), sum(held_places) from supply_snapshots
    where service_type = '*' and (${at}::timestamptz is null or taken_at = ${at}::timestamptz) group by 1
    on conflict (taken_at) do update set units = excluded.units, free_places = excluded.free_places, held_places = excluded.held_places`;
}

export async function pruneMonitoring(db: Db, searchDays: number, snapshotDays: number) {
  await db`delete from search_log where searched_at < now() - make_interval(days => ${searchDays})`;
  await db`delete from unit_appearances where day < current_date - ${searchDays}::int`;
  await db`delete from supply_snapshots where taken_at < now() - make_interval(days => ${snapshotDays})`;
  await db`delete from supply_snapshot_totals where taken_at < now() - make_interval(days => ${snapshotDays})`;
}
