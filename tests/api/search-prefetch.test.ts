import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApp } from '../../server/app';
import { hashSecret, insertSession, newToken } from '../../server/features/auth/sessions';
import type { RouteDef } from '../../server/http/route';
import { allRoutes } from '../../server/routes';
import { createTestContext, TEST_SECRET, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, userClient, type Client } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { makeServiceType } from './search-fixtures';

// POST /api/v1/search runs its statement while the session is looked up (RouteDef.prefetch). Whoever
// the session turns out to be, the answer must be the one the checked session gets: these calls go
// to an app whose search route counts the prefetches it started.

let t: TestContext;
let app: ReturnType<typeof createApp>;
let prefetches = 0;
let st: string;
let criteria: object;

beforeAll(async () => {
  t = await createTestContext({ env: { SESSION_IDLE_MINUTES: '30' } });
  const routes: RouteDef[] = allRoutes.map((r) =>
    r.prefetch && r.path === '/api/v1/search'
      ? {
          ...r,
          prefetch: (args) => {
            prefetches++;
            return r.prefetch!(args);
          },
        }
      : r,
  );
  app = createApp(t.ctx, { routes });
  const db = t.ctx.sql;
  st = await makeServiceType(db);
  const p = await makeOrg(db, 'provider');
  const f = await makeFacility(db, p, { lat: 53.56, lon: 10.0, postcode: '20095', city: 'Hamburg' });
  await makeUnit(db, p, f, { serviceTypes: [st], ageMin: 10, ageMax: 17, name: 'Nah' });
  criteria = { serviceType: st, age: 14, reference: { lat: 53.55, lon: 9.99 }, radiusKm: 30 };
});
afterAll(() => t.close());

const search = (c: { cookie: string; csrf: string }, body: object = { criteria }) =>
  request(app).post('/api/v1/search').set('Cookie', c.cookie).set('X-CSRF-Token', c.csrf).send(body);

async function caseworker(): Promise<Client> {
  return (await userClient(t.app, t.ctx.sql, 'office', 'caseworker')).client;
}

/** Counts the prefetches `call` starts. */
async function counted<T>(call: () => Promise<T>): Promise<{ res: T; started: number }> {
  const before = prefetches;
  const res = await call();
  return { res, started: prefetches - before };
}

describe('the search statement beside the session lookup', () => {
  it('runs beside the lookup for an issued cookie and answers as a call without it', async () => {
    const c = await caseworker();
    const { res, started } = await counted(() => search(c));
    expect(started).toBe(1);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    // a session whose cookie has the older form (no MAC) reads the same answer itself
    const token = newToken();
    await insertSession(t.ctx.sql, { id: hashSecret(TEST_SECRET, token), userId: c.user.id, csrfToken: 'csrf-of-older-cookie' });
    const older = await counted(() => search({ cookie: `hpb_session=${token}`, csrf: 'csrf-of-older-cookie' }));
    expect(older.started).toBe(0);
    expect(older.res.status).toBe(200);
    expect(older.res.body.items).toEqual(res.body.items);
  });

  it('starts nothing for a made-up cookie or a wrong MAC, and answers 401', async () => {
    const c = await caseworker();
    const [token] = c.cookie.split('=')[1].split('.');
    for (const cookie of [`hpb_session=${newToken()}.${'A'.repeat(22)}`, `hpb_session=${token}.${'B'.repeat(22)}`, 'hpb_session=forged']) {
      const { res, started } = await counted(() => search({ cookie, csrf: c.csrf }));
      expect(started).toBe(0);
      expect(res.status).toBe(401);
      expect(res.body.items).toBeUndefined();
    }
  });

  it('a logged-out cookie gets 401 and no data, though its statement ran', async () => {
    const c = await caseworker();
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    const { res, started } = await counted(() => search(c));
    expect(started).toBe(1);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect(res.body.items).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('Nah');
  });

  it('an idle-expired session gets 401 "expired", no data, and is ended', async () => {
    const c = await caseworker();
    await t.ctx.sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = ${c.user.id}`;
    const { res, started } = await counted(() => search(c));
    expect(started).toBe(1);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
    expect(res.body.items).toBeUndefined();
    const [left] = await t.ctx.sql`select count(*)::int as n from sessions where user_id = ${c.user.id}`;
    expect(left.n).toBe(0);
  });

  it('a disabled user gets 401 and no data', async () => {
    const c = await caseworker();
    await t.ctx.sql`update users set disabled_at = now() where id = ${c.user.id}`;
    const res = await search(c);
    expect(res.status).toBe(401);
    expect(res.body.items).toBeUndefined();
  });

  it('a role that may not search gets 403 and no data; the refusal is audited for the checked user', async () => {
    const provider = (await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff')).client;
    const { res, started } = await counted(() => search(provider));
    expect(started).toBe(1);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.items).toBeUndefined();
    const [row] = await t.ctx.sql`select details from audit_log where actor_user_id = ${provider.user.id} and action = 'access.denied'`;
    expect(row.details).toMatchObject({ path: '/api/v1/search', code: 'FORBIDDEN' });
  });

  it('keeps the order of refusals: 401 and 403 and CSRF before the input is judged', async () => {
    const bad = { criteria: { age: 'old' } };
    const out = await caseworker();
    expect((await out.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await search(out, bad)).status).toBe(401);
    const provider = (await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff')).client;
    expect((await search(provider, bad)).status).toBe(403);
    const c = await caseworker();
    const noCsrf = await request(app).post('/api/v1/search').set('Cookie', c.cookie).send(bad);
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('CSRF_FAILED');
    const invalid = await search(c, bad);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.issues.map((i: { path: string }) => i.path)).toContain('body.criteria.age');
    // a criterion only the database knows (an unknown code): 400 from the statement's side, too
    const unknown = await search(c, { criteria: { ...criteria, serviceType: 'no-such-type' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('starts nothing for a call from a refused origin', async () => {
    const c = await caseworker();
    const { res, started } = await counted(() =>
      request(app).post('/api/v1/search').set('Cookie', c.cookie).set('X-CSRF-Token', c.csrf).set('Origin', 'https://evil.example').send({ criteria }),
    );
    expect(started).toBe(0);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
  });

  it('refuses at start-up a prefetch on a route with its own middleware (a rate limit must run first)', () => {
    const search = allRoutes.find((r) => r.prefetch && r.path === '/api/v1/search')!;
    const limited: RouteDef = { ...search, middleware: () => [(_req, _res, next) => next()] };
    expect(() => createApp(t.ctx, { routes: [limited] })).toThrow(/prefetch is for routes with only a body/);
    expect(() => createApp(t.ctx, { routes: [search] })).not.toThrow();
  });

  it('a login issues a cookie with a MAC', async () => {
    const user = await makeUser(t.ctx.sql, await makeOrg(t.ctx.sql, 'office'), 'caseworker');
    expect((await login(t.app, user)).cookie).toMatch(/^hpb_session=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}$/);
  });
});
