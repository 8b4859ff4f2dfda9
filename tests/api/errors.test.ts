import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApp } from '../../server/app';
import { defineRoute } from '../../server/http/route';
import { allRoutes } from '../../server/routes';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ env: { BODY_LIMIT: '2kb' } });
});
afterAll(() => t.close());

describe('one error shape for every failure', () => {
  it('malformed JSON is a 400 INVALID_JSON', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
    expect(res.body.error.requestId).toBe(res.headers['x-request-id']);
  });

  it('a missing field is named', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').send({ email: 'a@b.example' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues).toEqual([{ path: 'body.password', message: 'is required', code: 'required' }]);
  });

  it('a wrong type is named', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').send({ email: 42, password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.email');
    expect(res.body.error.message).toContain('body.email');
  });

  it('a wrong path parameter is named', async () => {
    const { client } = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    const res = await client.get('/api/v1/users/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('params.id');
  });

  it('an oversized body is a 413', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').send({ email: 'a@b.example', password: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON is a 415', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').set('Content-Type', 'text/plain').send('email=a');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('an unknown API route is a 404 naming it', async () => {
    const res = await request(t.app).get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'No route GET /api/v1/nothing-here' });
  });

  it('an unexpected error is a 500 with the request id and no internals', async () => {
    const boom = defineRoute({
      method: 'get',
      path: '/api/v1/test-boom',
      summary: 'test',
      tags: ['test'],
      access: 'public',
      handler: async ({ ctx }) => {
        await ctx.sql`select * from no_such_table_secret`;
      },
    });
    const app = createApp(t.ctx, { routes: [...allRoutes, boom] });
    const res = await request(app).get('/api/v1/test-boom').set('X-Request-Id', 'req-12345678');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
    expect(res.body.error.requestId).toBe('req-12345678');
    expect(JSON.stringify(res.body)).not.toMatch(/no_such_table|select|stack|at /i);
  });

  it('a database rule broken past validation is a 4xx, not a 500', async () => {
    const { client } = await userClient(t.app, t.ctx.sql, 'platform');
    const res = await client.post('/api/v1/organisations', { kind: 'office', name: 'Jugendamt X', districtAgs: '99999' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.districtAgs');
  });
});

describe('health and headers', () => {
  it('/healthz and /readyz answer', async () => {
    expect((await request(t.app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(t.app).get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('sets a request id and a CSP that allows only the map tile host', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("img-src 'self' data: https://tile.openstreetmap.org");
    expect(csp).toContain("script-src 'self'");
  });
});
