import type { Facility } from '../../../shared/schemas/places';
import type { Db } from '../../db';

const select = (db: Db) => db`
  select f.id, f.provider_id, f.name, f.street, f.postcode, f.city, f.address_confidential, f.district_ags, f.lat, f.lon, f.phone, f.email, f.website,
         f.opening_hours, f.accessibility, f.licence_ref, f.licence_present, f.created_at, f.updated_at, f.archived_at,
         (select count(*)::int from units u where u.facility_id = f.id and u.archived_at is null) as unit_count
  from facilities f`;

export async function selectFacilities(db: Db, providerId: string, includeArchived: boolean): Promise<Facility[]> {
  return db<Facility[]>`${select(db)} where f.provider_id = ${providerId} and (${includeArchived} or f.archived_at is null)
    order by f.archived_at nulls first, f.name`;
}

export async function selectFacility(db: Db, providerId: string, id: string): Promise<Facility | undefined> {
  const [f] = await db<Facility[]>`${select(db)} where f.id = ${id} and f.provider_id = ${providerId}`;
  return f;
}

export async function lockFacility(db: Db, providerId: string, id: string) {
  const [f] = await db<{ id: string; archivedAt: string | null; postcode: string | null }[]>`
    select id, archived_at, postcode from facilities where id = ${id} and provider_id = ${providerId} for update`;
  return f;
}

export async function insertFacility(db: Db, row: Record<string, unknown>): Promise<string> {
  const [f] = await db`insert into facilities ${db(row as Record<string, string>)} returning id`;
  return f.id as string;
}

export async function updateFacilityRow(db: Db, id: string, row: Record<string, unknown>): Promise<void> {
  await db`update facilities set ${db(row as Record<string, string>)}, updated_at = now() where id = ${id}`;
}

export async function archiveFacilityRow(db: Db, id: string): Promise<void> {
  await db`update facilities set archived_at = now(), updated_at = now() where id = ${id}`;
}

export async function countLiveUnits(db: Db, facilityId: string): Promise<number> {
  const [r] = await db`select count(*)::int as n from units where facility_id = ${facilityId} and archived_at is null`;
  return r.n as number;
}

export async function selectPostcodePoint(db: Db, code: string) {
  const [p] = await db<{ lat: number; lon: number; towns: string[] }[]>`select lat, lon, towns from postcodes where code = ${code}`;
  return p;
}

export async function selectRegion(db: Db) {
  const [r] = await db<{ minLat: number; maxLat: number; minLon: number; maxLon: number }[]>`select min_lat, max_lat, min_lon, max_lon from region`;
  return r;
}

export async function updateRegion(db: Db, r: { minLat: number; maxLat: number; minLon: number; maxLon: number }): Promise<void> {
  await db`update region set min_lat = ${r.minLat}, max_lat = ${r.maxLat}, min_lon = ${r.minLon}, max_lon = ${r.maxLon}
    where (min_lat, max_lat, min_lon, max_lon) is distinct from (${r.minLat}::float8, ${r.maxLat}::float8, ${r.minLon}::float8, ${r.maxLon}::float8)`;
}
