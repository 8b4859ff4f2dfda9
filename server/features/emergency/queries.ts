import type { Db } from '../../db';

export interface EmergencyUnit {
  unitId: string;
  unitName: string;
  providerId: string;
  providerName: string;
  city: string | null;
  distanceKm: number;
  availablePlaces: number;
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
 * Units with 24/7 emergency intake and an available place (free minus held) that take a child of
 * this age and gender, nearest first. Stale figures are not hidden at night: their age is shown.
 * The radius is bounded (300 km) so the GiST index on ll_to_earth(lat, lon) does the work.
 */
export async function findEmergencyUnits(
  db: Db,
  q: { lat: number; lon: number; age: number; gender: string; limit: number; excludeUnitIds?: string[]; officeId: string },
): Promise<EmergencyUnit[]> {
  return db<EmergencyUnit[]>`
    select u.id as unit_id, u.name as unit_name, p.id as provider_id, p.name as provider_name, u.city,
           round((earth_distance(ll_to_earth(${q.lat}, ${q.lon}), ll_to_earth(u.lat, u.lon)) / 1000)::numeric, 1)::float8 as distance_km,
           (u.free_places - u.held_places) as available_places, u.last_confirmed_at, u.emergency_phone, u.age_min, u.age_max,
           u.location_is_coarse as coarse_location, u.lat, u.lon,
           exists (select 1 from placement_requests r where r.unit_id = u.id and r.office_id = ${q.officeId}
                   and r.status in ('open', 'question', 'accepted')) as running_request_by_my_office
    from units u join organisations p on p.id = u.owner_id
    where u.archived_at is null and u.emergency_intake and u.owner_kind = 'provider' and p.verified_at is not null
      and u.free_places - u.held_places > 0
      and ${q.age} between u.age_min and u.age_max
      and ${q.gender} = any(u.genders)
      and not (u.id = any(${q.excludeUnitIds ?? []}::uuid[]))
      and earth_box(ll_to_earth(${q.lat}, ${q.lon}), 300000) @> ll_to_earth(u.lat, u.lon)
    order by earth_distance(ll_to_earth(${q.lat}, ${q.lon}), ll_to_earth(u.lat, u.lon))
    limit ${q.limit}`;
}

export async function resolvePostcode(db: Db, code: string) {
  const [p] = await db`select lat, lon, towns from postcodes where code = ${code}`;
  return p as { lat: number; lon: number; towns: string[] } | undefined;
}
