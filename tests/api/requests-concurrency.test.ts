import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';
import { login, makeOrg, makeUser, type Client } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// two app nodes (separate servers and connection pools) on one database
let a: RunningServer;
let b: RunningServer;
beforeAll(async () => {
  a = await startTestServer();
  b = await startTestServer();
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

describe('the last free place under concurrency, across two nodes', () => {
  it('ten offices race for one place: one hold, nine clear refusals, no server error', async () => {
    const provider = await makeOrg(a.ctx.sql, 'provider');
    const unit = await makeUnit(a.ctx.sql, provider, await makeFacility(a.ctx.sql, provider), { freePlaces: 1, capacityTotal: 4 });
    const staffUser = await makeUser(a.ctx.sql, provider, 'provider_staff');
    const staff = [await login(a.http, staffUser), await login(b.http, staffUser)];
    const ids: string[] = [];
    const offices: Client[] = [];
    for (let i = 0; i < 10; i++) {
      const org = await makeOrg(a.ctx.sql, 'office');
      const c = await login(i % 2 ? b.http : a.http, await makeUser(a.ctx.sql, org, 'caseworker'));
      offices.push(c);
      const r = await c.post('/api/v1/requests', { unitIds: [unit.id], caseRef: `R-${i}`, childAge: 12, childGender: 'male', desiredStart: '2026-12-01', urgency: 'regular' });
      expect(r.status).toBe(201);
      ids.push(r.body.items[0].id);
    }
    const accepts = await Promise.all(ids.map((id, i) => staff[i % 2].post(`/api/v1/requests/${id}/accept`, {})));
    expect(accepts.filter((r) => r.status === 200)).toHaveLength(1);
    expect(accepts.filter((r) => r.status === 409)).toHaveLength(9);
    const confirms = await Promise.all(ids.map((id, i) => offices[i].post(`/api/v1/requests/${id}/confirm`)));
    expect(confirms.filter((r) => r.status === 200)).toHaveLength(1);
    expect(confirms.every((r) => r.status < 500)).toBe(true);
    const [u] = await a.ctx.sql`select free_places, held_places from units where id = ${unit.id}`;
    expect(u).toEqual({ freePlaces: 0, heldPlaces: 0 });
    const [n] = await a.ctx.sql`select count(*)::int as n from placement_requests where unit_id = ${unit.id} and status = 'confirmed'`;
    expect(n.n).toBe(1);
  });
});
