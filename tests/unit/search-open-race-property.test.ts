import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEvent, rooms } from '../../server/events';
import { rematchUnit } from '../../server/features/search/jobs';
import { selectDirtyUnitIds } from '../../server/features/search/open-queries';
import { drainRematchQueue } from '../../server/features/search/rematch-queue';
import { openSearch } from '../../server/features/search/service';
import type { SearchCriteria } from '../../shared/schemas/search';
import { changeUnit, makeServiceType } from '../api/search-fixtures';
import { expectReplayed, figuresNow, heldFigures, type Figures, type Opened } from './search-opened';
import { buildCriteria, createUnits, critGenArb, fx, reference, seen, setupFixture, unitArb, type CritGen, type GenUnit, type RefUnit } from './search-reference';

/**
 * Opening a search reads its first page before the opening lock and only confirms it under the
 * lock (server/features/search/service.ts, match-store.ts). Here a change of a unit commits right
 * between the two (announced and re-matched at its commit, queued for the worker, or written
 * without an event), before or after other searches opened. Whatever fast-check makes up: what the
 * search was shown (its first page, all of it) is what the match store holds for it afterwards,
 * and the events its room receives, applied to what it was shown, give what it holds in the end:
 * exactly the reference filter's matches with the units' figures now.
 */

beforeAll(setupFixture);
afterAll(() => fx.t.close());

const raceArb = fc.oneof(
  fc.record({ kind: fc.constant('change' as const), i: fc.nat(), free: fc.integer({ min: 0, max: 6 }), ageMin: fc.integer({ min: 0, max: 17 }) }),
  fc.record({ kind: fc.constant('places' as const), i: fc.nat(), free: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('queued' as const), i: fc.nat(), free: fc.integer({ min: 0, max: 6 }), ageMin: fc.integer({ min: 0, max: 17 }) }),
  fc.record({ kind: fc.constant('silent' as const), i: fc.nat(), free: fc.integer({ min: 0, max: 6 }), secure: fc.boolean() }),
  fc.record({ kind: fc.constant('archive' as const), i: fc.nat() }),
  fc.record({ kind: fc.constant('none' as const) }),
);
type Race = typeof raceArb extends fc.Arbitrary<infer T> ? T : never;

async function race(r: Race, u: RefUnit): Promise<void> {
  const db = fx.t.ctx.sql;
  if (r.kind === 'change' || r.kind === 'queued') {
    u.free = Math.min(r.free, u.capacity);
    u.held = Math.min(u.held, u.free);
    u.ageMin = r.ageMin;
    u.ageSpan = Math.min(u.ageSpan, 27 - r.ageMin);
    const set = { heldPlaces: u.held, freePlaces: u.free, ageMin: u.ageMin, ageMax: u.ageMin + u.ageSpan };
    if (r.kind === 'change') return changeUnit(db, u.id, set, 'attributes-changed');
    // as a bulk transaction: only queued at its commit, re-matched by the worker later
    await db.begin(async (tx) => {
      await tx`select set_config('hpb.rematch_queue', 'on', true)`;
      const [row] = await tx`
        update units set free_places = ${u.free}, held_places = ${u.held}, age_min = ${u.ageMin}, age_max = ${u.ageMin + u.ageSpan},
          version = version + 1, updated_at = now()
        where id = ${u.id} returning owner_id, free_places, last_confirmed_at`;
      await publishEvent(tx, 'vacancy:changed', [rooms.org(row.ownerId)], { unitId: u.id, providerId: row.ownerId, freePlaces: row.freePlaces, lastConfirmedAt: row.lastConfirmedAt, reason: 'attributes-changed' });
    });
  } else if (r.kind === 'places') {
    u.free = Math.min(r.free, u.capacity);
    u.held = 0;
    await changeUnit(db, u.id, { freePlaces: u.free, heldPlaces: 0 }, 'free-changed');
  } else if (r.kind === 'silent') {
    u.free = Math.min(r.free, u.capacity);
    u.held = Math.min(u.held, u.free);
    u.secureSetting = r.secure;
    await db`update units set free_places = ${u.free}, held_places = ${u.held}, secure_setting = ${u.secureSetting} where id = ${u.id}`;
  } else if (r.kind === 'archive') {
    u.archived = true;
    await changeUnit(db, u.id, { archivedAt: new Date().toISOString() }, 'archived');
  }
}

/** Opens a search while `r` commits between its first page and the opening lock; returns what it was shown. */
async function openRaced(c: { criteria: SearchCriteria; byDay: number | null }, units: RefUnit[], r: Race, target: RefUnit): Promise<Opened> {
  const db = fx.t.ctx.sql;
  const [{ max }] = await db`select coalesce(max(seq), 0)::bigint as max from events`;
  const { search, results } = await openSearch(
    fx.t.ctx, fx.actor, {}, { criteria: c.criteria, sort: 'fit', page: 1, perPage: 100 }, { beforeLock: () => race(r, target) },
  );
  // what it was shown: its whole first match set (every run has fewer than 100 units)
  const shown = new Map<string, Figures>(results.items.map((i) => [i.unitId, { freePlaces: i.places.freePlaces, availablePlaces: i.places.availablePlaces }]));
  expect(results.total).toBe(shown.size);
  expect(search.matchCount).toBe(shown.size);
  // the match store holds what the search was shown, not the unit's state after the racing change
  const ids = units.map((u) => u.id);
  expect(Object.fromEntries(await heldFigures(search.id, ids))).toEqual(Object.fromEntries(shown));
  return { id: search.id, ...c, first: new Set(shown.keys()), firstFigures: shown, since: max as number };
}

/** Every change of this run re-matched: the queue worked off, then the sweep's marks. */
async function settle(units: RefUnit[]): Promise<void> {
  const mine = new Set(units.map((u) => u.id));
  for (let i = 0; i < 50; i++) {
    await drainRematchQueue(fx.t.ctx);
    const left = await fx.t.ctx.sql`select 1 from search_rematch_queue where unit_id = any (${[...mine]}::uuid[]) and attempts < 5`;
    if (!left.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const id of new Set((await selectDirtyUnitIds(fx.t.ctx.sql, 100_000)).filter((x) => mine.has(x)))) await rematchUnit(fx.t.ctx, id);
}

const sure: GenUnit = {
  owner: 'verified', archived: false, types: [true, false], ageMin: 4, ageSpan: 6, genders: ['female'], specialisations: [], exclusions: [],
  languages: ['de'], secureSetting: false, siblingsMax: 0, emergencyIntake: false, capacity: 4, dLat: 0, dLon: 0, confirmedDaysAgo: 0,
  planned: [], dailyRate: null, free: 3, held: 0,
};
const sureCriteria: CritGen = {
  pick: 0, near: Array(12).fill(0),
  any: { type: false, age: 6, gender: 'female', needs: [], conditions: [], siblings: 0, byInDays: 0, dLat: 0, dLon: 0, radiusKm: 20, languages: [], maxDailyRate: 300 },
};

describe('opening a search while a unit changes (property-based, against the reference filter)', () => {
  it('a change between the first page and the lock is announced as the difference to what the search was shown', async () => {
    Object.assign(seen, { positive: 0, negative: 0 });
    const db = fx.t.ctx.sql;
    await fc.assert(
      fc.asyncProperty(
        fc.array(unitArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ g: critGenArb, radiusless: fc.boolean(), race: raceArb }), { minLength: 1, maxLength: 5 }),
        async (gen, opens) => {
          const [a, b] = [await makeServiceType(db), await makeServiceType(db)];
          const units = await createUnits(gen, a, b);
          const searches: Opened[] = [];
          for (const o of opens) {
            const c = buildCriteria(o.g, units, a, b);
            if (o.radiusless) {
              const { reference: _r, radiusKm: _k, ...rest } = c.criteria;
              c.criteria = rest as SearchCriteria;
            }
            // mostly the unit the criteria were built around: a change the search is likely to care about
            const target = units[('i' in o.race && o.race.i % 4 === 0 ? o.race.i : o.g.pick) % units.length];
            searches.push(await openRaced(c, units, o.race, target));
          }
          await settle(units);
          const now = await figuresNow(units.map((u) => u.id));
          for (const s of searches) {
            const kept = await expectReplayed(s, units.map((u) => u.id), now);
            const [{ count }] = await db`select coalesce(sum(delta), 0)::int as count from open_search_tally where search_id = ${s.id}`;
            expect(count).toBe(kept.size);
            for (const u of units) {
              const want = reference(u, s.criteria, s.byDay);
              if (want === undefined) continue;
              seen[want ? 'positive' : 'negative']++;
              expect({ unit: u.id, matches: kept.has(u.id) }).toEqual({ unit: u.id, matches: want });
            }
          }
        },
      ),
      // first a unit the search surely matches, changed by each kind of race (fast-check alone
      // finds a matching pair in a minority of runs)
      { numRuns: 80, examples: (['places', 'change', 'queued', 'silent', 'archive'] as const).map((kind) => [[sure], [{ g: sureCriteria, radiusless: false, race: { kind, i: 0, free: 1, ageMin: 5, secure: true } as Race }, { g: sureCriteria, radiusless: true, race: { kind: 'places', i: 0, free: 2 } as Race }]]) },
    );
    expect(seen.positive).toBeGreaterThan(5);
    expect(seen.negative).toBeGreaterThan(5);
  });
});
