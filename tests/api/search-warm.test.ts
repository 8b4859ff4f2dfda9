import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleAfterAnswer } from '../../server/after-answer';
import { CUSTOM_PLANS, warmSearchConnections } from '../../server/features/search/warm';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, type Client } from '../helpers/factories';

// The test context's pool has five connections; every one is warmed and then looked at.
const POOL = 5;
let t: TestContext;
let caseworker: Client;

beforeAll(async () => {
  t = await createTestContext();
  const office = await makeOrg(t.ctx.sql, 'office', { districtAgs: '16076' });
  caseworker = await login(t.app, await makeUser(t.ctx.sql, office, 'caseworker'));
});
afterAll(() => t.close());

interface Prepared {
  statement: string;
  genericPlans: number;
  customPlans: number;
}

/** The ad-hoc search statements (page and paused units in one) prepared on each connection of the pool. */
async function searchStatementsPerConnection(): Promise<Prepared[][]> {
  const all = await Promise.all(Array.from({ length: POOL }, () => t.ctx.sql.reserve()));
  try {
    return await Promise.all(
      all.map((c) => c<Prepared[]>`
        select statement, generic_plans::int, custom_plans::int from pg_prepared_statements
        where statement like '%as paused_part%' and statement not like '%pg_prepared_statements%' order by statement`),
    );
  } finally {
    for (const c of all) c.release();
  }
}

const sum = (lists: Prepared[][], f: (p: Prepared) => number) => lists.flat().reduce((n, p) => n + f(p), 0);

describe('the pool is warmed for the typical searches', () => {
  it('every connection holds both typical statements with their generic plan, and the API then plans no search anew', async () => {
    await warmSearchConnections(t.ctx, POOL);
    const warmed = await searchStatementsPerConnection();
    for (const statements of warmed) {
      expect(statements).toHaveLength(2);
      for (const s of statements) {
        expect(s.customPlans).toBe(CUSTOM_PLANS);
        expect(s.genericPlans).toBeGreaterThanOrEqual(1);
      }
    }
    // the caseworker's search through the API, a postcode as its reference, both shapes: the same
    // statements as warmed (the same text), now run with their generic plans on whichever connection
    for (let i = 0; i < 2 * POOL; i++) {
      const criteria = { serviceType: '34', age: 8 + i, gender: i % 2 ? 'male' : 'female', reference: { postcode: '07973' }, radiusKm: 50, ...(i % 3 ? {} : { preferences: { languages: ['uk'] } }) };
      const res = await caseworker.post('/api/v1/search', { criteria });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    await settleAfterAnswer();
    const after = await searchStatementsPerConnection();
    expect(after.map((s) => s.length)).toEqual(warmed.map((s) => s.length));
    expect(sum(after, (p) => p.customPlans)).toBe(sum(warmed, (p) => p.customPlans));
    expect(sum(after, (p) => p.genericPlans)).toBe(sum(warmed, (p) => p.genericPlans) + 2 * POOL);
  });
});
