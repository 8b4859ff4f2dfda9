import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';

// The monitoring facts are written at commit, while a hold's or a confirmation's transaction still
// holds its unit's row; planned anew for each of a connection's first executions (PL/pgSQL's custom
// plans) they cost more than they ran (reserve_contention). Each plans once per connection.
let s: RunningServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

describe('the monitoring facts written at commit', () => {
  it('plan their statements once per connection (generic plans)', async () => {
    const rows = await s.ctx.sql<{ proname: string; proconfig: string[] | null }[]>`
      select proname, proconfig from pg_proc
      where proname in ('monitoring_request_facts_mark', 'monitoring_request_facts_flush', 'monitoring_request_facts_write') order by proname`;
    expect(rows.map((r) => r.proname)).toEqual(['monitoring_request_facts_flush', 'monitoring_request_facts_mark', 'monitoring_request_facts_write']);
    for (const r of rows) expect(r.proconfig).toContain('plan_cache_mode=force_generic_plan');
  });
});
