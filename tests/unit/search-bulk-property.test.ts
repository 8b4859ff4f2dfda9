import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEvent, rooms } from '../../server/events';
import { drainRematchQueue, rematchQueuedBatch } from '../../server/features/search/rematch-queue';
import { openSearch } from '../../server/features/search/service';
import type { SearchCriteria } from '../../shared/schemas/search';
import { makeServiceType } from '../api/search-fixtures';
import { expectReplayed, figuresNow, heldFigures, type Opened } from './search-opened';
import { buildCriteria, createUnits, critGenArb, fx, reference, seen, setupFixture, unitArb, type RefUnit } from './search-reference';

/**
 * The bulk path of reverse matching (migration 0131): a transaction that changes many units only
 * queues them, and the worker re-matches them after the commit. Whatever units, searches and
 * changes fast-check makes up, searches opened before the bulk and between its commit and the
 * worker's re-match end with exactly the reference filter's matches, and the events each search's
 * room received, applied to its first match set, give that set: nothing missed, nothing repeated.
 */

beforeAll(setupFixture);
afterAll(() => fx.t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function open(c: { criteria: SearchCriteria; byDay: number | null }, unitIds: string[]): Promise<Opened> {
  const db = fx.t.ctx.sql;
  const { search } = await openSearch(fx.t.ctx, fx.actor, {}, { criteria: c.criteria, sort: 'fit', page: 1, perPage: 1 });
  const firstFigures = await heldFigures(search.id, unitIds);
  // the listing's count is the first match set's size
  expect(search.matchCount).toBe(firstFigures.size);
  const [{ max }] = await db`select coalesce(max(seq), 0)::bigint as max from events`;
  return { id: search.id, ...c, first: new Set(firstFigures.keys()), firstFigures, since: max as number };
}

/** One transaction changes every unit (the providers' contract: row + vacancy:changed) and asks for the queue. */
async function bulkChange(units: RefUnit[]): Promise<string> {
  return fx.t.ctx.sql.begin(async (tx) => {
    await tx`select set_config('hpb.rematch_queue', 'on', true)`;
    for (const u of units) {
      const [row] = await tx`
        update units set free_places = ${u.free}, held_places = ${u.held}, age_min = ${u.ageMin}, age_max = ${u.ageMin + u.ageSpan},
          secure_setting = ${u.secureSetting}, version = version + 1, updated_at = now()
        where id = ${u.id} returning owner_id, free_places, last_confirmed_at`;
      await publishEvent(tx, 'vacancy:changed', [rooms.org(row.ownerId)], { unitId: u.id, providerId: row.ownerId, freePlaces: row.freePlaces, lastConfirmedAt: row.lastConfirmedAt, reason: 'attributes-changed' });
    }
    const [{ xid }] = await tx`select pg_current_xact_id()::text as xid`;
    return xid as string;
  });
}

/** Until none of these units waits in the queue (another node's worker may hold one mid-batch). */
async function drained(unitIds: string[]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await drainRematchQueue(fx.t.ctx);
    const left = await fx.t.ctx.sql`select 1 from search_rematch_queue where unit_id = any (${unitIds}::uuid[]) and attempts < 5`;
    if (!left.length) return;
    await sleep(50);
  }
  throw new Error('the re-match queue was not worked off');
}

describe('bulk changes re-matched after their commit (property-based, against the reference filter)', () => {
  it('every open search ends with exactly the reference matches, each difference announced once', async () => {
    Object.assign(seen, { positive: 0, negative: 0 });
    const db = fx.t.ctx.sql;
    await fc.assert(
      fc.asyncProperty(
        fc.array(unitArb, { minLength: 1, maxLength: 6 }),
        fc.array(critGenArb, { minLength: 1, maxLength: 4 }),
        fc.array(critGenArb, { minLength: 1, maxLength: 2 }),
        // placesOnly: a change the re-match's fast path takes (no deciding attribute changes)
        fc.array(fc.record({ free: fc.integer({ min: 0, max: 6 }), ageMin: fc.integer({ min: 0, max: 17 }), secure: fc.boolean(), placesOnly: fc.boolean() }), { minLength: 6, maxLength: 6 }),
        // cut: the worker's transactions end after one re-match each (time budget used up), a search opening in between
        fc.boolean(),
        async (gen, before, between, changes, cut) => {
          const [a, b] = [await makeServiceType(db), await makeServiceType(db)];
          const units = await createUnits(gen, a, b);
          const searches: Opened[] = [];
          for (const g of before) searches.push(await open(buildCriteria(g, units, a, b), units.map((u) => u.id)));
          for (const [i, u] of units.entries()) {
            const ch = changes[i];
            u.free = Math.min(ch.free, u.capacity);
            u.held = Math.min(u.held, u.free);
            if (ch.placesOnly) continue;
            u.ageMin = ch.ageMin;
            u.ageSpan = Math.min(u.ageSpan, 27 - ch.ageMin);
            u.secureSetting = ch.secure;
          }
          const xid = await bulkChange(units);
          // the provider's commit re-matched nothing itself
          expect(await db`select seq from events where xid = ${xid}::xid8 and type like 'search:%'`).toEqual([]);
          // searches opened after the bulk committed, before (or while) the worker re-matches it
          for (const g of between) searches.push(await open(buildCriteria(g, units, a, b), units.map((u) => u.id)));
          if (cut) {
            await rematchQueuedBatch(db, 8, 0);
            searches.push(await open(buildCriteria(between[0], units, a, b), units.map((u) => u.id)));
            await rematchQueuedBatch(db, 8, 0);
          }
          await drained(units.map((u) => u.id));
          const now = await figuresNow(units.map((u) => u.id));

          for (const s of searches) {
            const kept = await expectReplayed(s, units.map((u) => u.id), now);
            for (const u of units) {
              const want = reference(u, s.criteria, s.byDay);
              if (want === undefined) continue;
              seen[want ? 'positive' : 'negative']++;
              if (want !== kept.has(u.id)) {
                throw new Error(`search ${JSON.stringify(s.criteria)} / unit ${JSON.stringify(u)}: reference ${want}, kept ${kept.has(u.id)}`);
              }
            }
          }
        },
      ),
      { numRuns: 25 },
    );
    expect(seen.positive).toBeGreaterThan(5);
    expect(seen.negative).toBeGreaterThan(5);
  });
});
