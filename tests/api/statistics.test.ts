import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeUser, userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ jobs: true });
});
afterAll(() => t.close());

describe('statistics', () => {
  it("an office admin sees the office's own figures; the platform admin the region's", async () => {
    const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    const admin = await login(t.app, await makeUser(t.ctx.sql, office.org, 'office_admin'));
    const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    const unit = await makeUnit(t.ctx.sql, provider.org, await makeFacility(t.ctx.sql, provider.org), { freePlaces: 2 });
    const sent = await office.client.post('/api/v1/requests', { unitIds: [unit.id], caseRef: 'ST-1', childAge: 9, childGender: 'diverse', desiredStart: '2026-12-01', urgency: 'regular' });
    const id = sent.body.items[0].id;
    await provider.client.post(`/api/v1/requests/${id}/accept`, {});
    await office.client.post(`/api/v1/requests/${id}/confirm`);
    const mine = await admin.get('/api/v1/statistics');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ scope: 'office', requests: { confirmed: 1, running: 0 } });
    expect(mine.body.requests.medianHoursToPlacement).toBeGreaterThanOrEqual(0);
    const other = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    expect((await other.client.get('/api/v1/statistics')).body.requests.confirmed).toBe(0);
    const platform = await userClient(t.app, t.ctx.sql, 'platform');
    const region = await platform.client.get('/api/v1/statistics?days=365');
    expect(region.body.scope).toBe('region');
    expect(region.body.requests.confirmed).toBeGreaterThanOrEqual(1);
    expect((await office.client.get('/api/v1/statistics')).status).toBe(403);
    expect((await admin.get('/api/v1/statistics?days=0')).body.error.details.issues[0].path).toBe('query.days');
  });
});
