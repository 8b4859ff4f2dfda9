import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';

// The e-mail route is public: it must not become a way to send mail to anyone, in bulk.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ env: { NAVIGATOR_MAIL_PER_HOUR: '2' }, jobs: true });
});
afterAll(() => t.close());

describe('navigator e-mail rate limit', () => {
  it('refuses more lists per client address and hour than configured', async () => {
    const answers = [
      { step: 'who', option: 'family' },
      { step: 'concern', option: 'danger' },
    ];
    const send = (n: number) => request(t.app).post('/api/v1/navigator/dialogues/05315/email').send({ answers, email: `limit-${n}@example.org` });
    expect((await send(1)).status).toBe(202);
    expect((await send(2)).status).toBe(202);
    const third = await send(3);
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    // the refused address never reached the queue
    const [row] = await t.ctx.sql`select count(*)::int as n from pgboss.job where data->>'to' = 'limit-3@example.org'`;
    expect(row.n).toBe(0);
    // clean up the two queued mails of this test: nothing of them may stay
    await t.ctx.sql`update pgboss.job set data = '{}'::jsonb where data->>'to' in ('limit-1@example.org', 'limit-2@example.org')`;
  });
});
