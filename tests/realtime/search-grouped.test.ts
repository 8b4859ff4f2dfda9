import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, SearchJoinResult, SocketAck, SyncResult } from '../../shared/events';
import type { RunningServer } from '../../server/index';
import { changeUnit, makeServiceType } from '../api/search-fixtures';
import { createTestContext, startTestServer, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, type Client, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type FacilityRow } from '../helpers/places';
import { connect, nextEvent, syncSince, type TestSocket } from '../helpers/sockets';

/**
 * A unit's change is stored as one events row per type for all the searches it concerns and split
 * back on the nodes (server/realtime/grouped-events.ts): every search's client receives exactly
 * the event a row of its own used to be, live and replayed, on every node.
 */
let t: TestContext;
let a: RunningServer;
let b: RunningServer;
let st: string;
let provider: OrgRow;
let facility: FacilityRow;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await createTestContext();
  [a, b] = [await startTestServer(), await startTestServer()];
  st = await makeServiceType(t.ctx.sql);
  provider = await makeOrg(t.ctx.sql, 'provider');
  facility = await makeFacility(t.ctx.sql, provider, { lat: 51.0509, lon: 13.7383, postcode: '01067', city: 'Dresden' });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await a?.stop();
  await b?.stop();
  await t.close();
});

async function socketFor(client: Client, srv: RunningServer): Promise<TestSocket> {
  const s = await connect(srv.url, client.cookie);
  sockets.push(s);
  return s;
}

async function openSearch(c: Client, age: number): Promise<string> {
  const res = await c.post('/api/v1/searches', { criteria: { serviceType: st, age, reference: { postcode: '01067' }, radiusKm: 15 } });
  expect(res.status).toBe(201);
  return res.body.search.id as string;
}

const join = (s: TestSocket, searchId: string, since?: number) =>
  new Promise<SocketAck<SearchJoinResult>>((resolve) => s.emit('search:join', { searchId, ...(since !== undefined ? { since } : {}) }, resolve));

/** The unit's events a socket receives until `until` resolves, and a little after (room for duplicates). */
async function eventsOfUnit(s: TestSocket, unitId: string, until: Promise<unknown>): Promise<EventEnvelope[]> {
  const got: EventEnvelope[] = [];
  const on = (e: EventEnvelope) => (e.payload as { unitId?: string }).unitId === unitId && e.type.startsWith('search:') && got.push(e);
  s.on('event', on);
  await until;
  await new Promise((r) => setTimeout(r, 400));
  s.off('event', on);
  return got;
}

const bySearch = (events: EventEnvelope[]) =>
  Object.fromEntries(events.map((e) => [(e.payload as { searchId: string }).searchId, e]));

describe('search events grouped per unit change', () => {
  it('splits one change back into each search’s own event: added, removed and changed mixed, two rooms on one socket, a room on another node, replays', async () => {
    const office = await makeOrg(t.ctx.sql, 'office');
    const owner = await login(a.http, await makeUser(t.ctx.sql, office, 'caseworker'));
    const colleague = await login(b.http, await makeUser(t.ctx.sql, office, 'caseworker'));
    // the unit takes ages 6-12; its change to 4-11 adds it to the 5-year-old's search, removes it
    // from the 12-year-old's and changes it for the 9-year-old's
    const unit = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], ageMin: 6, ageMax: 12, freePlaces: 1 });
    await changeUnit(t.ctx.sql, unit.id, { freePlaces: 2 }); // an event before: a position other than 0 ("fresh client")
    // two searches per type: one row holds two searches' events, both heard by the owner's socket
    const [young, young2] = [await openSearch(owner, 5), await openSearch(owner, 5)];
    const [old, old2] = [await openSearch(owner, 12), await openSearch(owner, 12)];
    const [mid, mid2] = [await openSearch(owner, 9), await openSearch(owner, 9)];
    const onA = await socketFor(owner, a); // in the rooms of all six, as their owner
    const onB = await socketFor(colleague, b); // another node, in one 12-year-old's room only
    expect(await join(onB, old)).toMatchObject({ status: 'open' });
    const besideA = await socketFor(colleague, a); // the owner's node, in that room only as well
    expect(await join(besideA, old)).toMatchObject({ status: 'open' });
    const [{ max: before }] = await t.ctx.sql<{ max: number }[]>`select coalesce(max(seq), 0)::bigint as max from events`;
    expect(before).toBeGreaterThan(0);

    let heard = 0;
    const lastOnA = nextEvent(onA, (e) => (e.payload as { unitId?: string }).unitId === unit.id && e.type.startsWith('search:') && ++heard === 6);
    const lastOnB = nextEvent(onB, (e) => e.type === 'search:match-removed' && (e.payload as { unitId: string }).unitId === unit.id);
    const seenA = eventsOfUnit(onA, unit.id, lastOnA);
    const seenB = eventsOfUnit(onB, unit.id, lastOnB);
    const seenBeside = eventsOfUnit(besideA, unit.id, nextEvent(besideA, (e) => e.type === 'search:match-removed' && (e.payload as { unitId: string }).unitId === unit.id));
    await changeUnit(t.ctx.sql, unit.id, { ageMin: 4, ageMax: 11 }, 'attributes-changed');
    const live = await seenA;

    // one row per type holds its two searches' events
    const rows = await t.ctx.sql`select type, rooms from events where seq > ${before} and type like 'search:match-%' and payload->>'unitId' = ${unit.id}`;
    expect(rows.map((r) => [r.type, r.rooms.length]).sort()).toEqual([['search:match-added', 2], ['search:match-changed', 2], ['search:match-removed', 2]]);

    // each search's own event, once, with a number of its own
    expect(live).toHaveLength(6);
    expect(new Set(live.map((e) => e.seq)).size).toBe(6);
    expect(live.map((e) => e.seq)).toEqual([...live.map((e) => e.seq)].sort((x, y) => x - y));
    const got = bySearch(live);
    for (const id of [young, young2]) expect(got[id].type).toBe('search:match-added');
    for (const id of [old, old2]) expect(got[id].type).toBe('search:match-removed');
    for (const id of [mid, mid2]) expect(got[id].type).toBe('search:match-changed');
    for (const id of [old, old2]) expect(got[id].payload).toEqual({ searchId: id, unitId: unit.id });
    for (const id of [young, young2, mid, mid2]) {
      expect(got[id].payload).toEqual({
        searchId: id, unitId: unit.id, unitName: 'Wohngruppe Test', providerName: provider.name,
        freePlaces: 2, heldPlaces: 0, availablePlaces: 2, availableFrom: expect.any(String), lastConfirmedAt: expect.any(String),
        distanceKm: expect.any(Number),
      });
    }

    // the other node delivers its room's event only, the same event
    expect(await seenB).toEqual([got[old]]);
    // and beside sockets in both rooms of the row, one in one of them hears that one only
    expect(await seenBeside).toEqual([got[old]]);

    // a reconnecting client replays each search's event once, exactly as delivered live
    const again = await socketFor(owner, a);
    const replay = (await syncSince(again, before)) as SyncResult;
    const replayed = replay.events.filter((e) => (e.payload as { unitId?: string }).unitId === unit.id);
    expect(replayed).toEqual(live);
    // from the first of them on: the other two only
    const fromFirst = (await syncSince(again, live[0].seq)) as SyncResult;
    expect(fromFirst.events.filter((e) => (e.payload as { unitId?: string }).unitId === unit.id)).toEqual(live.slice(1));
    // a room joined with its position replays that room's event only
    const viaJoin = (await join(onB, old, before)) as SearchJoinResult;
    expect(viaJoin.events.filter((e) => (e.payload as { unitId?: string }).unitId === unit.id)).toEqual([got[old]]);
    // the colleague's own replay holds nothing of the owner's other searches
    const colleagueReplay = (await syncSince(onB, before)) as SyncResult;
    expect(colleagueReplay.events.filter((e) => (e.payload as { unitId?: string }).unitId === unit.id)).toEqual([got[old]]);
  });

  it('a sync counts events, not rows: past the limit a client gets at most 1,000 events and is told to reload', async () => {
    const office = await makeOrg(t.ctx.sql, 'office');
    const owner = await login(a.http, await makeUser(t.ctx.sql, office, 'caseworker'));
    const [s1, s2] = [await openSearch(owner, 7), await openSearch(owner, 8)];
    const s = await socketFor(owner, a);
    for (const id of [s1, s2]) expect(await join(s, id)).toMatchObject({ searchId: id, status: 'open' });
    const [{ since }] = await t.ctx.sql<{ since: number }[]>`select coalesce(max(seq), 0)::int as since from events`;
    // 600 rows (within the row limit) with both searches' events: 1,200 events for this socket
    const unitId = (await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], ageMin: 6, ageMax: 9, freePlaces: 1 })).id;
    await t.ctx.sql`
      with n as (select g, nextval('events_seq_seq') as a, nextval('events_seq_seq') as b from generate_series(1, 600) g)
      insert into events (seq, type, rooms, payload) overriding system value
      select n.b, 'search:match-removed', array['search:' || ${s1}, 'search:' || ${s2}],
        jsonb_build_object('unitId', ${unitId}::text, 'searches', jsonb_build_array(jsonb_build_array(n.a, ${s1}::text), jsonb_build_array(n.b, ${s2}::text)))
      from n order by g`;
    const r = await syncSince(s, since);
    if (!('events' in r)) throw new Error('sync refused');
    expect(r.events.length).toBe(1000);
    expect(r.complete).toBe(false);
    expect(r.lastSeq).toBe(Math.max(...r.events.map((e) => e.seq)));
    expect(new Set(r.events.map((e) => e.seq)).size).toBe(1000);
  });
});
