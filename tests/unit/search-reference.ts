import fc from 'fast-check';
import type { UserActor } from '../../server/http/actor';
import { SearchCriteriaSchema, type SearchCriteria } from '../../shared/schemas/search';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, makeUser, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type FacilityRow } from '../helpers/places';

/**
 * The reference filter of the matching property tests (search-property, search-bulk-property):
 * plain TypeScript, written independently of the SQL, with the generators of units and criteria.
 */
/** The run's organisations and facilities, and the database's current_date as a day number. */
export const fx = {} as {
  t: TestContext;
  verified: OrgRow;
  unverified: OrgRow;
  office: OrgRow;
  fVerified: FacilityRow;
  fUnverified: FacilityRow;
  actor: UserActor;
  today: number;
};

export const CENTER = { lat: 51.3127, lon: 9.4797 }; // Kassel
export const SPECS = ['trauma', 'attachment', 'psychiatric'];
export const EXCL = ['acute-suicidality', 'acute-psychosis', 'wheelchair'];
export const LANGS = ['de', 'ar', 'uk'];
export const GENDERS = ['female', 'male', 'diverse'] as const;

export async function setupFixture(): Promise<void> {
  fx.t = await createTestContext();
  const db = fx.t.ctx.sql;
  fx.verified = await makeOrg(db, 'provider');
  fx.unverified = await makeOrg(db, 'provider', { verified: false });
  fx.office = await makeOrg(db, 'office');
  fx.fVerified = await makeFacility(db, fx.verified, { lat: CENTER.lat, lon: CENTER.lon });
  fx.fUnverified = await makeFacility(db, fx.unverified, { lat: CENTER.lat, lon: CENTER.lon });
  const user = await makeUser(db, fx.office, 'caseworker');
  fx.actor = { kind: 'user', userId: user.id, orgId: fx.office.id, orgKind: 'office', role: 'caseworker', sessionId: 'x', csrfToken: 'x', orgVerified: true };
  const [{ d }] = await db`select (current_date - date '2000-01-01')::int as d`;
  fx.today = d as number;
}

export const dateOf = (day: number) => new Date(Date.UTC(2000, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

// --- the reference filter: plain TypeScript, no SQL

export interface GenUnit {
  owner: 'verified' | 'unverified' | 'office';
  archived: boolean;
  types: boolean[]; // [A, B]
  ageMin: number;
  ageSpan: number;
  genders: (typeof GENDERS)[number][];
  specialisations: string[];
  exclusions: string[];
  languages: string[];
  secureSetting: boolean;
  siblingsMax: number;
  emergencyIntake: boolean;
  capacity: number;
  free: number;
  held: number;
  dLat: number;
  dLon: number;
  confirmedDaysAgo: number | null;
  planned: { inDays: number; places: number }[];
  dailyRate: number | null;
}

export interface RefUnit extends GenUnit {
  id: string;
  serviceTypes: string[];
  lat: number;
  lon: number;
}

const R = 6378168; // earth() of the earthdistance extension
function earthDistance(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const p = (lat: number, lon: number) => {
    const [la, lo] = [(lat * Math.PI) / 180, (lon * Math.PI) / 180];
    return [R * Math.cos(la) * Math.cos(lo), R * Math.cos(la) * Math.sin(lo), R * Math.sin(la)];
  };
  const [a, b] = [p(aLat, aLon), p(bLat, bLon)];
  const chord = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  return 2 * R * Math.asin(Math.min(1, chord / (2 * R)));
}

/** Does the unit satisfy every hard criterion? `undefined`: too close to the radius to call. */
export function reference(u: RefUnit, c: SearchCriteria, byDay: number | null): boolean | undefined {
  const free = u.free - u.held;
  const needed = Math.max(1, c.siblings);
  if (u.archived || u.owner === 'unverified') return false;
  if (c.serviceType && !u.serviceTypes.includes(c.serviceType)) return false;
  if (c.age !== undefined && (c.age < u.ageMin || c.age > u.ageMin + u.ageSpan)) return false;
  if (c.gender && !u.genders.includes(c.gender)) return false;
  if (!c.needs.every((n) => u.specialisations.includes(n))) return false;
  if (c.conditions.some((x) => u.exclusions.includes(x))) return false;
  if (c.secureSetting && !u.secureSetting) return false;
  if (c.siblings >= 2 && u.siblingsMax < c.siblings) return false;
  if (c.emergencyIntake && !u.emergencyIntake) return false;
  const planned = byDay === null ? 0 : u.planned.filter((p) => fx.today + p.inDays <= byDay).reduce((s, p) => s + p.places, 0);
  if (free < needed && free + planned < needed) return false;
  // results are units with places (now or planned by the date): the periods of units with free places
  // apply, in hours since issue 17 (out of default results after FRESHNESS_HIDDEN_HOURS, 168 h by default)
  if (!c.includeStale && (u.confirmedDaysAgo === null || u.confirmedDaysAgo * 24 >= fx.t.ctx.config.FRESHNESS_HIDDEN_HOURS)) return false;
  if (c.radiusKm !== undefined && c.reference) {
    const d = earthDistance(c.reference.lat!, c.reference.lon!, u.lat, u.lon);
    if (Math.abs(d - c.radiusKm * 1000) < 1) return undefined;
    if (d > c.radiusKm * 1000) return false;
  }
  return true;
}

// --- generators

const sub = <T>(xs: readonly T[]) => fc.subarray([...xs]);
export const unitArb: fc.Arbitrary<GenUnit> = fc
  .record({
    owner: fc.constantFrom('verified', 'verified', 'verified', 'verified', 'verified', 'unverified', 'office', 'office'),
    archived: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    types: fc.tuple(fc.integer({ min: 0, max: 9 }).map((n) => n < 8), fc.boolean()),
    ageMin: fc.integer({ min: 4, max: 14 }),
    ageSpan: fc.integer({ min: 2, max: 12 }),
    genders: fc.subarray([...GENDERS], { minLength: 1 }),
    specialisations: sub(SPECS),
    exclusions: sub(EXCL),
    languages: fc.subarray(LANGS, { minLength: 1 }),
    secureSetting: fc.boolean(),
    siblingsMax: fc.integer({ min: 0, max: 4 }),
    emergencyIntake: fc.boolean(),
    capacity: fc.integer({ min: 1, max: 6 }),
    freeShare: fc.double({ min: 0, max: 1, noNaN: true }),
    heldShare: fc.double({ min: 0, max: 1, noNaN: true }),
    dLat: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
    dLon: fc.double({ min: -0.9, max: 0.9, noNaN: true }),
    confirmedDaysAgo: fc.constantFrom(null, 0, 0, 1, 5, 10, 20, 40),
    planned: fc.array(fc.record({ inDays: fc.integer({ min: -3, max: 40 }), places: fc.integer({ min: 1, max: 3 }) }), { maxLength: 2 }),
    dailyRate: fc.option(fc.integer({ min: 100, max: 400 }), { nil: null }),
  })
  .map(({ freeShare, heldShare, ...u }) => {
    const free = freeShare < 0.2 ? 0 : 1 + (Math.floor(freeShare * u.capacity) % u.capacity);
    const held = heldShare < 0.7 ? 0 : Math.floor(heldShare * (free + 1)) % (free + 1);
    return { ...u, types: u.types[0] || u.types[1] ? u.types : [true, false], free, held } as GenUnit;
  });

/**
 * Criteria are built around one of the run's units (`pick`), each field taken from that unit most
 * of the time and at random otherwise, so that searches find some units and miss others.
 */
export const critGenArb = fc.record({
  pick: fc.nat(),
  near: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }),
  any: fc.record({
    type: fc.boolean(),
    age: fc.integer({ min: 0, max: 27 }),
    gender: fc.constantFrom(...GENDERS),
    needs: fc.subarray(SPECS, { maxLength: 2 }),
    conditions: fc.subarray(EXCL, { maxLength: 2 }),
    siblings: fc.integer({ min: 0, max: 4 }),
    byInDays: fc.integer({ min: 0, max: 45 }),
    dLat: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
    dLon: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
    radiusKm: fc.integer({ min: 5, max: 120 }),
    languages: fc.subarray(LANGS, { maxLength: 2 }),
    maxDailyRate: fc.integer({ min: 100, max: 400 }),
  }),
});
export type CritGen = typeof critGenArb extends fc.Arbitrary<infer T> ? T : never;

export function buildCriteria(g: CritGen, units: RefUnit[], a: string, b: string): { criteria: SearchCriteria; byDay: number | null } {
  const u = units[g.pick % units.length];
  const n = g.near;
  const x = g.any;
  const from = <T>(i: number, own: T, other: T) => (n[i] < 9 ? own : other);
  const byInDays = n[8] < 4 ? undefined : x.byInDays;
  const criteria = SearchCriteriaSchema.parse({
    serviceType: from(0, u.serviceTypes[x.type ? u.serviceTypes.length - 1 : 0], x.type ? b : a),
    age: from(1, u.ageMin + Math.floor(u.ageSpan / 2), x.age),
    gender: n[2] < 3 ? undefined : from(2, u.genders[0], x.gender),
    needs: from(3, u.specialisations.slice(0, 2), x.needs),
    conditions: from(4, EXCL.filter((e) => !u.exclusions.includes(e)).slice(0, 2), x.conditions),
    secureSetting: n[5] < 6 ? false : n[5] < 8 ? u.secureSetting : true,
    siblings: n[6] < 6 ? n[6] % 2 : n[6] < 8 ? u.siblingsMax : x.siblings,
    emergencyIntake: n[7] < 6 ? false : n[7] < 8 ? u.emergencyIntake : true,
    ...(byInDays !== undefined ? { availableBy: dateOf(fx.today + byInDays) } : {}),
    ...(n[9] < 6 ? { reference: { lat: u.lat + x.dLat / 4, lon: u.lon + x.dLon / 4 }, radiusKm: x.radiusKm } : {}),
    includeStale: n[10] < 5,
    preferences: { languages: x.languages, ...(n[11] < 5 ? { maxDailyRate: x.maxDailyRate } : {}) },
  });
  return { criteria, byDay: byInDays === undefined ? null : fx.today + byInDays };
}

export async function createUnits(gen: GenUnit[], a: string, b: string): Promise<RefUnit[]> {
  const db = fx.t.ctx.sql;
  const out: RefUnit[] = [];
  for (const g of gen) {
    const serviceTypes = [g.types[0] ? a : null, g.types[1] ? b : null].filter(Boolean) as string[];
    const lat = CENTER.lat + g.dLat;
    const lon = CENTER.lon + g.dLon;
    const owner = g.owner === 'verified' ? fx.verified : g.owner === 'unverified' ? fx.unverified : fx.office;
    const facility = g.owner === 'verified' ? fx.fVerified : g.owner === 'unverified' ? fx.fUnverified : null;
    const u = await makeUnit(db, owner, facility, {
      serviceTypes,
      setting: g.owner === 'office' ? 'pflegefamilie' : 'stationaer',
      ageMin: g.ageMin,
      ageMax: Math.min(27, g.ageMin + g.ageSpan),
      genders: g.genders,
      specialisations: g.specialisations,
      exclusions: g.exclusions,
      languages: g.languages,
      secureSetting: g.secureSetting,
      siblingsMax: g.siblingsMax,
      emergencyIntake: g.emergencyIntake,
      emergencyPhone: g.emergencyIntake ? '0561 123456' : null,
      capacityTotal: g.capacity,
      freePlaces: g.free,
      dailyRate: g.dailyRate,
      lat,
      lon,
      lastConfirmedAt: g.confirmedDaysAgo === null ? null : new Date(Date.now() - g.confirmedDaysAgo * 86_400_000).toISOString(),
    });
    await db`update units set held_places = ${g.held}, archived_at = ${g.archived ? new Date().toISOString() : null} where id = ${u.id}`;
    for (const p of g.planned) await db`insert into planned_vacancies (unit_id, available_from, places) values (${u.id}, current_date + ${p.inDays}::int, ${p.places})`;
    out.push({ ...g, ageSpan: Math.min(27, g.ageMin + g.ageSpan) - g.ageMin, id: u.id, serviceTypes, lat, lon });
  }
  return out;
}

/** How many checks expected a match: the properties must not pass by finding nothing. */
export const seen = { positive: 0, negative: 0 };

export function compare(units: RefUnit[], c: SearchCriteria, byDay: number | null, got: Set<string>) {
  for (const u of units) {
    const want = reference(u, c, byDay);
    if (want === undefined) continue;
    seen[want ? 'positive' : 'negative']++;
    if (want !== got.has(u.id)) {
      throw new Error(`unit ${JSON.stringify(u)} ${want ? 'missing from' : 'wrongly in'} the results of ${JSON.stringify(c)}`);
    }
  }
}
