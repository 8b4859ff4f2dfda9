import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rematchUnit } from '../../server/features/search/jobs';
import { openSearch } from '../../server/features/search/service';
import { SearchCriteriaSchema } from '../../shared/schemas/search';
import { changeUnit, makeServiceType } from '../api/search-fixtures';
import { expectReplayed, figuresNow, heldFigures, type Opened } from './search-opened';
import { createUnits, dateOf, fx, reference, setupFixture, type GenUnit, type RefUnit } from './search-reference';

/**
 * The re-match's fast path (migrations/functions/search_match_store.sql, search_diff): a change that
 * leaves the deciding attributes alone is matched with one scan and one evaluation of them; a state
 * without places is not scanned at all. Each case here is one the fast path could get wrong: after
 * each change every search holds exactly the reference filter's matches, and its room's events,
 * replayed, give that set with the unit's figures now.
 */

beforeAll(setupFixture);
afterAll(() => fx.t.close());

const base: GenUnit = {
  owner: 'verified', archived: false, types: [true, false], ageMin: 8, ageSpan: 8, genders: ['female', 'male', 'diverse'],
  specialisations: [], exclusions: [], languages: ['de'], secureSetting: false, siblingsMax: 0, emergencyIntake: false,
  capacity: 6, free: 2, held: 0, dLat: 0, dLon: 0, confirmedDaysAgo: 0, planned: [], dailyRate: null,
};

/** One unit and two searches for it (age 12), one with a radius and one without; `byInDays`: places needed by then. */
async function setUp(g: Partial<GenUnit>, byInDays?: number) {
  const db = fx.t.ctx.sql;
  const a = await makeServiceType(db);
  const [unit] = await createUnits([{ ...base, ...g }], a, await makeServiceType(db));
  // its snapshot takes what createUnits wrote after the insert (held places, planned vacancies)
  await rematchUnit(fx.t.ctx, unit.id);
  expect(await db`select 1 from search_unit_dirty where unit_id = ${unit.id}`).toEqual([]);
  const byDay = byInDays === undefined ? null : fx.today + byInDays;
  const common = { serviceType: a, age: 12, includeStale: false, ...(byDay === null ? {} : { availableBy: dateOf(byDay) }) };
  const searches: Opened[] = [];
  for (const criteria of [
    SearchCriteriaSchema.parse({ ...common, reference: { lat: unit.lat + 0.05, lon: unit.lon }, radiusKm: 30 }),
    SearchCriteriaSchema.parse(common),
  ]) {
    const [{ max }] = await db`select coalesce(max(seq), 0)::bigint as max from events`;
    const { search } = await openSearch(fx.t.ctx, fx.actor, {}, { criteria, sort: 'fit', page: 1, perPage: 1 });
    const firstFigures = await heldFigures(search.id, [unit.id]);
    searches.push({ id: search.id, criteria, byDay, first: new Set(firstFigures.keys()), firstFigures, since: max as number });
  }
  return { unit, searches };
}

/** Every search holds what the reference says, and its events say so, figures included. */
async function expectConsistent(unit: RefUnit, searches: Opened[], want: boolean): Promise<void> {
  const now = await figuresNow([unit.id]);
  for (const s of searches) {
    const kept = await expectReplayed(s, [unit.id], now);
    expect(reference(unit, s.criteria, s.byDay)).toBe(want);
    expect(kept.has(unit.id)).toBe(want);
  }
}

describe('the re-match fast path (one scan, one evaluation, no scan without places)', () => {
  it('a change of places only is announced as changed to every search holding the unit', async () => {
    const { unit, searches } = await setUp({});
    await expectConsistent(unit, searches, true);
    for (const free of [3, 1, 4]) {
      unit.free = free;
      await changeUnit(fx.t.ctx.sql, unit.id, { freePlaces: free }, 'free-changed');
      await expectConsistent(unit, searches, true);
    }
  });

  it('a change of the age range alone adds and removes', async () => {
    const { unit, searches } = await setUp({});
    await expectConsistent(unit, searches, true);
    unit.ageMin = 13;
    unit.ageSpan = 4;
    await changeUnit(fx.t.ctx.sql, unit.id, { ageMin: 13, ageMax: 17 }, 'attributes-changed');
    await expectConsistent(unit, searches, false);
    unit.ageMin = 10;
    await changeUnit(fx.t.ctx.sql, unit.id, { ageMin: 10 }, 'attributes-changed');
    await expectConsistent(unit, searches, true);
  });

  it('a unit without places matches nothing; places added or taken away are announced', async () => {
    const { unit, searches } = await setUp({ free: 0 });
    await expectConsistent(unit, searches, false);
    unit.free = 2;
    await changeUnit(fx.t.ctx.sql, unit.id, { freePlaces: 2 }, 'free-changed');
    await expectConsistent(unit, searches, true);
    unit.free = 0;
    await changeUnit(fx.t.ctx.sql, unit.id, { freePlaces: 0 }, 'free-changed');
    await expectConsistent(unit, searches, false);
  });

  it('a unit without free places but a planned vacancy matches a search with a date; the vacancy taken back is announced', async () => {
    const { unit, searches } = await setUp({ free: 0, planned: [{ inDays: 3, places: 1 }] }, 10);
    await expectConsistent(unit, searches, true);
    unit.planned = [];
    await fx.t.ctx.sql`delete from planned_vacancies where unit_id = ${unit.id}`;
    await changeUnit(fx.t.ctx.sql, unit.id, { capacityTotal: unit.capacity }, 'attributes-changed');
    await expectConsistent(unit, searches, false);
  });

  it('a confirmation makes a stale unit match again; figures stay told', async () => {
    const { unit, searches } = await setUp({ confirmedDaysAgo: 20 });
    await expectConsistent(unit, searches, false);
    unit.confirmedDaysAgo = 0;
    await changeUnit(fx.t.ctx.sql, unit.id, { lastConfirmedAt: new Date().toISOString() }, 'confirmed');
    await expectConsistent(unit, searches, true);
  });
});
