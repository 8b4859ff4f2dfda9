import type { Db } from '../../server/db';
import type { OrgRow } from './factories';

export interface FacilityRow {
  id: string;
  providerId: string;
  lat: number;
  lon: number;
}

/** A facility of a provider; Köln-Ehrenfeld unless told otherwise. */
export async function makeFacility(db: Db, provider: OrgRow, o: Partial<{ name: string; lat: number; lon: number; postcode: string; city: string }> = {}): Promise<FacilityRow> {
  const [row] = await db`
    insert into facilities (provider_id, name, street, postcode, city, lat, lon, licence_present)
    values (${provider.id}, ${o.name ?? 'Testeinrichtung'}, 'Teststraße 1', ${o.postcode ?? '50823'}, ${o.city ?? 'Köln'},
            ${o.lat ?? 50.9497}, ${o.lon ?? 6.9196}, true)
    returning id, provider_id, lat, lon`;
  return row as FacilityRow;
}

export interface UnitInput {
  name: string;
  setting: 'stationaer' | 'teilstationaer' | 'ambulant' | 'pflegefamilie';
  serviceTypes: string[];
  ageMin: number;
  ageMax: number;
  genders: string[];
  specialisations: string[];
  exclusions: string[];
  languages: string[];
  secureSetting: boolean;
  siblingsMax: number;
  stepFree: boolean;
  emergencyIntake: boolean;
  emergencyPhone: string | null;
  capacityTotal: number | null;
  freePlaces: number | null;
  dailyRate: number | null;
  lat: number;
  lon: number;
  locationIsCoarse: boolean;
  postcode: string | null;
  lastConfirmedAt: string | null;
}

export interface UnitRow {
  id: string;
  ownerId: string;
  facilityId: string | null;
}

/**
 * A unit with sensible defaults: a § 34 group for 12 to 17 year olds, all genders, 2 of 8 places free,
 * confirmed now. Pass `facility` for groups; foster places (setting pflegefamilie) need none.
 */
export async function makeUnit(db: Db, owner: OrgRow, facility: FacilityRow | null, o: Partial<UnitInput> = {}): Promise<UnitRow> {
  const u: UnitInput = {
    name: 'Wohngruppe Test',
    setting: 'stationaer',
    serviceTypes: ['34'],
    ageMin: 12,
    ageMax: 17,
    genders: ['female', 'male', 'diverse'],
    specialisations: [],
    exclusions: [],
    languages: ['de'],
    secureSetting: false,
    siblingsMax: 0,
    stepFree: false,
    emergencyIntake: false,
    emergencyPhone: null,
    capacityTotal: 8,
    freePlaces: 2,
    dailyRate: 210,
    lat: facility?.lat ?? 50.94,
    lon: facility?.lon ?? 6.95,
    locationIsCoarse: o.setting === 'pflegefamilie',
    postcode: null,
    lastConfirmedAt: new Date().toISOString(),
    ...o,
  };
  const [row] = await db`
    insert into units (owner_id, owner_kind, facility_id, name, setting, service_types, age_min, age_max, genders,
      specialisations, exclusions, languages, secure_setting, siblings_max, step_free, emergency_intake, emergency_phone,
      capacity_total, free_places, daily_rate, lat, lon, location_is_coarse, postcode, last_confirmed_at, availability_changed_at)
    values (${owner.id}, ${owner.kind}, ${facility?.id ?? null}, ${u.name}, ${u.setting}, ${u.serviceTypes}, ${u.ageMin}, ${u.ageMax},
      ${u.genders}, ${u.specialisations}, ${u.exclusions}, ${u.languages}, ${u.secureSetting}, ${u.siblingsMax}, ${u.stepFree},
      ${u.emergencyIntake}, ${u.emergencyPhone}, ${u.capacityTotal}, ${u.freePlaces}, ${u.dailyRate}, ${u.lat}, ${u.lon},
      ${u.locationIsCoarse}, ${u.postcode}, ${u.lastConfirmedAt}, ${u.lastConfirmedAt})
    returning id, owner_id, facility_id`;
  return row as UnitRow;
}
