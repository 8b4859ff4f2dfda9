import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeUser, userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { makeServiceType } from './search-fixtures';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ jobs: true });
});
afterAll(() => t.close());

describe('the case view', () => {
  it("shows one case's searches, requests, answers and placement in time order, to the office only, audited", async () => {
    const st = await makeServiceType(t.ctx.sql);
    const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    const colleague = await login(t.app, await makeUser(t.ctx.sql, office.org, 'office_admin'));
    const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    const facility = await makeFacility(t.ctx.sql, provider.org);
    const [a, b] = [
      await makeUnit(t.ctx.sql, provider.org, facility, { name: 'Haus A', serviceTypes: [st], freePlaces: 1 }),
      await makeUnit(t.ctx.sql, provider.org, facility, { name: 'Haus B', serviceTypes: [st], freePlaces: 1 }),
    ];
    const caseRef = `FALL-${Date.now()}`;
    const opened = await office.client.post('/api/v1/searches', { criteria: { serviceType: st, age: 10 }, caseRef });
    expect(opened.status).toBe(201);
    const sent = await office.client.post('/api/v1/requests', {
      unitIds: [a.id, b.id],
      caseRef,
      childAge: 10,
      childGender: 'diverse',
      desiredStart: new Date().toISOString().slice(0, 10),
      urgency: 'regular',
    });
    expect(sent.status).toBe(201);
    const [ra, rb] = sent.body.items as { id: string; unitId: string }[];
    const [forA, forB] = ra.unitId === a.id ? [ra, rb] : [rb, ra];
    expect((await provider.client.post(`/api/v1/requests/${forB.id}/decline`, { reason: 'group-fit' })).status).toBe(200);
    expect((await provider.client.post(`/api/v1/requests/${forA.id}/accept`, {})).status).toBe(200);
    expect((await office.client.post(`/api/v1/requests/${forA.id}/confirm`)).status).toBe(200);
    // another case of the office stays out
    await office.client.post('/api/v1/searches', { criteria: { serviceType: st, age: 11 }, caseRef: `${caseRef}-X` });

    const res = await colleague.get(`/api/v1/cases/${encodeURIComponent(caseRef.toLowerCase())}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ searches: 1, requests: 2, placed: true });
    const kinds = res.body.entries.map((e: { kind: string }) => e.kind);
    expect(kinds[0]).toBe('search-opened');
    expect(kinds.filter((k: string) => k === 'request-sent')).toHaveLength(2);
    expect(kinds).toContain('declined');
    expect(kinds.at(-1)).toBe('confirmed');
    const times = res.body.entries.map((e: { at: string }) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(res.body.entries.find((e: { kind: string }) => e.kind === 'declined')).toMatchObject({ reason: 'group-fit', subject: 'Haus B' });

    const [audit] = await t.ctx.sql`select action, details from audit_log where action = 'case.read' and actor_org_id = ${office.org.id} order by id desc limit 1`;
    expect(audit.details.caseRef).toBe(caseRef.toLowerCase());
    expect(audit.details.requests).toHaveLength(2);

    // another office sees nothing of it; a provider may not ask
    const stranger = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    const other = await stranger.client.get(`/api/v1/cases/${encodeURIComponent(caseRef)}`);
    expect(other.body).toMatchObject({ searches: 0, requests: 0, entries: [] });
    expect((await provider.client.get(`/api/v1/cases/${encodeURIComponent(caseRef)}`)).status).toBe(403);
  });
});
