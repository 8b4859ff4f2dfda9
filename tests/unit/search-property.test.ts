import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCriteria } from '../../server/features/search/criteria';
import { selectSearchPage } from '../../server/features/search/queries';
import { openSearch } from '../../server/features/search/service';
import type { SearchCriteria } from '../../shared/schemas/search';
import { changeUnit, makeServiceType } from '../api/search-fixtures';
import { buildCriteria, compare, createUnits, critGenArb, fx, reference, seen, setupFixture, unitArb } from './search-reference';

/**
 * Property tests of the matching rules: whatever units and criteria fast-check makes up, the
 * forward search (SQL), the reverse matching (search_affected) and the match sets kept for open
 * searches all equal a plain reference filter (search-reference.ts), written independently of the SQL.
 */

beforeAll(setupFixture);
afterAll(() => fx.t.close());

describe('matching rules (property-based, against a reference filter)', () => {
  it('the search returns exactly the units satisfying every hard criterion, explained consistently', async () => {
    Object.assign(seen, { positive: 0, negative: 0 });
    await fc.assert(
      fc.asyncProperty(fc.array(unitArb, { minLength: 1, maxLength: 10 }), fc.array(critGenArb, { minLength: 1, maxLength: 6 }), async (gen, crits) => {
        const [a, b] = [await makeServiceType(fx.t.ctx.sql), await makeServiceType(fx.t.ctx.sql)];
        const units = await createUnits(gen, a, b);
        const runIds = new Set(units.map((u) => u.id));
        for (const { criteria, byDay } of crits.map((g) => buildCriteria(g, units, a, b))) {
          const c = await resolveCriteria(fx.t.ctx.sql, fx.t.ctx.config, criteria, 'criteria');
          const page = await selectSearchPage(fx.t.ctx.sql, c, 'fit', 200, 0);
          const got = new Set(page.rows.map((r) => r.unitId));
          for (const id of got) expect(runIds.has(id)).toBe(true);
          expect(page.total).toBe(got.size);
          compare(units, criteria, byDay, got);
          // the order is the explained one: missed preferences never decrease down the list
          const missed = page.rows.map((r) => r.missed);
          expect(missed).toEqual([...missed].sort((x, y) => x - y));
          for (const r of page.rows) {
            const u = units.find((x) => x.id === r.unitId)!;
            const expectMissed = criteria.preferences.languages.filter((l) => !u.languages.includes(l)).length +
              (criteria.preferences.maxDailyRate !== undefined && (u.dailyRate === null || u.dailyRate > criteria.preferences.maxDailyRate) ? 1 : 0);
            expect(r.missed).toBe(expectMissed);
            expect(r.availablePlaces).toBe(u.free - u.held);
          }
        }
      }),
      { numRuns: 50 },
    );
    expect(seen.positive).toBeGreaterThan(5);
    expect(seen.negative).toBeGreaterThan(15);
  });

  it('reverse matching finds exactly the open searches a unit satisfies, before and after changes', async () => {
    Object.assign(seen, { positive: 0, negative: 0 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(unitArb, { minLength: 1, maxLength: 6 }),
        fc.array(critGenArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.record({ free: fc.integer({ min: 0, max: 6 }), ageMin: fc.integer({ min: 0, max: 17 }), secure: fc.boolean() }), { minLength: 1, maxLength: 3 }),
        async (gen, crits, changes) => {
          const [a, b] = [await makeServiceType(fx.t.ctx.sql), await makeServiceType(fx.t.ctx.sql)];
          const units = await createUnits(gen, a, b);
          const searches: { id: string; criteria: SearchCriteria; byDay: number | null }[] = [];
          for (const s of crits.map((g) => buildCriteria(g, units, a, b))) {
            const { search } = await openSearch(fx.t.ctx, fx.actor, {}, { criteria: s.criteria, sort: 'fit', page: 1, perPage: 1 });
            searches.push({ id: search.id, ...s });
          }
          const check = async () => {
            for (const u of units) {
              const affected = new Set((await fx.t.ctx.sql`select search_id from search_affected(${u.id})`).map((r) => r.searchId as string));
              const kept = new Set((await fx.t.ctx.sql`select search_id from search_matched(${u.id})`).map((r) => r.searchId as string));
              for (const s of searches) {
                const want = reference(u, s.criteria, s.byDay);
                if (want === undefined) continue;
                seen[want ? 'positive' : 'negative']++;
                if (want !== affected.has(s.id) || want !== kept.has(s.id)) {
                  throw new Error(`search ${JSON.stringify(s.criteria)} / unit ${JSON.stringify(u)}: reference ${want}, search_affected ${affected.has(s.id)}, kept ${kept.has(s.id)}`);
                }
              }
            }
          };
          await check();
          // providers change units (the contract: row + vacancy:changed in one transaction)
          for (const [i, ch] of changes.entries()) {
            const u = units[i % units.length];
            u.free = Math.min(ch.free, u.capacity);
            u.held = Math.min(u.held, u.free);
            u.ageMin = ch.ageMin;
            u.ageSpan = Math.min(u.ageSpan, 27 - ch.ageMin);
            u.secureSetting = ch.secure;
            await changeUnit(fx.t.ctx.sql, u.id, { heldPlaces: u.held, freePlaces: u.free, ageMin: u.ageMin, ageMax: u.ageMin + u.ageSpan, secureSetting: u.secureSetting }, 'attributes-changed');
          }
          await check();
        },
      ),
      { numRuns: 30 },
    );
    expect(seen.positive).toBeGreaterThan(5);
  });
});
