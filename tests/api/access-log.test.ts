import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeUser, userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ jobs: true });
});
afterAll(() => t.close());

async function setup() {
  const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
  const admin = await login(t.app, await makeUser(t.ctx.sql, office.org, 'office_admin'));
  const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const unit = await makeUnit(t.ctx.sql, provider.org, await makeFacility(t.ctx.sql, provider.org), { freePlaces: 2, capacityTotal: 6 });
  const res = await office.client.post('/api/v1/requests', {
    unitIds: [unit.id],
    caseRef: 'AL-1',
    childAge: 12,
    childGender: 'male',
    desiredStart: new Date().toISOString().slice(0, 10),
    urgency: 'regular',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { office, admin, provider, requestId: res.body.items[0].id as string };
}

describe('Cache-Control', () => {
  it('answers with personal or case data carry no-store; public directory data does not need it', async () => {
    const s = await setup();
    for (const url of [`/api/v1/requests/${s.requestId}`, '/api/v1/requests', '/api/v1/auth/me', '/api/v1/users']) {
      const res = await (url === '/api/v1/users' ? s.admin : s.office.client).get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const login = await request(t.app).post('/api/v1/auth/login').send({ email: 'nobody@test.example', password: 'x' });
    expect(login.headers['cache-control']).toBe('no-store');
    const pub = await request(t.app).get('/api/v1/taxonomies');
    expect(pub.headers['cache-control']).toBeUndefined();
  });
});

describe('access log', () => {
  it("an office admin sees who read or changed the office's requests, filterable, as CSV", async () => {
    const s = await setup();
    expect((await s.provider.client.get(`/api/v1/requests/${s.requestId}`)).status).toBe(200);
    const log = await s.admin.get('/api/v1/access-log');
    expect(log.status).toBe(200);
    expect(log.headers['cache-control']).toBe('no-store');
    const actions = log.body.items.filter((i: { objectId: string | null }) => i.objectId === s.requestId).map((i: { action: string }) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['request.create', 'request.read']));
    const read = log.body.items.find((i: { action: string; actorUserId: string }) => i.action === 'request.read' && i.actorUserId === s.provider.user.id);
    expect(read).toMatchObject({ actorName: 'Test provider_staff', actorOrgName: s.provider.org.name, outcome: 'ok' });

    const filtered = await s.admin.get(`/api/v1/access-log?action=request.read&userId=${s.provider.user.id}`);
    expect(filtered.body.items.length).toBeGreaterThan(0);
    expect(filtered.body.items.every((i: { action: string }) => i.action === 'request.read')).toBe(true);

    const csv = await s.admin.get(`/api/v1/access-log?format=csv&objectId=${s.requestId}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/zugriffsprotokoll-.*\.csv/);
    expect(csv.text).toContain('at;actorKind;actorName');
    expect(csv.text).toContain('"request.read"');
  });

  it("another office's admin does not see it; caseworkers may not read the log", async () => {
    const s = await setup();
    const other = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    const log = await other.client.get(`/api/v1/access-log?objectId=${s.requestId}`);
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([]);
    expect((await s.office.client.get('/api/v1/access-log')).status).toBe(403);
  });

  it("a refused attempt on another tenant's request is audited and the platform admin sees it", async () => {
    const s = await setup();
    const stranger = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    expect((await stranger.client.get(`/api/v1/requests/${s.requestId}`)).status).toBe(404);
    const [row] = await t.ctx.sql`select outcome, details from audit_log where actor_user_id = ${stranger.user.id} and action = 'access.denied'`;
    expect(row).toMatchObject({ outcome: 'denied', details: { code: 'NOT_FOUND', path: `/api/v1/requests/${s.requestId}` } });
    const platform = await userClient(t.app, t.ctx.sql, 'platform');
    const refusals = await platform.client.get(`/api/v1/access-log/refusals?userId=${stranger.user.id}`);
    expect(refusals.status).toBe(200);
    expect(refusals.body.items[0]).toMatchObject({ action: 'access.denied', path: `/api/v1/requests/${s.requestId}`, actorOrgName: stranger.org.name });
    expect((await s.admin.get('/api/v1/access-log/refusals')).status).toBe(403);
  });
});
