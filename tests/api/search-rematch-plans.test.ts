import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';

// The re-match of a unit runs at the commit of every hold and confirmation (events_search_rematch),
// the unit's marking in the statement that writes the unit, both while the transaction holds the
// unit's row. PL/pgSQL plans a statement anew (a custom plan) for each of a connection's first five
// executions: the re-match's statement (search_diff inlined) took ~7-10 ms to plan and ~0.5 ms to run
// (reserve_contention), and racing confirms of one unit waited for that. Generic plans are planned
// once per connection; at 50,000 units / 30,000 open searches they use the same GiST scans
// (open_searches_area, open_searches_national) and run as fast as the custom ones.
let s: RunningServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

describe('the re-match and marking run in a unit writer\'s transaction', () => {
  it('plan their statements once per connection (generic plans)', async () => {
    const names = ['events_search_rematch', 'search_rematch_unit', 'search_units_inserted', 'search_units_mark'];
    const rows = await s.ctx.sql<{ proname: string; proconfig: string[] | null }[]>`
      select proname, proconfig from pg_proc where proname = any(${names}) order by proname`;
    expect(rows.map((r) => r.proname)).toEqual(names);
    for (const r of rows) expect(r.proconfig).toContain('plan_cache_mode=force_generic_plan');
  });
});
