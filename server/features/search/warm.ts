import { SearchCriteriaSchema, type SearchCriteriaInput } from '../../../shared/schemas/search';
import type { AppContext } from '../../context';
import { onEachConnection } from '../../db-pool';
import { resolveCriteria } from './criteria';
import { searchPage } from './service';

/**
 * PostgreSQL plans a prepared statement anew (a custom plan) for each of a connection's first five
 * executions and only then settles on a generic plan when that is no dearer. The ad-hoc search's
 * statement (page, paused units and answer times in one) took ~3.5 ms to plan against ~2 ms to run,
 * and postgres.js hands the pool's connections out in turn: after a start, the first ~50 searches of
 * each statement shape on a pool of ten paid that planning (issue 18: the first third of the
 * benchmark's API calls, none of its warmed floor's).
 */
export const CUSTOM_PLANS = 5;

/**
 * The statement shapes of the most frequent searches (the caseworker's form: type of service, age,
 * gender, a radius around a point; with or without a preferred language), in the order the search
 * page asks for by default. Another shape meets its own first five executions as before.
 */
const TYPICAL: SearchCriteriaInput[] = [
  { serviceType: '34', age: 12, gender: 'female', reference: { lat: 50.94, lon: 6.96 }, radiusKm: 50 },
  { serviceType: '34', age: 12, gender: 'female', reference: { lat: 50.94, lon: 6.96 }, radiusKm: 50, preferences: { languages: ['ar'] } },
];

/**
 * Runs the typical searches' statements CUSTOM_PLANS + 1 times on `connections` connections of the
 * pool, taken at once (so each a different one: postgres.js hands a released connection out again
 * first), so that each has them prepared with their generic plan. Read-only; nothing is recorded.
 * Failures only cost the warmth.
 */
export async function warmSearchConnections(ctx: AppContext, connections: number): Promise<void> {
  const typical = await Promise.all(TYPICAL.map((input) => resolveCriteria(ctx.sql, ctx.config, SearchCriteriaSchema.parse(input), 'criteria')));
  await onEachConnection(ctx.sql, connections, async (c) => {
    const on = { ...ctx, sql: c as unknown as AppContext['sql'] };
    try {
      for (const criteria of typical) {
        for (let i = 0; i <= CUSTOM_PLANS; i++) await searchPage(on, criteria, { sort: 'fit', page: 1, perPage: 25 });
      }
    } catch (e) {
      ctx.log.debug({ err: e }, 'warming a database connection for searches failed');
    }
  });
}
