import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, SearchJoinResult, SocketAck } from '../../shared/events';
import type { RunningServer } from '../../server/index';
import { changeUnit, makeServiceType } from '../api/search-fixtures';
import { createTestContext, startTestServer, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, type Client, type OrgRow, type UserRow } from '../helpers/factories';
import { makeFacility, makeUnit, type FacilityRow } from '../helpers/places';
import { connect, nextEvent, syncSince, type TestSocket } from '../helpers/sockets';

let t: TestContext; // the database, independent of any server's life
let server: RunningServer;
let st: string;
let provider: OrgRow;
let facility: FacilityRow;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await createTestContext();
  server = await startTestServer();
  st = await makeServiceType(t.ctx.sql);
  provider = await makeOrg(t.ctx.sql, 'provider');
  facility = await makeFacility(t.ctx.sql, provider, { lat: 51.0509, lon: 13.7383, postcode: '01067', city: 'Dresden' });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
  await t.close();
});

const criteria = () => ({ serviceType: st, age: 9, reference: { postcode: '01067' }, radiusKm: 15 });

async function officeUser(org?: OrgRow, srv: RunningServer = server) {
  const office = org ?? (await makeOrg(t.ctx.sql, 'office'));
  const user = await makeUser(t.ctx.sql, office, 'caseworker');
  return { org: office, user, client: await login(srv.http, user) };
}

async function socketFor(client: Client, srv: RunningServer = server): Promise<TestSocket> {
  const s = await connect(srv.url, client.cookie);
  sockets.push(s);
  return s;
}

const join = (s: TestSocket, searchId: string, since?: number) =>
  new Promise<SocketAck<SearchJoinResult>>((resolve) => s.emit('search:join', { searchId, ...(since !== undefined ? { since } : {}) }, resolve));

/** Every event a socket receives from now on, until `stop()`. */
function record(s: TestSocket) {
  const got: EventEnvelope[] = [];
  const on = (e: EventEnvelope) => got.push(e);
  s.on('event', on);
  return {
    got,
    async stop(settleMs = 500) {
      await new Promise((r) => setTimeout(r, settleMs)); // room for a duplicate to show up
      s.off('event', on);
      return got;
    },
  };
}

const ofSearch = (id: string) => (e: EventEnvelope) => e.type.startsWith('search:') && (e.payload as { searchId: string }).searchId === id;

async function openSearch(c: Client) {
  const res = await c.post('/api/v1/searches', { criteria: criteria() });
  expect(res.status).toBe(201);
  return res.body as { search: { id: string }; results: { lastSeq: number } };
}

describe('open searches, live', () => {
  it('pushes match-added, -changed and -removed to the search room, once each, with their sequence numbers', async () => {
    const me = await officeUser();
    const { search } = await openSearch(me.client);
    const socket = await socketFor(me.client); // joins the rooms of its user's open searches by itself
    const unit = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], ageMin: 6, ageMax: 12, freePlaces: 0 });
    const all = record(socket);
    const added = nextEvent(socket, (e) => e.type === 'search:match-added' && ofSearch(search.id)(e));
    await changeUnit(t.ctx.sql, unit.id, { freePlaces: 2 });
    expect((await added).payload).toMatchObject({ searchId: search.id, unitId: unit.id, freePlaces: 2, availablePlaces: 2, heldPlaces: 0 });
    const changed = nextEvent(socket, (e) => e.type === 'search:match-changed' && ofSearch(search.id)(e));
    await changeUnit(t.ctx.sql, unit.id, { freePlaces: 1 });
    expect((await changed).payload).toMatchObject({ unitId: unit.id, freePlaces: 1 });
    const removed = nextEvent(socket, (e) => e.type === 'search:match-removed' && ofSearch(search.id)(e));
    await changeUnit(t.ctx.sql, unit.id, { freePlaces: 0 });
    expect((await removed).payload).toEqual({ searchId: search.id, unitId: unit.id });
    const mine = (await all.stop()).filter(ofSearch(search.id));
    expect(mine.map((e) => e.type)).toEqual(['search:match-added', 'search:match-changed', 'search:match-removed']);
    expect(mine.map((e) => e.seq)).toEqual([...mine.map((e) => e.seq)].sort((a, b) => a - b));
    expect(new Set(mine.map((e) => e.seq)).size).toBe(3);
  });

  it("lets colleagues join a search room, but not another office's caseworker", async () => {
    const me = await officeUser();
    const { search, results } = await openSearch(me.client);
    const colleague = await officeUser(me.org);
    const stranger = await officeUser();
    const cs = await socketFor(colleague.client);
    const ss = await socketFor(stranger.client);
    const joined = await join(cs, search.id, results.lastSeq);
    expect(joined).toMatchObject({ searchId: search.id, status: 'open', complete: true, events: [] });
    const notFound = { error: { code: 'NOT_FOUND', message: 'Search not found' } };
    expect(await join(ss, search.id)).toEqual(notFound);
    expect(await join(ss, '00000000-0000-4000-8000-000000000000')).toEqual(notFound);
    const strangerSaw = record(ss);
    const got = nextEvent(cs, (e) => e.type === 'search:match-added' && ofSearch(search.id)(e));
    const unit = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], ageMin: 6, ageMax: 12, freePlaces: 0 });
    await changeUnit(t.ctx.sql, unit.id, { freePlaces: 1 });
    const ev = await got;
    expect((await strangerSaw.stop()).filter(ofSearch(search.id))).toEqual([]);
    // nor can the stranger replay it
    const replay = await syncSince(ss, ev.seq - 1);
    expect('events' in replay && replay.events.filter(ofSearch(search.id))).toEqual([]);
    // and the stranger cannot read it over HTTP either
    expect((await stranger.client.get(`/api/v1/searches/${search.id}/results`)).status).toBe(404);
  });

  it('replays what a client missed while the server was down, in order, once', async () => {
    const own = await startTestServer();
    let restarted: RunningServer | undefined;
    try {
      const me = await officeUser(undefined, own);
      const { search } = await openSearch(me.client);
      const unit = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], ageMin: 6, ageMax: 12, freePlaces: 0 });
      const s1 = await connect(own.url, me.client.cookie);
      sockets.push(s1);
      const first = nextEvent(s1, (e) => e.type === 'search:match-added' && ofSearch(search.id)(e));
      await changeUnit(t.ctx.sql, unit.id, { freePlaces: 1 });
      const last = (await first).seq;
      s1.close();
      await own.stop();
      // changes committed while no server runs: matching happens at their commit all the same
      await changeUnit(t.ctx.sql, unit.id, { freePlaces: 2 });
      await changeUnit(t.ctx.sql, unit.id, { freePlaces: 3 });
      await changeUnit(t.ctx.sql, unit.id, { freePlaces: 0 });
      restarted = await startTestServer();
      const s2 = await connect(restarted.url, me.client.cookie); // the session survived the restart
      sockets.push(s2);
      const live = record(s2);
      const replay = await syncSince(s2, last);
      expect('events' in replay).toBe(true);
      const missed = (replay as { events: EventEnvelope[] }).events.filter(ofSearch(search.id));
      expect(missed.map((e) => e.type)).toEqual(['search:match-changed', 'search:match-changed', 'search:match-removed']);
      expect(missed.map((e) => (e.payload as { freePlaces?: number }).freePlaces)).toEqual([2, 3, undefined]);
      expect(missed.every((e) => e.seq > last)).toBe(true);
      expect((await live.stop()).filter(ofSearch(search.id))).toEqual([]); // not delivered a second time
      // a room joined later replays the same from its own sequence number
      const viaJoin = (await join(s2, search.id, last)) as SearchJoinResult;
      expect(viaJoin.events.map((e) => e.seq)).toEqual(missed.map((e) => e.seq));
    } finally {
      await own.stop().catch(() => {});
      await restarted?.stop();
    }
  });

  it('delivers across two server processes on one database, exactly once per client', async () => {
    const a = await startTestServer();
    const b = await startTestServer();
    try {
      const me = await officeUser(undefined, a);
      const colleague = await officeUser(me.org, b);
      const { search, results } = await openSearch(me.client);
      const onA = await socketFor(me.client, a);
      const onB = await socketFor(colleague.client, b);
      expect(await join(onB, search.id, results.lastSeq)).toMatchObject({ status: 'open' });
      const unit = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], ageMin: 6, ageMax: 12, freePlaces: 0 });
      const seenA = record(onA);
      const seenB = record(onB);
      const arrivedB = nextEvent(onB, (e) => e.type === 'search:match-added' && ofSearch(search.id)(e), 10_000);
      const arrivedA = nextEvent(onA, (e) => e.type === 'search:match-added' && ofSearch(search.id)(e), 10_000);
      // the change is committed through node A's own connection pool
      await changeUnit(a.ctx.sql, unit.id, { freePlaces: 2 });
      await Promise.all([arrivedA, arrivedB]);
      const [ea, eb] = [(await seenA.stop()).filter(ofSearch(search.id)), (await seenB.stop()).filter(ofSearch(search.id))];
      expect(ea.map((e) => e.type)).toEqual(['search:match-added']);
      expect(eb.map((e) => e.seq)).toEqual(ea.map((e) => e.seq));
      // closing through node B reaches the owner on node A
      const reload = nextEvent(onA, (e) => e.type === 'search:reload' && ofSearch(search.id)(e));
      const close = await (await login(b.http, me.user as UserRow)).post(`/api/v1/searches/${search.id}/close`);
      expect(close.status).toBe(200);
      expect((await reload).payload).toEqual({ searchId: search.id, reason: 'closed' });
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
