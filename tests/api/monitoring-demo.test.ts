import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoHistory } from '../../server/demo/demo-history';
import { DEMO_FACILITIES, DEMO_UNITS, seedDemoPlaces } from '../../server/demo/demo-places';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, makeUser, userClient } from '../helpers/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('demo monitoring history', () => {
  it('gives every dashboard a year of figures: searches, snapshots, closed requests', async () => {
    const keys = [...new Set([...DEMO_FACILITIES.map((f) => f.provider), ...DEMO_UNITS.map((u) => u.owner), 'ja-koeln', 'ja-leipzig'])];
    const orgIds = new Map<string, string>();
    // Wittenberg (15091): a district no other test uses
    for (const k of keys) {
      const office = k.startsWith('ja-');
      const org = await makeOrg(t.ctx.sql, office ? 'office' : 'provider', { verified: office ? undefined : k !== 'tr-neu', districtAgs: office ? '15091' : undefined });
      if (office) await makeUser(t.ctx.sql, org, 'caseworker');
      orgIds.set(k, org.id);
    }
    await seedDemoPlaces(t.ctx, orgIds);
    await seedDemoHistory(t.ctx, orgIds);
    const offices = [...new Set([...orgIds].filter(([k]) => k.startsWith('ja-')).map(([, v]) => v))];
    const [s] = await t.ctx.sql`select count(*)::int as n, min(searched_at) as first from search_log where office_id = any(${offices}::uuid[])`;
    expect(s.n).toBe(offices.length * 3000);
    expect(Date.now() - new Date(s.first).getTime()).toBeGreaterThan(300 * 86_400_000);
    const platform = await userClient(t.app, t.ctx.sql, 'platform');
    const demand = await platform.client.get('/api/v1/monitoring/demand?district=15091&days=365');
    expect(demand.body.searches.total).toBe(offices.length * 3000);
    expect(demand.body.requests.total).toBe(offices.length * 160);
    const time = await platform.client.get('/api/v1/monitoring/placement-time?district=15091&days=90');
    expect(time.body.overall.medianMinutes).toBeGreaterThan(0);
    const unmet = await platform.client.get('/api/v1/monitoring/unmet?district=15091&days=365');
    expect(typeof unmet.body.emptySearches.total).toBe('number');
    expect(unmet.body.emptySearches.byConstraint.length).toBeGreaterThan(3);
  });
});
