import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterAnswerPending, settleAfterAnswer } from '../../server/after-answer';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, type Client, type OrgRow } from '../helpers/factories';

// Greiz (16076): the office of this file; every search below is its own.
const D = '16076';
const GREIZ = { lat: 50.65, lon: 12.2 };
let t: TestContext;
let office: OrgRow;
let caseworker: Client;

beforeAll(async () => {
  t = await createTestContext();
  office = await makeOrg(t.ctx.sql, 'office', { districtAgs: D });
  caseworker = await login(t.app, await makeUser(t.ctx.sql, office, 'caseworker'));
});
afterAll(() => t.close());

const recorded = async () => (await t.ctx.sql<{ n: number }[]>`select count(*)::int as n from search_log where office_id = ${office.id}`)[0].n;

describe('the monitoring record of a search is written after its answer', () => {
  it('the search answers while its record cannot be written yet; the record follows', async () => {
    const before = await recorded();
    // a transaction that keeps every insert into search_log waiting
    const lock = await t.ctx.sql.reserve();
    try {
      await lock`begin`;
      await lock`lock table search_log in share mode`;
      const res = await caseworker.post('/api/v1/search', { criteria: { serviceType: '34', age: 14, reference: GREIZ, radiusKm: 20 } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(afterAnswerPending()).toBeGreaterThanOrEqual(1);
      expect(await recorded()).toBe(before);
      await lock`commit`;
      await settleAfterAnswer();
      expect(await recorded()).toBe(before + 1);
    } finally {
      await lock`rollback`.catch(() => {});
      lock.release();
    }
    await settleAfterAnswer();
    expect(afterAnswerPending()).toBe(0);
  });

  it("the emergency search's first look answers while its record cannot be written yet; the record follows", async () => {
    const before = await recorded();
    const lock = await t.ctx.sql.reserve();
    try {
      await lock`begin`;
      await lock`lock table search_log in share mode`;
      const res = await caseworker.get(`/api/v1/emergency/units?age=12&gender=female&lat=${GREIZ.lat}&lon=${GREIZ.lon}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(afterAnswerPending()).toBeGreaterThanOrEqual(1);
      expect(await recorded()).toBe(before);
      await lock`commit`;
      await settleAfterAnswer();
      expect(await recorded()).toBe(before + 1);
      const [row] = await t.ctx.sql<{ kind: string }[]>`select kind from search_log where office_id = ${office.id} order by id desc limit 1`;
      expect(row.kind).toBe('emergency');
    } finally {
      await lock`rollback`.catch(() => {});
      lock.release();
    }
    await settleAfterAnswer();
    expect(afterAnswerPending()).toBe(0);
  });
});
