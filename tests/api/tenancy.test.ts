import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, makeUser, userClient } from '../helpers/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('tenancy', () => {
  it("an office user cannot read another office's users or organisation", async () => {
    const a = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    const b = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    expect((await a.client.get(`/api/v1/users/${a.user.id}`)).status).toBe(200);
    const foreignUser = await a.client.get(`/api/v1/users/${b.user.id}`);
    expect(foreignUser.status).toBe(404);
    expect((await a.client.get(`/api/v1/organisations/${b.org.id}`)).status).toBe(404);
    const list = await a.client.get('/api/v1/users');
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([a.user.id]);
    const orgs = await a.client.get('/api/v1/organisations');
    expect(orgs.body.items.map((o: { id: string }) => o.id)).toEqual([a.org.id]);
  });

  it("a provider user cannot read or change another provider's users", async () => {
    const a = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
    const b = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
    expect((await a.client.get(`/api/v1/users/${b.user.id}`)).status).toBe(404);
    expect((await a.client.patch(`/api/v1/users/${b.user.id}`, { disabled: true })).status).toBe(404);
    expect((await a.client.patch(`/api/v1/organisations/${b.org.id}`, { phone: '0221 1234' })).status).toBe(404);
    const [still] = await t.ctx.sql`select disabled_at from users where id = ${b.user.id}`;
    expect(still.disabledAt).toBeNull();
  });

  it('an org admin creates users only in the own organisation, with roles of its kind', async () => {
    const a = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    const other = await makeOrg(t.ctx.sql, 'office');
    const body = { email: `new-${Date.now()}@test.example`, displayName: 'Neu', role: 'caseworker', password: 'long-enough-password' };
    const foreign = await a.client.post(`/api/v1/users?organisationId=${other.id}`, body);
    expect(foreign.status).toBe(403);
    const wrongRole = await a.client.post('/api/v1/users', { ...body, role: 'provider_staff' });
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.body.error.details.issues[0].path).toBe('body.role');
    const ok = await a.client.post('/api/v1/users', body);
    expect(ok.status).toBe(201);
    expect(ok.body.organisationId).toBe(a.org.id);
    const dup = await a.client.post('/api/v1/users', body);
    expect(dup.status).toBe(409);
  });

  it('the database refuses a role that does not fit the organisation', async () => {
    const org = await makeOrg(t.ctx.sql, 'provider');
    await expect(makeUser(t.ctx.sql, org, 'caseworker')).rejects.toThrow(/check constraint/);
  });

  it('roles are enforced per route: a caseworker cannot manage users', async () => {
    const { client } = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    const res = await client.get('/api/v1/users');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('only the platform admin creates organisations and verifies providers', async () => {
    const pa = await userClient(t.app, t.ctx.sql, 'platform');
    const oa = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    const body = { kind: 'provider', name: 'Neuer Träger gGmbH' };
    expect((await oa.client.post('/api/v1/organisations', body)).status).toBe(403);
    const created = await pa.client.post('/api/v1/organisations', body);
    expect(created.status).toBe(201);
    expect(created.body.verifiedAt).toBeNull();
    const checklist = { licenceRef: 'BE-45-2026-01', licence: true, address: true, contact: true, units: true };
    const v = await pa.client.post(`/api/v1/organisations/${created.body.id}/verification`, { verified: true, checklist });
    expect(v.status).toBe(200);
    expect(v.body.verifiedAt).not.toBeNull();
    const missingDistrict = await pa.client.post('/api/v1/organisations', { kind: 'office', name: 'Jugendamt ohne Kreis' });
    expect(missingDistrict.status).toBe(400);
    expect(missingDistrict.body.error.details.issues[0].path).toBe('body.districtAgs');
  });

  it('no one disables themselves', async () => {
    const a = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    expect((await a.client.patch(`/api/v1/users/${a.user.id}`, { disabled: true })).status).toBe(403);
  });
});
