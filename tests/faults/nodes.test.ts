import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../server/db';
import { makeUser } from '../helpers/factories';
import { makeUnit } from '../helpers/places';
import { createCluster, type Cluster } from './cluster';
import { committedSeqs, maxSeq, ownerDb, world } from './fixtures';
import { Balancer, Fleet, call, compare, load, loginAt, sleep, watch, type Session } from './harness';

/**
 * Nodes dying and deploys: kill -9 in the middle of a confirm and of an emergency request (the retry
 * on the other node with the same Idempotency-Key acts once), a rolling deploy of every node while
 * clients watch an open search (they reconnect by themselves and miss nothing), and a hold that
 * expires while every node is down (ended when a node is back).
 */
let cluster: Cluster;
let db: Sql;
let fleet: Fleet;
let w: Awaited<ReturnType<typeof world>>;
let office: Session;
let staff: Session;

beforeAll(async () => {
  cluster = await createCluster();
  db = ownerDb(cluster.url);
  fleet = new Fleet(cluster.url);
  await Promise.all([fleet.start('a'), fleet.start('b')]);
  w = await world(db, { freePlaces: 3 });
  office = await loginAt(fleet.url('a'), w.caseworker.email, w.password);
  staff = await loginAt(fleet.url('b'), w.staff.email, w.password);
});

afterAll(async () => {
  await fleet?.stopAll();
  await db?.end({ timeout: 1 }).catch(() => {});
  cluster?.destroy();
});

const unitRow = async (unitId = w.unit.id) => (await db`select free_places, held_places from units where id = ${unitId}`)[0];
const requestBody = (caseRef: string, unitId = w.unit.id) => ({ unitIds: [unitId], caseRef, childAge: 13, childGender: 'male', needs: [], desiredStart: new Date().toISOString().slice(0, 10), urgency: 'regular' });

async function acceptedRequest(caseRef: string): Promise<string> {
  const created = await call(fleet.url('b'), office, 'POST', '/api/v1/requests', requestBody(caseRef));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.items[0].id as string;
  expect((await call(fleet.url('b'), staff, 'POST', `/api/v1/requests/${id}/accept`, {})).status).toBe(200);
  return id;
}

describe('a node killed with SIGKILL in the middle of an action', () => {
  it('a confirm retried on the other node with the same Idempotency-Key records one placement', async () => {
    const id = await acceptedRequest('IO-KILL-1');
    const before = await unitRow();
    const key = `confirm-${Date.now()}-kill`;
    const first = call(fleet.url('a'), office, 'POST', `/api/v1/requests/${id}/confirm`, {}, { 'idempotency-key': key });
    await sleep(15);
    fleet.kill9('a');
    expect((await first).status).not.toBe(500);
    const retry = await call(fleet.url('b'), office, 'POST', `/api/v1/requests/${id}/confirm`, {}, { 'idempotency-key': key });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.status).toBe('confirmed');
    expect(await unitRow()).toEqual({ freePlaces: before.freePlaces - 1, heldPlaces: before.heldPlaces - 1 });
    await fleet.start('a');
  });

  it('an emergency request retried on the other node sends one group with one escalation and one escalation job', async () => {
    const key = `emergency-${Date.now()}-kill`;
    const body = { unitIds: [w.unit.id], caseRef: 'IO-KILL-2', childAge: 13, childGender: 'male' };
    const first = call(fleet.url('a'), office, 'POST', '/api/v1/emergency/requests', body, { 'idempotency-key': key });
    await sleep(15);
    fleet.kill9('a');
    expect((await first).status).not.toBe(500);
    const retry = await call(fleet.url('b'), office, 'POST', '/api/v1/emergency/requests', body, { 'idempotency-key': key });
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    const groups = await db`select distinct group_id from placement_requests where case_ref = 'IO-KILL-2'`;
    expect(groups.map((g) => g.groupId)).toEqual([retry.body.groupId]);
    expect(await db`select 1 from emergency_escalations where group_id = ${retry.body.groupId}`).toHaveLength(1);
    expect(await db`select 1 from pgboss.job where name = 'requests.escalate' and data->>'groupId' = ${retry.body.groupId}`).toHaveLength(1);
    await fleet.start('a');
    expect(fleet.unexpectedExits).toEqual([]);
  });
});

describe('a rolling deploy: every node stopped with SIGTERM, one after another', () => {
  it('clients watching an open search reconnect by themselves to another node and miss or repeat nothing', async () => {
    const lb = new Balancer();
    const url = await lb.start();
    lb.setNodes([fleet.url('a'), fleet.url('b')]);
    try {
      // a unit the search matches whenever it has a free place
      await db`update units set free_places = 0, held_places = 0 where id = ${w.unit.id}`;
      const opened = await call(url, office, 'POST', '/api/v1/searches', { criteria: { serviceType: '34', age: 13, reference: { postcode: '50667' }, radiusKm: 20 } });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const searchId = opened.body.search.id as string;
      const colleague = await loginAt(url, (await makeUser(db, w.office, 'caseworker')).email, w.password);
      const watchers = [watch(url, office), watch(url, colleague), watch(url, office)];
      await Promise.all(watchers.map((x) => x.online()));
      expect(await watchers[1].client.joinSearch(searchId)).toMatchObject({ searchId });
      const since = await maxSeq(db);
      let free = 0;
      const writer = load(1, () => call(url, staff, 'POST', `/api/v1/units/${w.unit.id}/availability`, { freePlaces: (free = 1 - free) }));
      await sleep(1000);
      for (const [old, next] of [['a', 'a2'], ['b', 'b2']]) {
        lb.setNodes([...fleet.nodes.keys()].filter((n) => n !== old).map((n) => fleet.url(n))); // the balancer saw /readyz go 503
        await fleet.sigterm(old);
        await fleet.start(next);
        lb.setNodes([...fleet.nodes.keys()].map((n) => fleet.url(n)));
        await sleep(1000);
      }
      const written = await writer.stop();
      expect(written.filter((a) => a.status === 200).length, JSON.stringify(written.slice(0, 4))).toBeGreaterThan(5);
      await sleep(2500);
      const committed = await committedSeqs(db, `search:${searchId}`, since);
      expect(committed.length).toBeGreaterThan(5);
      for (const x of watchers) {
        const mine = x.events.filter((e) => e.seq > since && (e.payload as { searchId?: string }).searchId === searchId);
        expect(compare(mine, committed)).toEqual({ repeated: [], missed: [], unexpected: [] });
        expect(x.statuses).not.toContain('reload');
        expect(x.statuses.filter((s) => s === 'offline').length).toBeGreaterThanOrEqual(1); // they did lose their node
        x.close();
      }
      expect(fleet.unexpectedExits).toEqual([]);
    } finally {
      await lb.stop();
    }
  });
});

describe('every node down while a hold expires', () => {
  it('the hold ends and the place is free again once a node is back', async () => {
    await fleet.stopAll();
    await fleet.start('h', { HOLD_HOURS_REGULAR: '0.0015' }); // 5.4 s
    office = await loginAt(fleet.url('h'), w.caseworker.email, w.password);
    const unit = await makeUnit(db, w.provider, w.facility, { freePlaces: 2, capacityTotal: 8 });
    const created = await call(fleet.url('h'), office, 'POST', '/api/v1/requests', requestBody('IO-HOLD-1', unit.id));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.items[0].id as string;
    expect((await call(fleet.url('h'), staff, 'POST', `/api/v1/requests/${id}/accept`, {})).status).toBe(200);
    expect(await unitRow(unit.id)).toEqual({ freePlaces: 2, heldPlaces: 1 });
    await fleet.stopAll();
    await sleep(6500); // the hold's deadline passes with no node running
    await fleet.start('h2');
    await expect.poll(async () => (await db`select status from placement_requests where id = ${id}`)[0].status, { timeout: 15_000, interval: 250 }).toBe('expired');
    expect(await unitRow(unit.id)).toEqual({ freePlaces: 2, heldPlaces: 0 });
  });
});
