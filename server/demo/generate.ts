/**
 * A national-scale synthetic data set for load tests and the benchmark (`npm run seed`,
 * `npm run bench`): providers, facilities in real towns (postcodes table), units with plausible
 * attributes, free places in 25-30 % of them, planned vacancies, some unconfirmed or stale
 * listings, offices per district with caseworkers, and optionally open searches. The same seed
 * gives the same attributes (ids are random, so a database can be seeded twice). Written straight to the tables: no events, as nothing listens yet.
 */
import { randomUUID } from 'node:crypto';
import type { SearchCriteria, SearchCriteriaInput } from '../../shared/schemas/search';
import { SearchCriteriaSchema } from '../../shared/schemas/search';
import type { AppContext } from '../context';
import type { Db, Sql } from '../db';
import { openSearch } from '../features/search/service';
import type { UserActor } from '../http/actor';

export interface GenerateOptions {
  units: number;
  seed?: number;
  /** Called after each batch: phase name, done, total. */
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Hash for the generated caseworkers' password (none: no caseworkers). */
  passwordHash?: string;
}

export interface GenerateResult {
  providers: number;
  offices: number;
  caseworkers: { id: string; email: string; officeId: string }[];
  facilities: number;
  units: number;
  /** Sum of capacities: the place records. */
  places: number;
  unitsWithFreePlaces: number;
  plannedVacancies: number;
  fosterUnits: number;
}

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const chance = (p: number) => next() < p;
  /** Picks by weight from [value, weight] pairs. */
  const weighted = <T>(xs: readonly (readonly [T, number])[]): T => {
    let r = next() * xs.reduce((s, x) => s + x[1], 0);
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1][0];
  };
  const some = <T>(xs: readonly T[], max: number, p: number): T[] => {
    const out: T[] = [];
    for (let i = 0; i < max; i++) if (chance(p)) out.push(pick(xs));
    return [...new Set(out)];
  };
  // ids are random, not seeded: seeding twice into one database must not collide
  const uuid = () => randomUUID();
  return { next, int, pick, chance, weighted, some, uuid };
}
export type Rng = ReturnType<typeof rng>;

interface Postcode {
  code: string;
  town: string;
  lat: number;
  lon: number;
}

const CARRIERS = ['Diakonie', 'Caritas', 'AWO', 'Paritätische Jugendhilfe', 'DRK-Jugendhilfe', 'Kinder- und Jugendhilfe', 'Jugendhilfe', 'Kinderhaus', 'SOS-Kinderdorf', 'Evangelische Jugendhilfe', 'Lebenswege', 'Perspektiven'];
const FORMS = ['gGmbH', 'e. V.', 'gGmbH', 'GmbH', 'e. V.', 'Stiftung'];
const GROUP_NAMES = ['Wohngruppe', 'Intensivgruppe', 'Jugendwohngemeinschaft', 'Kinderwohngruppe', 'Außenwohngruppe', 'Verselbstständigungsgruppe'];
const TREES = ['Linde', 'Eiche', 'Ahorn', 'Birke', 'Kastanie', 'Buche', 'Erle', 'Weide', 'Ulme', 'Esche', 'Kiefer', 'Tanne', 'Lärche', 'Pappel'];
const STREETS = ['Hauptstraße', 'Schulstraße', 'Gartenstraße', 'Bahnhofstraße', 'Lindenweg', 'Kirchweg', 'Am Park', 'Bergstraße', 'Waldweg', 'Feldstraße'];
const SPECS = ['trauma', 'attachment', 'psychiatric', 'addiction', 'intellectual-disability', 'physical-disability', 'pregnancy', 'infants', 'uma', 'delinquency', 'autism', 'school-refusal'];
const EXCLS = ['acute-suicidality', 'acute-psychosis', 'active-drug-dependence', 'nursing-care', 'wheelchair', 'sexual-offending', 'severe-aggression'];
const MORE_LANGS = ['en', 'ar', 'tr', 'ru', 'uk', 'fa', 'ps', 'ku', 'pl', 'ro', 'fr', 'ti', 'so'];

/** Service type, ages and the share of units of each kind of residential offer. */
const RESIDENTIAL: readonly (readonly [{ types: string[]; ages: [number, number][]; specs?: string[]; emergency?: boolean }, number])[] = [
  [{ types: ['34'], ages: [[6, 12], [10, 17], [12, 17], [14, 18], [8, 16]] }, 46],
  [{ types: ['34', '41'], ages: [[14, 21], [16, 21], [15, 20]] }, 12],
  [{ types: ['42'], ages: [[0, 17], [6, 17], [12, 17]], emergency: true }, 9],
  [{ types: ['42a', '34'], ages: [[12, 17], [14, 17]], specs: ['uma'] }, 4],
  [{ types: ['35a-stat'], ages: [[8, 17], [10, 17], [12, 21]], specs: ['psychiatric'] }, 9],
  [{ types: ['13-3'], ages: [[16, 21], [16, 24]] }, 8],
  [{ types: ['19'], ages: [[14, 27], [16, 27]], specs: ['pregnancy', 'infants'] }, 6],
  [{ types: ['35'], ages: [[14, 21], [12, 18]] }, 6],
];

async function loadPostcodes(db: Db): Promise<Postcode[]> {
  const rows = await db<{ code: string; towns: string[]; lat: number; lon: number }[]>`select code, towns, lat, lon from postcodes order by code`;
  return rows.map((r) => ({ code: r.code, town: r.towns[0], lat: r.lat, lon: r.lon }));
}

const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  Math.hypot((a.lat - b.lat) * 111, (a.lon - b.lon) * 111 * Math.cos((a.lat * Math.PI) / 180));

/** A postcode within ~60 km of `home` (postcodes are as dense as people, so towns are too). */
function nearby(r: Rng, pcs: Postcode[], home: Postcode): Postcode {
  for (let i = 0; i < 30; i++) {
    const p = r.pick(pcs);
    if (km(p, home) < 60) return p;
  }
  return home;
}

const phone = (r: Rng) => `0${r.int(30, 9999)} ${r.int(100000, 9999999)}`;
const daysAgo = (r: Rng, min: number, max: number) => new Date(Date.now() - (min + r.next() * (max - min)) * 86_400_000).toISOString();

async function insertBatches(db: Db, table: string, rows: Record<string, unknown>[], onBatch?: (n: number) => void, size = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    await db`insert into ${db(table)} ${db(batch as Record<string, never>[])}`;
    onBatch?.(Math.min(i + size, rows.length));
  }
}

/** Generates the data set into `db` (the owner connection: it writes organisations and users too). */
export async function generateDataset(db: Sql, o: GenerateOptions): Promise<GenerateResult> {
  const r = rng(o.seed ?? 4242);
  const progress = o.onProgress ?? (() => {});
  const pcs = await loadPostcodes(db);
  const districts = await db<{ ags: string; name: string }[]>`select ags, name from districts order by ags`;
  const stamp = Date.now().toString(36);

  // offices: one Jugendamt per district, two caseworkers each
  const offices = districts.map((d) => ({ id: r.uuid(), kind: 'office', name: `Jugendamt ${d.name} (${stamp})`, districtAgs: d.ags, phone: phone(r), verifiedAt: new Date().toISOString() }));
  const caseworkers = o.passwordHash
    ? offices.flatMap((off, i) =>
        [0, 1].map((k) => ({
          id: r.uuid(),
          organisationId: off.id,
          orgKind: 'office',
          email: `cw${i}-${k}-${stamp}@bench.example`,
          displayName: `Fachkraft ${i}-${k}`,
          role: 'caseworker',
          passwordHash: o.passwordHash!,
        })),
      )
    : [];

  // providers, each with a home town; about eight units per provider
  const nProviders = Math.max(1, Math.round(o.units / 8));
  const providers = Array.from({ length: nProviders }, () => {
    const home = r.pick(pcs);
    return {
      row: {
        id: r.uuid(),
        kind: 'provider',
        name: `${r.pick(CARRIERS)} ${home.town} ${r.pick(FORMS)} ${r.int(1, 999)}`,
        phone: phone(r),
        emergencyPhone: r.chance(0.6) ? phone(r) : null,
        email: `kontakt-${r.int(1, 1e9)}@traeger.example`,
        website: r.chance(0.7) ? `https://traeger-${r.int(1, 1e9)}.example` : null,
        postcode: home.code,
        city: home.town,
        verifiedAt: r.chance(0.97) ? daysAgo(r, 30, 900) : null,
      },
      home,
      facilities: [] as { id: string; lat: number; lon: number; pc: Postcode }[],
    };
  });
  progress('organisations', 0, 1);
  await insertBatches(db, 'organisations', offices);
  await insertBatches(db, 'organisations', providers.map((p) => p.row));
  if (caseworkers.length) await insertBatches(db, 'users', caseworkers);
  progress('organisations', 1, 1);

  const facilities: Record<string, unknown>[] = [];
  const units: Record<string, unknown>[] = [];
  const planned: Record<string, unknown>[] = [];
  let places = 0;
  let free = 0;
  let foster = 0;
  for (let i = 0; i < o.units; i++) {
    const prov = r.pick(providers);
    const kind = r.weighted([['residential', 80], ['foster', 12], ['day', 5], ['outpatient', 3]] as const);
    const confirmed = r.weighted([[[0, 6], 70], [[7, 13.5], 18], [[14.5, 60], 12]] as const);
    const lastConfirmedAt = daysAgo(r, confirmed[0], confirmed[1]);
    const base = {
      id: r.uuid(),
      ownerKind: 'provider',
      genders: r.weighted([[['female', 'male', 'diverse'], 70], [['female', 'diverse'], 14], [['male', 'diverse'], 14], [['male'], 2]] as const) as string[],
      languages: ['de', ...r.some(MORE_LANGS, 2, 0.2)],
      exclusions: r.some(EXCLS, 3, 0.25),
      secureSetting: false,
      siblingsMax: r.chance(0.3) ? r.int(2, 4) : 0,
      stepFree: r.chance(0.25),
      lastConfirmedAt,
      availabilityChangedAt: lastConfirmedAt,
      contactPhone: r.chance(0.5) ? phone(r) : null,
    };
    if (kind === 'foster') {
      // foster places: a coarse point (the postcode area), owned by a provider's or an office's foster service
      const pc = nearby(r, pcs, prov.home);
      const byOffice = r.chance(0.4);
      const emergency = r.chance(0.3);
      const capacity = r.weighted([[1, 75], [2, 22], [3, 3]] as const);
      const freeNow = r.chance(0.28) ? r.int(1, capacity) : 0;
      foster++;
      places += capacity;
      if (freeNow) free++;
      units.push({
        ...base,
        ownerId: byOffice ? r.pick(offices).id : prov.row.id,
        ownerKind: byOffice ? 'office' : 'provider',
        facilityId: null,
        name: `${emergency ? 'Bereitschaftspflege' : 'Pflegestelle'} ${pc.town} ${r.int(1, 99)}`,
        setting: 'pflegefamilie',
        serviceTypes: emergency ? ['33', '42'] : ['33'],
        ageMin: 0,
        ageMax: r.pick([6, 12, 17]),
        specialisations: r.some(['infants', 'attachment', 'trauma', 'physical-disability'], 2, 0.3),
        emergencyIntake: emergency,
        emergencyPhone: emergency ? phone(r) : null,
        capacityTotal: capacity,
        freePlaces: freeNow,
        dailyRate: r.chance(0.9) ? r.int(40, 95) : null,
        lat: pc.lat,
        lon: pc.lon,
        locationIsCoarse: true,
        postcode: pc.code,
        city: pc.town,
      });
      continue;
    }
    // groups live in facilities: reuse one of the provider's (a facility has 1-3 groups) or open one
    let f = prov.facilities.length && r.chance(0.35) ? r.pick(prov.facilities) : undefined;
    if (!f) {
      const pc = nearby(r, pcs, prov.home);
      f = { id: r.uuid(), lat: pc.lat + (r.next() - 0.5) * 0.04, lon: pc.lon + (r.next() - 0.5) * 0.06, pc };
      prov.facilities.push(f);
      facilities.push({
        id: f.id,
        providerId: prov.row.id,
        name: `${r.pick(['Haus', 'Kinderhaus', 'Jugendhaus', 'Hof', 'Villa'])} ${r.pick(TREES)}`,
        street: `${r.pick(STREETS)} ${r.int(1, 120)}`,
        postcode: pc.code,
        city: pc.town,
        lat: f.lat,
        lon: f.lon,
        phone: phone(r),
        licencePresent: true,
      });
    }
    if (kind !== 'residential') {
      // day groups have places; outpatient offers are listed in the directory only
      const day = kind === 'day';
      const capacity = day ? r.int(8, 12) : null;
      if (capacity) places += capacity;
      const freeNow = capacity && r.chance(0.28) ? r.int(1, 3) : capacity ? 0 : null;
      if (freeNow) free++;
      units.push({
        ...base,
        ownerId: prov.row.id,
        facilityId: f.id,
        name: day ? `Tagesgruppe ${r.pick(TREES)}` : `Ambulante Hilfen ${f.pc.town}`,
        setting: day ? 'teilstationaer' : 'ambulant',
        serviceTypes: day ? ['32'] : [r.pick(['30', '31', '35a-amb'])],
        ageMin: 6,
        ageMax: day ? 14 : 17,
        specialisations: r.some(SPECS, 2, 0.2),
        emergencyIntake: false,
        emergencyPhone: null,
        capacityTotal: capacity,
        freePlaces: freeNow,
        dailyRate: day ? r.int(90, 160) : null,
        lat: f.lat,
        lon: f.lon,
        locationIsCoarse: false,
        postcode: f.pc.code,
        city: f.pc.town,
      });
      continue;
    }
    const offer = r.weighted(RESIDENTIAL);
    const [ageMin, ageMax] = r.pick(offer.ages);
    const capacity = r.weighted([[4, 8], [5, 8], [6, 15], [7, 20], [8, 22], [9, 12], [10, 10], [12, 5]] as const);
    const freeNow = r.chance(0.28) ? Math.min(capacity, r.weighted([[1, 60], [2, 28], [3, 12]] as const)) : 0;
    const emergency = offer.emergency || r.chance(0.08);
    places += capacity;
    if (freeNow) free++;
    const id = base.id;
    const nPlanned = r.chance(0.12) ? (r.chance(0.3) ? 2 : 1) : 0;
    for (let k = 0; k < nPlanned; k++) {
      planned.push({ id: r.uuid(), unitId: id, availableFrom: new Date(Date.now() + r.int(1, 90) * 86_400_000).toISOString().slice(0, 10), places: r.int(1, 2) });
    }
    units.push({
      ...base,
      ownerId: prov.row.id,
      facilityId: f.id,
      name: `${r.pick(GROUP_NAMES)} ${r.pick(TREES)}`,
      setting: 'stationaer',
      serviceTypes: offer.types,
      ageMin,
      ageMax,
      specialisations: [...new Set([...(offer.specs ?? []), ...r.some(SPECS, 3, 0.22)])],
      secureSetting: r.chance(0.01),
      emergencyIntake: emergency,
      emergencyPhone: emergency ? phone(r) : null,
      capacityTotal: capacity,
      freePlaces: freeNow,
      dailyRate: r.chance(0.95) ? r.int(160, 480) : null,
      lat: f.lat,
      lon: f.lon,
      locationIsCoarse: false,
      postcode: f.pc.code,
      city: f.pc.town,
      therapyInHouse: r.chance(0.2),
      schoolingOnSite: r.chance(0.08),
      staffingRatio: r.pick(['1:1', '1:1,5', '1:2', '1:2,5', null]),
    });
  }
  await insertBatches(db, 'facilities', facilities, (n) => progress('facilities', n, facilities.length));
  // units need every column in each row of a batch
  const cols = ['therapyInHouse', 'schoolingOnSite', 'staffingRatio'];
  for (const u of units) for (const c of cols) if (!(c in u)) u[c] = c === 'staffingRatio' ? null : false;
  await insertBatches(db, 'units', units, (n) => progress('units', n, units.length), 300);
  await insertBatches(db, 'planned_vacancies', planned, (n) => progress('planned vacancies', n, planned.length));
  await db`analyze units`;
  await db`analyze facilities`;
  await db`analyze planned_vacancies`;
  return {
    providers: providers.length,
    offices: offices.length,
    caseworkers: caseworkers.map((c) => ({ id: c.id, email: c.email, officeId: c.organisationId })),
    facilities: facilities.length,
    units: units.length,
    places,
    unitsWithFreePlaces: free,
    plannedVacancies: planned.length,
    fosterUnits: foster,
  };
}

/** Plausible search criteria: a service type with fitting age, a reference postcode, a radius. */
export function randomCriteria(r: Rng, postcodes: string[]): SearchCriteriaInput {
  const type = r.weighted([['34', 50], ['42', 15], ['33', 10], ['13-3', 6], ['35a-stat', 7], ['41', 4], ['19', 4], ['42a', 4]] as const);
  const age = type === '13-3' || type === '41' ? r.int(16, 20) : type === '19' ? r.int(16, 25) : type === '33' ? r.int(0, 12) : r.int(6, 17);
  const c: SearchCriteriaInput = {
    serviceType: type,
    age,
    reference: { postcode: r.pick(postcodes) },
    ...(r.chance(0.85) ? { radiusKm: r.pick([20, 30, 50, 50, 75, 100]) } : {}),
  };
  if (r.chance(0.8)) c.gender = r.weighted([['female', 48], ['male', 48], ['diverse', 4]] as const);
  if (r.chance(0.25)) c.needs = [r.pick(SPECS)];
  if (r.chance(0.2)) c.conditions = [r.pick(EXCLS)];
  if (r.chance(0.05)) c.siblings = 2;
  if (type === '42' && r.chance(0.5)) c.emergencyIntake = true;
  if (r.chance(0.3)) c.availableBy = new Date(Date.now() + r.int(7, 60) * 86_400_000).toISOString().slice(0, 10);
  if (r.chance(0.25)) c.preferences = { languages: [r.pick(MORE_LANGS)], maxDailyRate: r.pick([250, 300, 350]) };
  return c;
}

/** The criteria `generateOpenSearches` opens, without opening them (the stress bench seeds them in bulk). */
export async function generateOpenSearchCriteria(ctx: AppContext, count: number, seed = 77): Promise<SearchCriteria[]> {
  const r = rng(seed);
  const postcodes = (await ctx.sql`select code from postcodes where not approximate`).map((p) => p.code as string);
  return Array.from({ length: count }, () => SearchCriteriaSchema.parse(randomCriteria(r, postcodes)));
}

/** Opens `count` searches through the service (so each starts with its match set), spread over the caseworkers. */
export async function generateOpenSearches(
  ctx: AppContext,
  count: number,
  caseworkers: GenerateResult['caseworkers'],
  o: { seed?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<string[]> {
  const r = rng(o.seed ?? 77);
  const postcodes = (await ctx.sql`select code from postcodes where not approximate`).map((p) => p.code as string);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const cw = caseworkers[i % caseworkers.length];
    const actor: UserActor = { kind: 'user', userId: cw.id, orgId: cw.officeId, orgKind: 'office', role: 'caseworker', sessionId: 'generator', csrfToken: 'generator', orgVerified: true };
    const criteria = SearchCriteriaSchema.parse(randomCriteria(r, postcodes));
    const { search } = await openSearch(ctx, actor, { requestId: 'generator' }, { criteria, sort: 'fit', page: 1, perPage: 1 });
    ids.push(search.id);
    if (i % 50 === 49 || i === count - 1) o.onProgress?.(i + 1, count);
  }
  return ids;
}
