import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, userClient, type Client, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type FacilityRow } from '../helpers/places';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { publishEvent, rooms } from '../../server/events';
import { replayEventRows, type EventRow } from '../../server/realtime/grouped-events';
import { changeUnit, makeServiceType } from './search-fixtures';

let t: TestContext;
let sink: SmtpSink;
let st: string;
let provider: OrgRow;
let facility: FacilityRow;
let owner: { client: Client; org: OrgRow; user: { id: string; email: string } };

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestContext({ jobs: true, env: { SMTP_URL: sink.url, SEARCH_DIGEST_MINUTES: '30' } });
  st = await makeServiceType(t.ctx.sql);
  provider = await makeOrg(t.ctx.sql, 'provider');
  facility = await makeFacility(t.ctx.sql, provider, { lat: 48.1374, lon: 11.5755, postcode: '80331', city: 'München' });
  owner = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const criteria = () => ({ serviceType: st, age: 12, reference: { postcode: '80331' }, radiusKm: 20 });
/** The events of a search's room as its clients receive them (a grouped row split into its searches' events). */
const eventsOf = async (searchId: string) =>
  replayEventRows(
    await t.ctx.sql<EventRow[]>`select seq, type, at, payload from events where rooms @> array[${'search:' + searchId}]::text[] order by seq`,
    ['search:' + searchId],
    0,
  ) as { seq: number; type: string; payload: Record<string, unknown> }[];

describe('open searches', () => {
  it('stores the criteria and the current match set, and answers with the first results', async () => {
    const u = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st] });
    const res = await owner.client.post('/api/v1/searches', { criteria: criteria() });
    expect(res.status).toBe(201);
    expect(res.body.search).toMatchObject({ status: 'open', matchCount: 1, room: `search:${res.body.search.id}`, ownerUserId: owner.user.id });
    expect(res.body.search.criteria).toMatchObject({ serviceType: st, age: 12 });
    expect(res.body.results.items.map((i: { unitId: string }) => i.unitId)).toEqual([u.id]);
    const hours = (Date.parse(res.body.search.expiresAt) - Date.parse(res.body.search.createdAt)) / 3_600_000;
    expect(Math.round(hours)).toBe(t.ctx.config.SEARCH_OPEN_HOURS);
    const list = await owner.client.get('/api/v1/searches');
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(res.body.search.id);
    // nothing that identifies a child is stored: only the criteria columns exist
    const cols = await t.ctx.sql`select column_name from information_schema.columns where table_name = 'open_searches'`;
    expect(cols.map((c) => c.columnName).filter((c) => /name|birth|address|case/.test(c as string))).toEqual([]);
  });

  it('announces added, changed and removed matches at commit of each provider change', async () => {
    const u = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], freePlaces: 0 });
    const s = (await owner.client.post('/api/v1/searches', { criteria: criteria() })).body.search;
    const before = (await eventsOf(s.id)).length;
    await changeUnit(t.ctx.sql, u.id, { freePlaces: 2 });
    await changeUnit(t.ctx.sql, u.id, { freePlaces: 1 });
    await changeUnit(t.ctx.sql, u.id, { description: 'nothing the search shows changed' }, 'attributes-changed');
    await changeUnit(t.ctx.sql, u.id, { ageMin: 14 }, 'attributes-changed');
    await changeUnit(t.ctx.sql, u.id, { ageMin: 14 }, 'attributes-changed'); // no difference for the search
    const evs = (await eventsOf(s.id)).slice(before);
    expect(evs.map((e) => e.type)).toEqual(['search:match-added', 'search:match-changed', 'search:match-changed', 'search:match-removed']);
    expect(evs[0].payload).toMatchObject({ searchId: s.id, unitId: u.id, freePlaces: 2, availablePlaces: 2, heldPlaces: 0 });
    expect(evs[1].payload).toMatchObject({ freePlaces: 1 });
    const one = await owner.client.get(`/api/v1/searches/${s.id}/results/${u.id}`);
    expect(one.status).toBe(404); // no longer matching
  });

  it('gives one explained result for an announced match', async () => {
    const s = (await owner.client.post('/api/v1/searches', { criteria: criteria() })).body.search;
    const u = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], freePlaces: 0 });
    await changeUnit(t.ctx.sql, u.id, { freePlaces: 3 });
    const one = await owner.client.get(`/api/v1/searches/${s.id}/results/${u.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ unitId: u.id, places: { freePlaces: 3 } });
    expect(one.body.match.reasons.map((r: { criterion: string }) => r.criterion)).toEqual(expect.arrayContaining(['serviceType', 'age', 'distance']));
    const page = await owner.client.get(`/api/v1/searches/${s.id}/results?sort=distance&perPage=5`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((i: { unitId: string }) => i.unitId)).toContain(u.id);
  });

  it('opens a search while a provider holds one of its units, without a deadlock and without losing the change', async () => {
    // matching already (1 free), so opening the search records a row for it while the provider holds it
    const u = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], freePlaces: 1 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // the provider's transaction: unit locked FOR UPDATE, changed, announced, not yet committed
    const providerTx = t.ctx.sql.begin(async (tx) => {
      await tx`select id from units where id = ${u.id} for update`;
      await tx`update units set free_places = 2, version = version + 1 where id = ${u.id}`;
      await publishEvent(tx, 'vacancy:changed', [rooms.org(provider.id)], { unitId: u.id, providerId: provider.id, freePlaces: 2, lastConfirmedAt: null, reason: 'free-changed' });
      await held;
    });
    await new Promise((r) => setTimeout(r, 100));
    // the search opens while the provider still holds the unit (it must not wait for it)
    const opened = await Promise.race([
      owner.client.post('/api/v1/searches', { criteria: criteria() }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('opening a search waited for the provider')), 5000)),
    ]).finally(() => release());
    await providerTx;
    expect(opened.status).toBe(201);
    const id = opened.body.search.id;
    // the first set saw 1 free place (the change was not committed); the change is announced after it
    expect(opened.body.results.items.find((i: { unitId: string }) => i.unitId === u.id).places.freePlaces).toBe(1);
    const evs = await eventsOf(id);
    expect(evs.map((e) => [e.type, e.payload.unitId, e.payload.freePlaces])).toEqual([['search:match-changed', u.id, 2]]);
    const [kept] = await t.ctx.sql`select free_places from search_matched(${u.id}) where search_id = ${id}`;
    expect(kept.freePlaces).toBe(2);
    expect(await t.ctx.sql`select * from search_rematch_retry where error like '%deadlock%'`).toEqual([]);
  });

  it("keeps another office's searches out of reach", async () => {
    const s = (await owner.client.post('/api/v1/searches', { criteria: criteria() })).body.search;
    const other = (await userClient(t.app, t.ctx.sql, 'office', 'office_admin')).client;
    expect((await other.get(`/api/v1/searches/${s.id}`)).status).toBe(404);
    expect((await other.get(`/api/v1/searches/${s.id}/results`)).status).toBe(404);
    expect((await other.post(`/api/v1/searches/${s.id}/close`)).status).toBe(404);
    expect((await other.get('/api/v1/searches?status=all')).body.items.map((x: { id: string }) => x.id)).not.toContain(s.id);
    // a colleague sees it but only its owner or the office admin closes it
    const colleague = (await userClient(t.app, t.ctx.sql, 'office', 'caseworker', owner.org)).client;
    expect((await colleague.get(`/api/v1/searches/${s.id}`)).status).toBe(200);
    expect((await colleague.post(`/api/v1/searches/${s.id}/close`)).status).toBe(403);
  });

  it('closes explicitly: status, no more matches, the room is told to reload', async () => {
    const u = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], freePlaces: 0 });
    const s = (await owner.client.post('/api/v1/searches', { criteria: criteria() })).body.search;
    const closed = await owner.client.post(`/api/v1/searches/${s.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', matchCount: 0 });
    expect((await owner.client.post(`/api/v1/searches/${s.id}/close`)).status).toBe(200);
    await changeUnit(t.ctx.sql, u.id, { freePlaces: 2 });
    const evs = await eventsOf(s.id);
    expect(evs.map((e) => e.type)).toEqual(['search:reload']);
    expect(evs[0].payload).toEqual({ searchId: s.id, reason: 'closed' });
    const list = await owner.client.get('/api/v1/searches?status=closed');
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(s.id);
  });

  it('closes by itself after the configured time (sweep job)', async () => {
    const s = (await owner.client.post('/api/v1/searches', { criteria: criteria(), expiresInHours: 1 })).body.search;
    expect(Date.parse(s.expiresAt) - Date.parse(s.createdAt)).toBeCloseTo(3_600_000, -4);
    await t.ctx.sql`update open_searches set created_at = now() - interval '2 hours', expires_at = now() - interval '1 second' where id = ${s.id}`;
    await t.ctx.jobs.run('search.sweep');
    const got = await owner.client.get(`/api/v1/searches/${s.id}`);
    expect(got.body.status).toBe('expired');
    expect((await eventsOf(s.id)).map((e) => e.type)).toEqual(['search:reload']);
  });

  it('sweeps out units whose figures aged past the limit without any event, and retries failed matches', async () => {
    const u = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], freePlaces: 1 });
    const s = (await owner.client.post('/api/v1/searches', { criteria: criteria() })).body.search;
    // no event: only time passed
    await t.ctx.sql`update units set last_confirmed_at = now() - interval '20 days' where id = ${u.id}`;
    await t.ctx.jobs.run('search.sweep');
    expect((await eventsOf(s.id)).map((e) => [e.type, e.payload.unitId])).toEqual([['search:match-removed', u.id]]);
    // a reverse match that failed at commit is recorded and done again by the sweep
    await t.ctx.sql`update units set last_confirmed_at = now() where id = ${u.id}`;
    const [ev] = await t.ctx.sql`insert into events (type, rooms, payload) values ('user:changed', ${['org:none']}, ${t.ctx.sql.json({ unitId: u.id })}) returning seq`;
    await t.ctx.sql`update events set type = 'vacancy:changed' where seq = ${ev.seq}`; // as if announced without matching
    await t.ctx.sql`insert into search_rematch_retry (event_seq, error) values (${ev.seq}, 'simulated')`;
    await t.ctx.jobs.run('search.sweep');
    expect((await eventsOf(s.id)).map((e) => e.type)).toEqual(['search:match-removed', 'search:match-added']);
    expect(await t.ctx.sql`select 1 from search_rematch_retry where event_seq = ${ev.seq}`).toEqual([]);
  });

  it('mails new matches to an owner who is not connected, throttled', async () => {
    const me = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    const s = (await me.client.post('/api/v1/searches', { criteria: criteria() })).body.search;
    const a = await makeUnit(t.ctx.sql, provider, facility, { name: 'Wohngruppe Isar', serviceTypes: [st], freePlaces: 0 });
    await changeUnit(t.ctx.sql, a.id, { freePlaces: 2 });
    await t.ctx.jobs.run('search.digest');
    const mail = await sink.waitFor((m) => m.to.includes(me.user.email));
    expect(mail.subject).toMatch(/1 neue passende Pl/);
    expect(mail.text).toContain('Wohngruppe Isar');
    expect(mail.text).toContain(`/searches/${s.id}`);
    // within SEARCH_DIGEST_MINUTES: no second mail, the new match waits
    const b = await makeUnit(t.ctx.sql, provider, facility, { name: 'Wohngruppe Würm', serviceTypes: [st], freePlaces: 0 });
    await changeUnit(t.ctx.sql, b.id, { freePlaces: 1 });
    await t.ctx.jobs.run('search.digest');
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.mails.filter((m) => m.to.includes(me.user.email))).toHaveLength(1);
    await t.ctx.sql`update search_digests set last_sent_at = now() - interval '31 minutes' where user_id = ${me.user.id}`;
    await t.ctx.jobs.run('search.digest');
    const second = await sink.waitFor((m) => m.to.includes(me.user.email) && m.text.includes('Wohngruppe Würm'));
    expect(second.text).not.toContain('Wohngruppe Isar');
  });

  it('does not mail an owner who is connected', async () => {
    const me = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    await t.ctx.sql`insert into search_presence (socket_id, user_id, node_id) values (${'test-' + me.user.id}, ${me.user.id}, 'test')`;
    await me.client.post('/api/v1/searches', { criteria: criteria() });
    const a = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], freePlaces: 0 });
    await changeUnit(t.ctx.sql, a.id, { freePlaces: 2 });
    await t.ctx.jobs.run('search.digest');
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.mails.filter((m) => m.to.includes(me.user.email))).toEqual([]);
  });
});
