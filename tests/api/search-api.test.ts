import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../server/db';
import { resolveCriteria } from '../../server/features/search/criteria';
import { explainSearch } from '../../server/features/search/queries';
import { SearchCriteriaSchema } from '../../shared/schemas/search';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, userClient, type Client } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { daysAgo, makeServiceType } from './search-fixtures';

let t: TestContext;
let cw: Client;
let st: string;
// Hamburg Rathaus and places around it
const HH = { lat: 53.5503, lon: 9.9920 };
let near: string, mid: string, far: string, stale: string, unverified: string, foster: string, archived: string, full: string, planned: string;

beforeAll(async () => {
  t = await createTestContext();
  const db = t.ctx.sql;
  st = await makeServiceType(db);
  cw = (await userClient(t.app, db, 'office', 'caseworker')).client;
  const p = await makeOrg(db, 'provider');
  await db`update organisations set phone = '040 111111', emergency_phone = '040 999999', email = 'kontakt@traeger.example' where id = ${p.id}`;
  const fNear = await makeFacility(db, p, { lat: 53.56, lon: 10.0, postcode: '20095', city: 'Hamburg' }); // ~1.2 km
  const fMid = await makeFacility(db, p, { lat: 53.86, lon: 10.0, postcode: '24558', city: 'Henstedt-Ulzburg' }); // ~34 km
  const fFar = await makeFacility(db, p, { lat: 53.0753, lon: 8.8072, postcode: '28195', city: 'Bremen' }); // ~95 km
  const base = { serviceTypes: [st], ageMin: 10, ageMax: 17 };
  near = (await makeUnit(db, p, fNear, { ...base, name: 'Nah', languages: ['de', 'ar'], dailyRate: 180 })).id;
  mid = (await makeUnit(db, p, fMid, { ...base, name: 'Mittel', languages: ['de'], specialisations: ['trauma'], dailyRate: 250 })).id;
  far = (await makeUnit(db, p, fFar, { ...base, name: 'Fern', languages: ['de', 'ar'], specialisations: ['trauma'], dailyRate: 150 })).id;
  stale = (await makeUnit(db, p, fNear, { ...base, name: 'Alt', lastConfirmedAt: daysAgo(30) })).id;
  full = (await makeUnit(db, p, fNear, { ...base, name: 'Voll', freePlaces: 0 })).id;
  planned = (await makeUnit(db, p, fNear, { ...base, name: 'Geplant', freePlaces: 0 })).id;
  await db`insert into planned_vacancies (unit_id, available_from, places) values (${planned}, current_date + 10, 2)`;
  archived = (await makeUnit(db, p, fNear, { ...base, name: 'Archiviert' })).id;
  await db`update units set archived_at = now() where id = ${archived}`;
  const unverifiedOrg = await makeOrg(db, 'provider', { verified: false });
  unverified = (await makeUnit(db, unverifiedOrg, await makeFacility(db, unverifiedOrg, { lat: 53.56, lon: 10.0 }), { ...base, name: 'Ungeprüft' })).id;
  const fosterOffice = await makeOrg(db, 'office');
  foster = (
    await makeUnit(db, fosterOffice, null, { ...base, name: 'Pflegestelle', setting: 'pflegefamilie', capacityTotal: 1, freePlaces: 1, lat: 53.57, lon: 10.03, postcode: '22081' })
  ).id;
  await db`insert into foster_addresses (unit_id, street, postcode, city, lat, lon) values (${foster}, 'Geheimweg 7', '22081', 'Hamburg', 53.5712, 10.0301)`;
});
afterAll(() => t.close());

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };
/** Every node of an EXPLAIN (FORMAT JSON) tree. */
/** Thrown to roll a transaction back on purpose. */
class RolledBack extends Error {}

function planNodes(plan: unknown): PlanNode[] {
  const root = (plan as { Plan: PlanNode }[])[0].Plan;
  const out: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    out.push(n);
    n.Plans?.forEach(walk);
  };
  walk(root);
  return out;
}

const search = (criteria: object, extra: object = {}) => cw.post('/api/v1/search', { criteria, ...extra });
const ids = (res: { body: { items: { unitId: string }[] } }) => res.body.items.map((i) => i.unitId);

describe('search API', () => {
  it('finds what satisfies every hard criterion, nearest first, and leaves out the rest', async () => {
    const res = await search({ serviceType: st, age: 14, reference: { lat: HH.lat, lon: HH.lon }, radiusKm: 60 });
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([near, foster, mid]);
    expect(res.body.total).toBe(3);
    expect(res.body.hiddenStale).toBe(1);
    expect(res.body.reference).toMatchObject({ source: 'coordinates' });
    // without radius: Bremen too; with a date, the planned vacancy counts
    const all = await search({ serviceType: st, age: 14, availableBy: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10) });
    expect(ids(all).sort()).toEqual([near, mid, far, foster, planned].sort());
    const p = all.body.items.find((i: { unitId: string }) => i.unitId === planned);
    expect(p.places.availablePlaces).toBe(0);
    expect(p.places.plannedVacancies).toHaveLength(1);
    expect(p.places.availableFrom > new Date().toISOString().slice(0, 10)).toBe(true);
    for (const u of [stale, full, archived, unverified]) expect(ids(all)).not.toContain(u);
  });

  it('includes stale units on request, marked as such', async () => {
    const res = await search({ serviceType: st, age: 14, includeStale: true, reference: { lat: HH.lat, lon: HH.lon }, radiusKm: 60 });
    expect(ids(res)).toContain(stale);
    expect(res.body.items.find((i: { unitId: string }) => i.unitId === stale).places.freshness).toBe('stale');
    expect(res.body.hiddenStale).toBe(0);
  });

  it('explains every result: reasons, missed preferences, distance, places, contact', async () => {
    const res = await search({
      serviceType: st,
      age: 14,
      reference: { lat: HH.lat, lon: HH.lon },
      radiusKm: 200,
      preferences: { languages: ['ar'], specialisations: ['trauma'], maxDailyRate: 200, withinKm: 50 },
    });
    const byId = Object.fromEntries(res.body.items.map((i: { unitId: string }) => [i.unitId, i]));
    // fit: fewest missed preferences first (near 1, far 1, mid 2, foster 3), then distance
    expect(ids(res)).toEqual([near, far, mid, foster]);
    expect(byId[far].match.preferencesMissed).toEqual([{ preference: 'distance', wanted: 50, actual: expect.any(Number) }]);
    expect(byId[near].match.preferencesMissed).toEqual([{ preference: 'specialisation', wanted: 'trauma', actual: [] }]);
    expect(byId[mid].match.preferencesMissed.map((m: { preference: string }) => m.preference).sort()).toEqual(['dailyRate', 'language']);
    expect(byId[near].match.reasons).toEqual(
      expect.arrayContaining([
        { criterion: 'serviceType', wanted: st, actual: [st] },
        { criterion: 'age', wanted: 14, actual: '10-17' },
        { criterion: 'availability', wanted: '1 now', actual: '2 now' },
        { criterion: 'distance', wanted: 200, actual: expect.any(Number) },
      ]),
    );
    expect(byId[near].distanceKm).toBeGreaterThan(0.5);
    expect(byId[near].distanceKm).toBeLessThan(2);
    expect(byId[far].distanceKm).toBeGreaterThan(90);
    expect(byId[near].places).toMatchObject({ capacityTotal: 8, freePlaces: 2, heldPlaces: 0, availablePlaces: 2, freshness: 'fresh', confirmedAgeHours: 0 });
    expect(byId[near].contact).toMatchObject({ phone: '040 111111', emergencyPhone: '040 999999', email: 'kontakt@traeger.example' });
    expect(res.body.order[0]).toMatch(/preferencesMissed/);
    expect(res.body.items.map((i: { position: number }) => i.position)).toEqual(res.body.items.map((_: unknown, n: number) => n + 1));
    // re-sortable: by daily rate
    const byRate = await search({ serviceType: st, age: 14, reference: { lat: HH.lat, lon: HH.lon }, radiusKm: 200 }, { sort: 'dailyRate' });
    const rates = byRate.body.items.map((i: { dailyRate: number | null }) => i.dailyRate ?? Infinity);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(byRate.body.order[0]).toMatch(/dailyRate/);
  });

  it('shows a foster place only by its coarse area, never its address', async () => {
    const res = await search({ serviceType: st, age: 14, reference: { postcode: '20095' }, radiusKm: 30 });
    const f = res.body.items.find((i: { unitId: string }) => i.unitId === foster);
    expect(f.location).toMatchObject({ coarse: true, postcode: '22081', lat: 53.57, lon: 10.03 });
    expect(f.facility).toBeNull();
    expect(JSON.stringify(res.body)).not.toMatch(/Geheimweg|53\.5712/);
  });

  it('paginates with a stable total', async () => {
    const crit = { serviceType: st, age: 14, includeStale: true };
    const p1 = await search(crit, { perPage: 2, page: 1, sort: 'distance' });
    const p2 = await search(crit, { perPage: 2, page: 2, sort: 'distance' });
    const p9 = await search(crit, { perPage: 2, page: 9 });
    expect(p1.body.total).toBe(5);
    expect(p2.body.total).toBe(5);
    expect(p9.body.total).toBe(5);
    expect(p9.body.items).toEqual([]);
    expect(new Set([...ids(p1), ...ids(p2)]).size).toBe(4);
  });

  it('resolves postcodes and towns offline', async () => {
    const byPostcode = await search({ serviceType: st, age: 14, reference: { postcode: '28195' }, radiusKm: 10 });
    expect(byPostcode.body.reference).toMatchObject({ source: 'postcode', label: expect.stringContaining('Bremen') });
    expect(ids(byPostcode)).toEqual([far]);
    const byTown = await search({ serviceType: st, age: 14, reference: { town: 'bremen' }, radiusKm: 10 });
    expect(ids(byTown)).toEqual([far]);
    const ambiguous = await search({ serviceType: st, age: 14, reference: { town: 'Neukirchen' } });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error.details.issues[0].path).toBe('body.criteria.reference.town');
    const sugg = await cw.get('/api/v1/search/references?q=2819');
    expect(sugg.body.items[0]).toMatchObject({ postcode: '28195', source: 'postcode' });
  });

  it.each([
    ['negative radius', { age: 10, reference: { postcode: '20095' }, radiusKm: -5 }, 'body.criteria.radiusKm'],
    ['age 250', { age: 250 }, 'body.criteria.age'],
    ['unknown type of service', { age: 10, serviceType: 'no-such-type' }, 'body.criteria.serviceType'],
    ['malformed postcode', { age: 10, reference: { postcode: '2009' } }, 'body.criteria.reference.postcode'],
    ['unknown postcode', { age: 10, reference: { postcode: '00000' } }, 'body.criteria.reference.postcode'],
    ['unknown need', { age: 10, needs: ['trauma', 'telepathy'] }, 'body.criteria.needs.1'],
    ['radius without reference', { age: 10, radiusKm: 10 }, 'body.criteria.reference'],
  ])('refuses %s with a 400 naming the field', async (_n, criteria, path) => {
    const res = await search(criteria);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('is for offices only', async () => {
    const provider = (await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff')).client;
    const res = await provider.post('/api/v1/search', { criteria: { age: 10 } });
    expect(res.status).toBe(403);
    const oncall = (await userClient(t.app, t.ctx.sql, 'office', 'oncall')).client;
    expect((await oncall.post('/api/v1/search', { criteria: { age: 10, serviceType: st } })).status).toBe(200);
  });

  it('answers radius searches from a GiST index on ll_to_earth(lat, lon), never a scan of every unit', async () => {
    // The plan is the planner's choice by the table's statistics: on the few units of a shared test
    // database an index-only scan of every free unit (units_match_cover) can cost less than the
    // GiST index, and which of them wins depended on when autovacuum last ran (seen once in CI). So
    // the plan is read on a country's worth of units: 3,000 more across Germany, a third of them
    // with free places, analysed inside a transaction that is rolled back.
    const owner = createDb(inject('databaseUrl'), { max: 1 });
    const plans: { now: PlanNode[]; later: PlanNode[] } = { now: [], later: [] };
    const plan = async (db: Db, crit: object) => {
      const c = await resolveCriteria(t.ctx.sql, t.ctx.config, SearchCriteriaSchema.parse({ age: 14, reference: { postcode: '20095' }, radiusKm: 25, ...crit }), 'criteria');
      return planNodes(await explainSearch(db, c));
    };
    try {
      await owner
        .begin(async (tx) => {
          await tx`
            insert into units (owner_id, owner_kind, facility_id, name, setting, service_types, age_min, age_max, genders,
              specialisations, exclusions, languages, secure_setting, siblings_max, step_free, emergency_intake,
              capacity_total, free_places, lat, lon, location_is_coarse, postcode, last_confirmed_at, availability_changed_at)
            select u.owner_id, u.owner_kind, u.facility_id, u.name || ' ' || g, u.setting, u.service_types, u.age_min, u.age_max, u.genders,
              u.specialisations, u.exclusions, u.languages, u.secure_setting, u.siblings_max, u.step_free, u.emergency_intake,
              6, case when g % 3 = 0 then 2 else 0 end, 47.5 + (g * 7919 % 7000) / 1000.0, 6.0 + (g * 104729 % 9000) / 1000.0,
              u.location_is_coarse, u.postcode, now(), now()
            from units u, generate_series(1, 3000) g where u.id = ${near}`;
          await tx`analyze units`;
          // free now: the index over units with free places (migration 0021); by a date: units_location
          plans.now = await plan(tx, {});
          plans.later = await plan(tx, { availableBy: '2030-01-01' });
          throw new RolledBack();
        })
        .catch((e) => {
          if (!(e instanceof RolledBack)) throw e;
        });
    } finally {
      await owner.end();
    }
    expect(plans.now.filter((n) => n['Index Name'] === 'units_location_free'), JSON.stringify(plans.now)).toHaveLength(1);
    expect(plans.later.filter((n) => n['Index Name'] === 'units_location'), JSON.stringify(plans.later)).toHaveLength(1);
    for (const nodes of [plans.now, plans.later]) expect(nodes.filter((n) => n['Relation Name'] === 'units' && n['Node Type'] === 'Seq Scan')).toEqual([]);
  });
});
