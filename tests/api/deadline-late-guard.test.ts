import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';

/**
 * A request whose session lookup outlasts the request's deadline is answered 504 by the deadline;
 * when the lookup then comes back, the route's guard must not go on to write headers into the
 * answer already sent (it did: "Cannot set headers after they are sent", logged as an unexpected
 * error on every such request under load).
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ env: { RESPONSE_TIMEOUT_SECONDS: '1' } });
});
afterAll(() => t.close());

describe('a route guard after the deadline answered', () => {
  it('stays out of the sent answer: one 504, no unexpected error', async () => {
    const { client } = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    const errors = vi.spyOn(t.ctx.log, 'error');
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = t.ctx.sql.begin(async (tx) => {
      await tx`lock table sessions in access exclusive mode`;
      locked();
      await released;
    });
    await isLocked;
    const res = await client.get('/api/v1/searches');
    expect(res.status).toBe(504);
    expect(res.body.error.code).toBe('DATABASE_TIMEOUT');
    release();
    await holder;
    // the lookup returns now and the request's remaining middleware runs
    await new Promise((r) => setTimeout(r, 500));
    expect(errors.mock.calls.map((c) => c.at(-1))).not.toContain('unexpected error');
    errors.mockRestore();
    expect((await client.get('/api/v1/searches')).status).toBe(200);
  });
});
