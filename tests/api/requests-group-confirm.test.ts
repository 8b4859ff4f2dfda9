import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';
import { login, makeOrg, makeUser } from '../helpers/factories';
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

const GROUPS = 4;
const HOLDS = 3;

/** One office's request group of HOLDS units (of one provider), every request accepted: HOLDS holds for one child. */
async function heldGroup() {
  const provider = await makeOrg(a.ctx.sql, 'provider');
  const facility = await makeFacility(a.ctx.sql, provider);
  const units = [];
  for (let i = 0; i < HOLDS; i++) units.push(await makeUnit(a.ctx.sql, provider, facility, { freePlaces: 2, capacityTotal: 4 }));
  const staff = await login(a.http, await makeUser(a.ctx.sql, provider, 'provider_staff'));
  const caseworker = await makeUser(a.ctx.sql, await makeOrg(a.ctx.sql, 'office'), 'caseworker');
  const office = [await login(a.http, caseworker), await login(b.http, caseworker)];
  const r = await office[0].post('/api/v1/requests', {
    unitIds: units.map((u) => u.id), caseRef: 'G-1', childAge: 12, childGender: 'male', desiredStart: '2026-12-01', urgency: 'regular',
  });
  expect(r.status).toBe(201);
  const ids: string[] = r.body.items.map((i: { id: string }) => i.id);
  for (const id of ids) expect((await staff.post(`/api/v1/requests/${id}/accept`, {})).status).toBe(200);
  return { units, ids, office };
}

describe('confirming several holds of one request group at once', () => {
  it('one placement per group; the other confirms are refused as withdrawn, without a deadlock and with every place freed', async () => {
    const groups = [];
    for (let g = 0; g < GROUPS; g++) groups.push(await heldGroup());
    // every hold of every group confirmed at the same moment, alternating between the nodes
    const answers = await Promise.all(groups.map((g) => Promise.all(g.ids.map((id, i) => g.office[i % 2].post(`/api/v1/requests/${id}/confirm`)))));
    for (const [g, group] of groups.entries()) {
      const statuses = answers[g].map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(HOLDS - 1);
      // refused because the child is placed (the request was withdrawn), not because two
      // transactions waited on each other (a deadlock answers "changed at the same moment")
      for (const r of answers[g].filter((x) => x.status === 409)) expect(r.body.error.message).toMatch(/withdrawn/);
      const rows = await a.ctx.sql`select r.status, u.free_places, u.held_places from placement_requests r join units u on u.id = r.unit_id
        where r.id = any(${group.ids}::uuid[])`;
      expect(rows.map((x) => x.status).toSorted()).toEqual(['confirmed', ...Array(HOLDS - 1).fill('withdrawn')]);
      for (const x of rows) expect({ free: x.freePlaces, held: x.heldPlaces }).toEqual({ free: x.status === 'confirmed' ? 1 : 2, held: 0 });
    }
  });

  it('two groups holding places in the same two units, each confirmed in a different unit at once: both placed, no deadlock', async () => {
    const pairs = [];
    for (let p = 0; p < GROUPS; p++) {
      const provider = await makeOrg(a.ctx.sql, 'provider');
      const facility = await makeFacility(a.ctx.sql, provider);
      const units = [await makeUnit(a.ctx.sql, provider, facility, { freePlaces: 2, capacityTotal: 4 }), await makeUnit(a.ctx.sql, provider, facility, { freePlaces: 2, capacityTotal: 4 })];
      const staff = await login(a.http, await makeUser(a.ctx.sql, provider, 'provider_staff'));
      const holds: string[] = [];
      for (const [i, node] of [a, b].entries()) {
        const office = await login(node.http, await makeUser(a.ctx.sql, await makeOrg(a.ctx.sql, 'office'), 'caseworker'));
        const r = await office.post('/api/v1/requests', { unitIds: units.map((u) => u.id), caseRef: 'P-1', childAge: 12, childGender: 'male', desiredStart: '2026-12-01', urgency: 'regular' });
        expect(r.status).toBe(201);
        for (const item of r.body.items) expect((await staff.post(`/api/v1/requests/${item.id}/accept`, {})).status).toBe(200);
        // the first office confirms its hold in the first unit, the second in the second: each
        // confirm takes one unit's place and frees the other unit's
        holds.push(r.body.items.find((x: { unitId: string }) => x.unitId === units[i].id).id);
        pairs.push({ office, id: holds[i] });
      }
    }
    const answers = await Promise.all(pairs.map((p) => p.office.post(`/api/v1/requests/${p.id}/confirm`)));
    expect(answers.map((r) => r.status)).toEqual(pairs.map(() => 200));
    const [n] = await a.ctx.sql`select count(*)::int as n from placement_requests where id = any(${pairs.map((p) => p.id)}::uuid[]) and status = 'confirmed'`;
    expect(n.n).toBe(pairs.length);
  });
});
