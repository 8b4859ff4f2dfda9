import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, PASSWORD, userClient } from '../helpers/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ env: { LOGIN_MAX_FAILURES: '3', SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '8' } });
});
afterAll(() => t.close());

async function office() {
  const org = await makeOrg(t.ctx.sql, 'office');
  return { org, user: await makeUser(t.ctx.sql, org, 'caseworker') };
}

describe('login and logout', () => {
  it('logs in, answers /me with a CSRF token and logs out', async () => {
    const { user } = await office();
    const c = await login(t.app, user);
    expect(c.cookie).toMatch(/^hpb_session=/);
    const me = await c.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: user.email, role: 'caseworker' });
    expect(me.body.csrfToken).toBe(c.csrf);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('sets an httpOnly, SameSite session cookie', async () => {
    const { user } = await office();
    const res = await request(t.app).post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('refuses a wrong password with one message for unknown and known e-mails', async () => {
    const { user } = await office();
    const wrong = await request(t.app).post('/api/v1/auth/login').send({ email: user.email, password: 'nope-nope-nope' });
    const unknown = await request(t.app).post('/api/v1/auth/login').send({ email: 'nobody@nowhere.example', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('rotates the session id at login: the old cookie is dead', async () => {
    const { user } = await office();
    const first = await login(t.app, user);
    const res = await first.agent.post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD });
    const second = String(res.headers['set-cookie']).split(';')[0];
    expect(second).not.toBe(first.cookie);
    expect((await request(t.app).get('/api/v1/auth/me').set('Cookie', first.cookie)).status).toBe(401);
    expect((await request(t.app).get('/api/v1/auth/me').set('Cookie', second)).status).toBe(200);
  });

  it('ends a session after the idle timeout', async () => {
    const { user } = await office();
    const c = await login(t.app, user);
    await t.ctx.sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = ${user.id}`;
    const res = await c.get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
    const [left] = await t.ctx.sql`select count(*)::int as n from sessions where user_id = ${user.id}`;
    expect(left.n).toBe(0);
  });

  it('tells the client its timeouts, so it can warn before the idle end (WCAG 2.2.1)', async () => {
    const { user } = await office();
    const c = await login(t.app, user);
    const before = Date.now();
    const me = (await c.get('/api/v1/auth/me')).body;
    expect(me.sessionIdleMinutes).toBe(30);
    const absolute = Date.parse(me.sessionAbsoluteEndsAt) - before;
    expect(absolute).toBeGreaterThan(8 * 3_600_000 - 60_000);
    expect(absolute).toBeLessThanOrEqual(8 * 3_600_000 + 1000);
    const idle = Date.parse(me.sessionExpiresAt) - before;
    expect(idle).toBeGreaterThan(30 * 60_000 - 5000);
    expect(idle).toBeLessThan(30 * 60_000 + 5000);
  });

  it('ends a session after the absolute timeout, however active', async () => {
    const { user } = await office();
    const c = await login(t.app, user);
    await t.ctx.sql`update sessions set created_at = now() - interval '8 hours 1 minute', last_seen_at = now() where user_id = ${user.id}`;
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('a disabled user loses every session at once and cannot log in', async () => {
    const org = await makeOrg(t.ctx.sql, 'office');
    const admin = await login(t.app, await makeUser(t.ctx.sql, org, 'office_admin'));
    const user = await makeUser(t.ctx.sql, org, 'caseworker');
    const phone = await login(t.app, user);
    const desk = await login(t.app, user);
    const res = await admin.patch(`/api/v1/users/${user.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await phone.get('/api/v1/auth/me')).status).toBe(401);
    expect((await desk.get('/api/v1/auth/me')).status).toBe(401);
    expect((await request(t.app).post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD })).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the token', async () => {
    const { client } = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    const res = await client.agent.post('/api/v1/auth/logout').send({});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
    const wrong = await client.agent.post('/api/v1/auth/logout').set('X-CSRF-Token', 'forged').send({});
    expect(wrong.status).toBe(403);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('refuses a write from another origin, even with the token', async () => {
    const { client } = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    const res = await client.agent.post('/api/v1/auth/logout').set('X-CSRF-Token', client.csrf).set('Origin', 'https://evil.example').send({});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
  });
});

describe('throttling failed logins (in PostgreSQL, shared by all nodes)', () => {
  let proxied: TestContext;
  let otherNode: TestContext;
  beforeAll(async () => {
    const env = { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES: '3', LOGIN_RATE_PER_IP: '6' };
    proxied = await createTestContext({ env });
    otherNode = await createTestContext({ env });
  });
  afterAll(async () => {
    await proxied.close();
    await otherNode.close();
  });

  let n = 0;
  const address = () => `10.${process.pid % 250}.${Math.floor(Math.random() * 250)}.${n++ % 250}`;
  const attempt = (ctx: TestContext, ip: string, email: string, password: string) =>
    request(ctx.app).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it('slows down a known and an unknown e-mail alike, never locks with 423', async () => {
    const { user } = await office();
    const ip = address();
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) known.push((await attempt(proxied, ip, user.email, 'wrong-wrong')).status);
    const ip2 = address();
    for (let i = 0; i < 4; i++) unknown.push((await attempt(proxied, ip2, `nobody-${ip2}@test.example`, 'wrong-wrong')).status);
    expect(known).toEqual([401, 401, 401, 429]);
    expect(unknown).toEqual(known);
    const slowed = await attempt(proxied, ip, user.email, PASSWORD);
    expect(slowed.status).toBe(429);
    expect(slowed.body.error.code).toBe('RATE_LIMITED');
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    // the owner, from an address without failures, is not hindered
    expect((await attempt(proxied, address(), user.email, PASSWORD)).status).toBe(200);
    // once the delay has passed, the right password works from the first address too
    await t.ctx.sql`update login_throttle set last_failure_at = now() - interval '1 minute' where key like ${`pair:${user.email}|%`}`;
    expect((await attempt(proxied, ip, user.email, PASSWORD)).status).toBe(200);
  });

  it('the delay grows with every further failure', async () => {
    const { user } = await office();
    const ip = address();
    const key = `pair:${user.email}|${ip}`;
    for (let i = 0; i < 3; i++) await attempt(proxied, ip, user.email, 'wrong-wrong');
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const refused = await attempt(proxied, ip, user.email, 'wrong-wrong');
      expect(refused.status).toBe(429);
      waits.push(Number(refused.headers['retry-after']));
      // let the wait pass: the next failure counts and doubles it
      await t.ctx.sql`update login_throttle set last_failure_at = now() - make_interval(secs => ${waits[i] + 1}) where key = ${key}`;
      expect((await attempt(proxied, ip, user.email, 'wrong-wrong')).status).toBe(401);
    }
    expect(waits).toEqual([5, 10, 20]);
  });

  it('counts failures only, per address, across nodes', async () => {
    const ip = address();
    // a whole office logging in behind one proxy address at shift start is fine
    for (let i = 0; i < 6; i++) {
      const { user } = await office();
      expect((await attempt(i % 2 ? proxied : otherNode, ip, user.email, PASSWORD)).status).toBe(200);
    }
    // failures on one node count on the other
    for (let i = 0; i < 6; i++) {
      expect((await attempt(i % 2 ? proxied : otherNode, ip, `x${i}-${ip}@y.example`, 'whatever-x')).status).toBe(401);
    }
    const res = await attempt(proxied, ip, 'x@y.example', 'whatever-x');
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(res.body.error.message).toMatch(/Too many login attempts from this address/);
    // another address is not affected
    const { user } = await office();
    expect((await attempt(otherNode, address(), user.email, PASSWORD)).status).toBe(200);
  });
});
