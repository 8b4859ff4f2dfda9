import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/features/auth/sessions';
import { createTestContext, TEST_SECRET, type TestContext } from '../helpers/context';
import { makeUser, login, userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const bearer = (token: string) => ({
  get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`),
  put: (url: string, body: object) => request(t.app).put(url).set('Authorization', `Bearer ${token}`).send(body),
  post: (url: string, body: object = {}) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).send(body),
});

async function providerWithToken() {
  const admin = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
  const res = await admin.client.post('/api/v1/api-tokens', { name: 'Belegungssoftware' });
  expect(res.status).toBe(201);
  return { ...admin, token: res.body.token as string, tokenId: res.body.id as string };
}

describe('API tokens', () => {
  it('a provider admin creates a token: shown once, stored hashed with a recognisable prefix, listed without the secret', async () => {
    const p = await providerWithToken();
    expect(p.token).toMatch(/^hpb_[A-Za-z0-9_-]{40,}$/);
    const [row] = await t.ctx.sql`select token_hash, prefix, created_by from api_tokens where id = ${p.tokenId}`;
    expect(row.tokenHash).toBe(hashSecret(TEST_SECRET, p.token));
    expect(row.tokenHash).not.toContain(p.token.slice(4, 20));
    expect(p.token.startsWith(row.prefix)).toBe(true);
    expect(row.createdBy).toBe(p.user.id);
    const list = await p.client.get('/api/v1/api-tokens');
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(p.token);
    expect(list.body.items[0]).toMatchObject({ id: p.tokenId, name: 'Belegungssoftware', lastUsedAt: null, revokedAt: null });
  });

  it('only provider admins manage tokens', async () => {
    const p = await providerWithToken();
    const staff = await login(t.app, await makeUser(t.ctx.sql, p.org, 'provider_staff'));
    expect((await staff.post('/api/v1/api-tokens', { name: 'x' })).status).toBe(403);
    expect((await staff.get('/api/v1/api-tokens')).status).toBe(403);
    const office = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    expect((await office.client.post('/api/v1/api-tokens', { name: 'x' })).status).toBe(403);
    // a token cannot mint tokens, nor reach user routes
    expect((await bearer(p.token).post('/api/v1/api-tokens', { name: 'x' })).status).toBe(403);
    expect((await bearer(p.token).get('/api/v1/users')).status).toBe(403);
  });

  it('a token works on its own provider only, records its last use, and stops at once when revoked', async () => {
    const a = await providerWithToken();
    const b = await providerWithToken();
    const fa = await makeFacility(t.ctx.sql, a.org);
    const ua = await makeUnit(t.ctx.sql, a.org, fa);
    const fb = await makeFacility(t.ctx.sql, b.org);
    const ub = await makeUnit(t.ctx.sql, b.org, fb, { freePlaces: 1 });
    const list = await bearer(a.token).get('/api/v1/units');
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([ua.id]);
    const [used] = await t.ctx.sql`select last_used_at from api_tokens where id = ${a.tokenId}`;
    expect(used.lastUsedAt).not.toBeNull();
    expect((await bearer(a.token).post(`/api/v1/units/${ua.id}/confirm`)).status).toBe(200);
    expect((await bearer(a.token).get(`/api/v1/units/${ub.id}`)).status).toBe(404);
    expect((await bearer(a.token).post(`/api/v1/units/${ub.id}/availability`, { freePlaces: 0 })).status).toBe(404);
    // attributes are kept by people: a token may not edit or create units
    expect((await request(t.app).patch(`/api/v1/units/${ua.id}`).set('Authorization', `Bearer ${a.token}`).send({ name: 'x' })).status).toBe(403);
    // another provider's token: not found, not revocable
    expect((await a.client.post(`/api/v1/api-tokens/${b.tokenId}/revoke`)).status).toBe(404);
    expect((await bearer(b.token).get('/api/v1/units')).status).toBe(200);
    const revoked = await a.client.post(`/api/v1/api-tokens/${a.tokenId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await a.client.post(`/api/v1/api-tokens/${a.tokenId}/revoke`)).status).toBe(409);
    const after = await bearer(a.token).get('/api/v1/units');
    expect(after.status).toBe(401);
    expect((await bearer('hpb_not-a-token').get('/api/v1/units')).status).toBe(401);
    const [ub2] = await t.ctx.sql`select free_places from units where id = ${ub.id}`;
    expect(ub2.freePlaces).toBe(1);
  });
});

describe('bulk availability', () => {
  it('is idempotent: the same payload twice gives the same state and no second announcement', async () => {
    const p = await providerWithToken();
    const f = await makeFacility(t.ctx.sql, p.org);
    const u1 = await makeUnit(t.ctx.sql, p.org, f, { name: 'Gruppe A', capacityTotal: 8, freePlaces: 1 });
    const u2 = await makeUnit(t.ctx.sql, p.org, f, { name: 'Gruppe B', capacityTotal: 6, freePlaces: 0 });
    await t.ctx.sql`update units set external_ref = 'B-2' where id = ${u2.id}`;
    const payload = {
      units: [
        { unitId: u1.id, freePlaces: 3 },
        { externalRef: 'B-2', freePlaces: 0, plannedVacancies: [{ availableFrom: '2099-08-01', places: 2 }] },
      ],
    };
    const first = await bearer(p.token).put('/api/v1/availability', payload);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ changed: 2, unchanged: 0 });
    const state1 = (await p.client.get('/api/v1/units')).body.items.map((u: { id: string; freePlaces: number; plannedVacancies: unknown[] }) => [u.id, u.freePlaces, u.plannedVacancies.length]);
    const events1 = await t.ctx.sql`select count(*)::int as n from events where payload->>'unitId' in (${u1.id}, ${u2.id})`;
    const second = await bearer(p.token).put('/api/v1/availability', payload);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ changed: 0, unchanged: 2 });
    const state2 = (await p.client.get('/api/v1/units')).body.items.map((u: { id: string; freePlaces: number; plannedVacancies: unknown[] }) => [u.id, u.freePlaces, u.plannedVacancies.length]);
    expect(state2).toEqual(state1);
    const events2 = await t.ctx.sql`select count(*)::int as n from events where payload->>'unitId' in (${u1.id}, ${u2.id})`;
    expect(events2[0].n).toBe(events1[0].n);
    expect(Date.parse(second.body.items[0].lastConfirmedAt)).toBeGreaterThanOrEqual(Date.parse(first.body.items[0].lastConfirmedAt));
  });

  it('a stale unit sent unchanged is confirmed and its return announced', async () => {
    const p = await providerWithToken();
    const f = await makeFacility(t.ctx.sql, p.org);
    const u = await makeUnit(t.ctx.sql, p.org, f, { freePlaces: 2, lastConfirmedAt: new Date(Date.now() - 20 * 86_400_000).toISOString() });
    const r = await bearer(p.token).put('/api/v1/availability', { units: [{ unitId: u.id, freePlaces: 2 }] });
    expect(r.body).toMatchObject({ changed: 0, unchanged: 1 });
    const evs = await t.ctx.sql`select payload->>'reason' as reason from events where payload->>'unitId' = ${u.id}`;
    expect(evs.map((e) => e.reason)).toEqual(['confirmed']);
    expect((await p.client.get(`/api/v1/units/${u.id}`)).body.freshness).toBe('fresh');
  });

  it('all or nothing: every bad item is named and nothing is applied', async () => {
    const p = await providerWithToken();
    const other = await providerWithToken();
    const f = await makeFacility(t.ctx.sql, p.org);
    const good = await makeUnit(t.ctx.sql, p.org, f, { capacityTotal: 8, freePlaces: 1 });
    const small = await makeUnit(t.ctx.sql, p.org, f, { capacityTotal: 2, freePlaces: 1 });
    const foreign = await makeUnit(t.ctx.sql, other.org, await makeFacility(t.ctx.sql, other.org));
    const r = await bearer(p.token).put('/api/v1/availability', {
      units: [
        { unitId: good.id, freePlaces: 5 },
        { unitId: small.id, freePlaces: 3 },
        { unitId: foreign.id, freePlaces: 0 },
        { externalRef: 'nope', freePlaces: 0 },
        { unitId: good.id, freePlaces: 4 },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.units.1.freePlaces',
      'body.units.2.unitId',
      'body.units.3.externalRef',
      'body.units.4.unitId',
    ]);
    const rows = await t.ctx.sql`select id, free_places from units where id in (${good.id}, ${small.id})`;
    expect(Object.fromEntries(rows.map((x) => [x.id, x.freePlaces]))).toEqual({ [good.id]: 1, [small.id]: 1 });
    const bad = await bearer(p.token).put('/api/v1/availability', { units: [{ unitId: good.id, freePlaces: -2 }] });
    expect(bad.body.error.details.issues[0].path).toBe('body.units.0.freePlaces');
  });

  it('logged-in provider staff can use the bulk endpoint too', async () => {
    const p = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    const u = await makeUnit(t.ctx.sql, p.org, await makeFacility(t.ctx.sql, p.org), { freePlaces: 0 });
    const r = await p.client.put('/api/v1/availability', { units: [{ unitId: u.id, freePlaces: 1 }] });
    expect(r.status).toBe(200);
    expect(r.body.items[0]).toMatchObject({ unitId: u.id, freePlaces: 1, changed: true });
  });
});
