import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../server/app';
import { defineRoute } from '../../server/http/route';
import { undeclaredPaths } from '../../server/http/response-check';
import { createTestContext, type TestContext } from '../helpers/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const Answer = z.object({ id: z.string(), items: z.array(z.object({ name: z.string(), place: z.object({ city: z.string() }) })) });
const declared = { id: 'a', items: [{ name: 'Gruppe', place: { city: 'Jena' } }] };
const leaking = { id: 'a', items: [{ name: 'Gruppe', place: { city: 'Jena', caseRef: 'secret' } }] };

/** Two routes building their answers: one exactly as declared, one with a field the schema lacks. */
function appWith(check: boolean) {
  const route = (path: string, answer: object) =>
    defineRoute({ method: 'get', path, summary: 'test', tags: ['test'], access: 'public', response: Answer, responseBuilt: true, handler: async () => answer });
  const ctx = { ...t.ctx, config: { ...t.ctx.config, CHECK_BUILT_RESPONSES: check } };
  return createApp(ctx, { routes: [route('/api/v1/test-built', declared), route('/api/v1/test-leak', leaking)] });
}

describe('answers a route builds itself (responseBuilt)', () => {
  it('tests and development check them: a field the schema would drop is a 500 naming nothing to the caller', async () => {
    const app = appWith(true);
    const ok = await request(app).get('/api/v1/test-built');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(declared);
    const leak = await request(app).get('/api/v1/test-leak');
    expect(leak.status).toBe(500);
    expect(leak.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(leak.body)).not.toContain('secret');
  });

  it('production sends them as built (the check is what keeps fields out)', async () => {
    const app = appWith(false);
    expect((await request(app).get('/api/v1/test-built')).body).toEqual(declared);
    expect((await request(app).get('/api/v1/test-leak')).body.items[0].place.caseRef).toBe('secret');
  });

  it('on by default everywhere but production', async () => {
    expect(t.ctx.config.CHECK_BUILT_RESPONSES).toBe(true);
    const { loadConfig } = await import('../../server/config');
    const prod = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@localhost/x', SESSION_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://example.org', SMTP_URL: 'smtp://localhost:25' });
    expect(prod.CHECK_BUILT_RESPONSES).toBe(false);
  });

  it('finds every dropped path, in nested objects and arrays, ignoring undefined values', () => {
    expect(undeclaredPaths(leaking, Answer.parse(leaking))).toEqual(['.items[0].place.caseRef']);
    expect(undeclaredPaths({ ...declared, later: undefined }, Answer.parse(declared))).toEqual([]);
  });
});
