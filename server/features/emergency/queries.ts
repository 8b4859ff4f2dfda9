import { RUNNING_STATUSES } from '../../../shared/schemas/requests';
import type { Db } from '../../db';

export interface EmergencyUnit {
  unitId: string;
  unitName: string;
  providerId: string;
  providerName: string;
  city: string | null;
  distanceKm: number;
  availablePlaces: number;
  admittablePlaces: number | null;
  lastConfirmedAt: string | null;
  emergencyPhone: string;
  ageMin: number;
  ageMax: number;
  coarseLocation: boolean;
  lat: number;
  lon: number;
  runningRequestByMyOffice: boolean;
}

/**
 * Units with 24/7 emergency intake and an available place (free minus held, or the admittable
 * figure minus held when the unit gives one), not paused, that take a child of
 * this age and gender, nearest first. Stale figures are not hidden at night: their age is shown.
 * The radius is bounded (at most 300 km) so the GiST index on the stored point (units.pt) does the work.
 */
export async function findEmergencyUnits(
  db: Db,
  q: { lat: number; lon: number; age: number; gender: string; limit: number; excludeUnitIds?: string[]; officeId: string; maxKm?: number },
): Promise<EmergencyUnit[]> {
  const maxMetres = Math.min(q.maxKm ?? 300, 300) * 1000;
  return db<EmergencyUnit[]>`
    select u.id as unit_id, u.name as unit_name, p.id as provider_id, p.name as provider_name, u.city,
           round((earth_distance(ll_to_earth(${q.lat}, ${q.lon}), u.pt) / 1000)::numeric, 1)::float8 as distance_km,
           (least(u.free_places, coalesce(u.admittable_places, u.free_places)) - u.held_places) as available_places,
           u.admittable_places, u.last_confirmed_at, u.emergency_phone, u.age_min, u.age_max,
           u.location_is_coarse as coarse_location, u.lat, u.lon,
           exists (select 1 from placement_requests r where r.unit_id = u.id and r.office_id = ${q.officeId}
                   and r.status = any(${RUNNING_STATUSES}::request_status[])) as running_request_by_my_office
    from units u join organisations p on p.id = u.owner_id
    where u.archived_at is null and u.emergency_intake and u.owner_kind = 'provider' and p.verified_at is not null
      and least(u.free_places, coalesce(u.admittable_places, u.free_places)) - u.held_places > 0
      and u.paused_at is null
      and ${q.age} between u.age_min and u.age_max
      and ${q.gender} = any(u.genders)
      and not (u.id = any(${q.excludeUnitIds ?? []}::uuid[]))
      and earth_box(ll_to_earth(${q.lat}, ${q.lon}), ${maxMetres}) @> u.pt
      -- the box's corners reach further than its radius: the distance itself is the cap
      and earth_distance(ll_to_earth(${q.lat}, ${q.lon}), u.pt) <= ${maxMetres}
    order by earth_distance(ll_to_earth(${q.lat}, ${q.lon}), u.pt)
    limit ${q.limit}`;
}

export async function resolvePostcode(db: Db, code: string) {
  const [p] = await db`select lat, lon, towns from postcodes where code = ${code}`;
  return p as { lat: number; lon: number; towns: string[] } | undefined;
}

/** The point the emergency search started from: the first unit asked. */
export async function selectUnitPoint(db: Db, unitId: string) {
  const [p] = await db<{ lat: number; lon: number }[]>`select lat, lon from units where id = ${unitId}`;
  return p;
}

/** Schedules nothing by itself; false when the group already has its escalation (a retried call). */
export async function insertEscalation(
  db: Db,
  e: { groupId: string; officeId: string; userId: string; dueAt: string; lat: number; lon: number; childAge: number; childGender: string },
): Promise<boolean> {
  const inserted = await db`insert into emergency_escalations (group_id, office_id, user_id, due_at, ref_lat, ref_lon, child_age, child_gender)
    values (${e.groupId}, ${e.officeId}, ${e.userId}, ${e.dueAt}, ${e.lat}, ${e.lon}, ${e.childAge}, ${e.childGender})
    on conflict (group_id) do nothing returning group_id`;
  return inserted.length > 0;
}

export interface Escalation {
  groupId: string;
  officeId: string;
  userId: string;
  refLat: number;
  refLon: number;
  childAge: number;
  childGender: string;
}

/** The group's escalation if it is still due, locked. */
export async function lockPendingEscalation(db: Db, groupId: string): Promise<Escalation | undefined> {
  const [esc] = await db<Escalation[]>`select * from emergency_escalations where group_id = ${groupId} and escalated_at is null for update`;
  return esc;
}

/** The requests of an emergency group, to tell whether anybody answered. */
export async function selectGroupRequests(db: Db, groupId: string) {
  return db<{ id: string; unitId: string; status: string; answeredAt: string | null }[]>`
    select id, unit_id, status, answered_at from placement_requests where group_id = ${groupId}`;
}

export async function markEscalated(db: Db, groupId: string): Promise<void> {
  await db`update emergency_escalations set escalated_at = now() where group_id = ${groupId}`;
}

export async function selectUserEmail(db: Db, userId: string): Promise<string | undefined> {
  const [u] = await db<{ email: string }[]>`select email from users where id = ${userId}`;
  return u?.email;
}

/**
 * Running emergency request groups that have no escalation (a crash between requests and
 * escalation in older versions, or emergency requests sent through the regular composer).
 */
export async function selectGroupsWithoutEscalation(db: Db, limit: number) {
  return db<{ groupId: string; officeId: string; userId: string; createdAt: string; childAge: number; childGender: string; lat: number; lon: number }[]>`
    select distinct on (r.group_id) r.group_id, r.office_id, r.created_by as user_id, r.created_at, r.child_age, r.child_gender, u.lat, u.lon
    from placement_requests r join units u on u.id = r.unit_id
    where r.urgency = 'emergency' and r.status in ('open', 'question')
      and not exists (select 1 from emergency_escalations e where e.group_id = r.group_id)
    order by r.group_id, r.created_at, r.id
    limit ${limit}`;
}
