import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, makeUser, userClient, type Client } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { makeServiceType } from './search-fixtures';

let t: TestContext;
let sink: SmtpSink;
let cw: Client;
let st: string;
// a quiet corner (Rothenburg ob der Tauber): more than EMERGENCY_MAX_KM (100 km) from every other
// test's point, so no other test's emergency units join these lists (Rügen was 25 km from the
// escalation test's child in Stralsund, and each test broke the other's list now and then)
const AT = { lat: 49.38, lon: 10.18 };
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestContext({ jobs: true, env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://heimplatz.test' } });
  st = await makeServiceType(t.ctx.sql);
  cw = (await userClient(t.app, t.ctx.sql, 'office', 'caseworker')).client;
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const HOUR = 3_600_000;
// a pause's last day is a calendar day in Germany (as the server counts it): after 23:00 UTC the
// German date is already the next one
const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });
const day = (offset: number) => berlinDay.format(new Date(Date.now() + offset * 86_400_000));

async function provider() {
  const p = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const f = await makeFacility(t.ctx.sql, p.org, AT);
  const unit = (o: Parameters<typeof makeUnit>[3] = {}) =>
    makeUnit(t.ctx.sql, p.org, f, { serviceTypes: [st], ageMin: 6, ageMax: 17, emergencyIntake: true, emergencyPhone: '038 123456', lat: AT.lat, lon: AT.lon, ...o });
  return { ...p, unit };
}

const search = async (criteria: object = {}) =>
  (await cw.post('/api/v1/search', { criteria: { serviceType: st, age: 12, reference: AT, ...criteria }, perPage: 200 })).body;
const emergency = async () => (await cw.get(`/api/v1/emergency/units?age=12&gender=female&lat=${AT.lat}&lon=${AT.lon}&limit=50`)).body.items as { unitId: string; availablePlaces: number; admittablePlaces: number | null }[];
const reasons = async (unitId: string) =>
  (await t.ctx.sql`select payload->>'reason' as reason from events where payload->>'unitId' = ${unitId} order by seq`).map((r) => r.reason);

describe('Aufnahmestopp: an honest pause', () => {
  it('one call pauses with a reason and a date; results list it apart as paused (not stale, not 0 free); a filter hides it; no requests, no emergency', async () => {
    const p = await provider();
    const paused = await p.unit({ name: 'Pausiert', freePlaces: 2, lastConfirmedAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    const open = await p.unit({ name: 'Offen', freePlaces: 1 });
    const res = await p.client.post(`/api/v1/units/${paused.id}/pause`, { reason: 'staff-shortage', until: day(5), note: 'Krankheitswelle' });
    expect(res.status).toBe(200);
    expect(res.body.pause).toMatchObject({ reason: 'staff-shortage', until: day(5), note: 'Krankheitswelle' });
    // a month unconfirmed, but paused: not stale
    expect(res.body.freshness).toBe('fresh');
    expect(await reasons(paused.id)).toContain('paused');

    const page = await search();
    expect(page.items.map((r: { unitId: string }) => r.unitId)).toEqual([open.id]);
    expect(page.paused.map((r: { unitId: string }) => r.unitId)).toEqual([paused.id]);
    const shown = page.paused[0];
    expect(shown.places).toMatchObject({ pause: { reason: 'staff-shortage', until: day(5) }, availablePlaces: 0, freshness: 'fresh' });
    expect(shown.match.reasons.find((m: { criterion: string }) => m.criterion === 'availability').actual).toBe(`paused until ${day(5)}`);
    const filtered = await search({ includePaused: false });
    expect(filtered.items.map((r: { unitId: string }) => r.unitId)).toEqual([open.id]);
    expect(filtered.paused).toEqual([]);

    expect((await emergency()).map((u) => u.unitId)).toEqual([open.id]);
    const req = await cw.post('/api/v1/requests', { unitIds: [paused.id], caseRef: 'AZ-1', childAge: 12, childGender: 'female', desiredStart: day(1), urgency: 'regular' });
    expect(req.status).toBe(400);

    // the freshness job does not remind about a paused unit
    await t.ctx.jobs.run('freshness.check', { ownerId: p.org.id });
    expect(sink.mails.filter((m) => m.to.includes(p.user.email))).toHaveLength(0);
  });

  it('refuses a bad reason, a past or too distant date, and a unit without places', async () => {
    const p = await provider();
    const u = await p.unit();
    expect((await p.client.post(`/api/v1/units/${u.id}/pause`, { reason: 'holiday', until: day(3) })).status).toBe(400);
    const past = await p.client.post(`/api/v1/units/${u.id}/pause`, { reason: 'other', until: day(-1) });
    expect(past.status).toBe(400);
    expect(past.body.error.details.issues[0].path).toBe('body.until');
    expect((await p.client.post(`/api/v1/units/${u.id}/pause`, { reason: 'other', until: day(200) })).status).toBe(400);
    const other = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    expect((await other.client.post(`/api/v1/units/${u.id}/pause`, { reason: 'other', until: day(3) })).status).toBe(404);
    // the database refuses half a pause
    await expect(t.ctx.sql`update units set paused_reason = 'other' where id = ${u.id}`).rejects.toThrow(/units_pause_complete/);
  });

  it('ends by itself after its last day (the job), is announced, and the provider is asked to confirm; ending early works too', async () => {
    const p = await provider();
    const admin = await makeUser(t.ctx.sql, p.org, 'provider_admin');
    const u = await p.unit({ name: 'Renoviert', freePlaces: 1 });
    const v = await p.unit({ name: 'Früher zurück', freePlaces: 1 });
    await p.client.post(`/api/v1/units/${u.id}/pause`, { reason: 'renovation', until: day(1) });
    await p.client.post(`/api/v1/units/${v.id}/pause`, { reason: 'group-crisis', until: day(10) });

    t.ctx.clock = () => new Date(Date.now() + 24 * HOUR);
    await t.ctx.jobs.run('freshness.check', { ownerId: p.org.id });
    expect((await p.client.get(`/api/v1/units/${u.id}`)).body.pause).not.toBeNull(); // still its last day
    t.ctx.clock = () => new Date(Date.now() + 49 * HOUR);
    try {
      await t.ctx.jobs.run('freshness.check', { ownerId: p.org.id });
    } finally {
      t.ctx.clock = undefined;
    }
    expect((await p.client.get(`/api/v1/units/${u.id}`)).body.pause).toBeNull();
    expect((await p.client.get(`/api/v1/units/${v.id}`)).body.pause).not.toBeNull();
    expect(await reasons(u.id)).toEqual(['paused', 'resumed']);
    const mail = await sink.waitFor((m) => m.to.includes(p.user.email) && m.subject.includes('Aufnahmestopp beendet'));
    expect(mail.text).toContain('Renoviert');
    expect(mail.text).not.toContain('Früher zurück');
    expect(mail.text).toMatch(/Stimmt noch: https:\/\/heimplatz\.test\/bestaetigen\//);
    expect(mail.to).not.toContain(admin.email);
    const [audit] = await t.ctx.sql`select actor_kind from audit_log where action = 'availability.resume' and object_id = ${u.id}`;
    expect(audit.actorKind).toBe('system');

    const early = await p.client.delete(`/api/v1/units/${v.id}/pause`);
    expect(early.status).toBe(200);
    expect(early.body.pause).toBeNull();
    expect(await reasons(v.id)).toEqual(['paused', 'resumed']);
  });
});

describe('free is not admittable', () => {
  it('search and emergency use the admittable figure when given, and the explanation says so', async () => {
    const p = await provider();
    const u = await p.unit({ name: 'Drei frei, einer aufnehmbar', capacityTotal: 8, freePlaces: 3 });
    const res = await p.client.put(`/api/v1/units/${u.id}/admittable`, { admittablePlaces: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ freePlaces: 3, admittablePlaces: 1 });
    expect(await reasons(u.id)).toContain('admittable-changed');

    const [hit] = (await search()).items.filter((r: { unitId: string }) => r.unitId === u.id);
    expect(hit.places).toMatchObject({ freePlaces: 3, admittablePlaces: 1, availablePlaces: 1 });
    expect(hit.match.reasons.find((m: { criterion: string }) => m.criterion === 'availability').actual).toBe('1 now (admittable 1 of 3 free)');
    // two siblings need two admittable places: three free beds are not enough
    expect((await search({ siblings: 2 })).items.map((r: { unitId: string }) => r.unitId)).not.toContain(u.id);
    expect((await emergency()).find((e) => e.unitId === u.id)).toMatchObject({ availablePlaces: 1, admittablePlaces: 1 });

    await p.client.put(`/api/v1/units/${u.id}/admittable`, { admittablePlaces: 0 });
    expect((await search()).items.map((r: { unitId: string }) => r.unitId)).not.toContain(u.id);
    expect((await emergency()).map((e) => e.unitId)).not.toContain(u.id);

    await p.client.put(`/api/v1/units/${u.id}/admittable`, { admittablePlaces: null });
    expect((await search()).items.find((r: { unitId: string }) => r.unitId === u.id).places.availablePlaces).toBe(3);
  });

  it('open searches follow the forward search: a paused unit or one admitting nobody leaves the kept matches and comes back', async () => {
    const p = await provider();
    const u = await p.unit({ name: 'Offene Suche', capacityTotal: 8, freePlaces: 3 });
    const res = await cw.post('/api/v1/searches', { criteria: { serviceType: st, age: 12, reference: AT, radiusKm: 5 }, name: 'Pause folgt' });
    expect(res.status).toBe(201);
    const kept = async () =>
      (await t.ctx.sql`select available_places from search_matched(${u.id}) where search_id = ${res.body.search.id}`).map((r) => r.availablePlaces);
    expect(await kept()).toEqual([3]);
    await p.client.put(`/api/v1/units/${u.id}/admittable`, { admittablePlaces: 1 });
    expect(await kept()).toEqual([1]);
    await p.client.put(`/api/v1/units/${u.id}/admittable`, { admittablePlaces: 0 });
    expect(await kept()).toEqual([]);
    await p.client.put(`/api/v1/units/${u.id}/admittable`, { admittablePlaces: null });
    expect(await kept()).toEqual([3]);
    await p.client.post(`/api/v1/units/${u.id}/pause`, { reason: 'staff-shortage', until: day(3) });
    expect(await kept()).toEqual([]);
    await p.client.delete(`/api/v1/units/${u.id}/pause`);
    expect(await kept()).toEqual([3]);
  });

  it("opening a search lists paused units apart as the search does (the first page's statement says whether any may be listed)", async () => {
    const p = await provider();
    const paused = await p.unit({ name: 'Pausiert beim Öffnen', freePlaces: 2 });
    await p.unit({ name: 'Offen beim Öffnen', freePlaces: 1 });
    await p.client.post(`/api/v1/units/${paused.id}/pause`, { reason: 'renovation', until: day(4) });
    for (const criteria of [{ radiusKm: 5 }, {}, { age: 5 }, { radiusKm: 5, reference: { lat: AT.lat + 1, lon: AT.lon } }]) {
      const c = { serviceType: st, age: 12, reference: AT, ...criteria };
      const asSearch = (await cw.post('/api/v1/search', { criteria: c, perPage: 200 })).body.paused.map((r: { unitId: string }) => r.unitId);
      const opened = await cw.post('/api/v1/searches', { criteria: c, perPage: 200, onDuplicate: 'open' });
      expect(opened.status).toBe(201);
      expect(opened.body.results.paused.map((r: { unitId: string }) => r.unitId)).toEqual(asSearch);
      expect(asSearch.includes(paused.id)).toBe(c.age === 12 && !('lat' in c.reference && c.reference.lat !== AT.lat));
      await cw.post(`/api/v1/searches/${opened.body.search.id}/close`, {});
    }
  });

  it('never exceeds the free places: refused above them, lowered with them, guarded by the database', async () => {
    const p = await provider();
    const u = await p.unit({ capacityTotal: 8, freePlaces: 3 });
    const tooMany = await p.client.put(`/api/v1/units/${u.id}/admittable`, { admittablePlaces: 4 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details.issues[0].path).toBe('body.admittablePlaces');
    await p.client.put(`/api/v1/units/${u.id}/admittable`, { admittablePlaces: 2 });
    const lowered = await p.client.post(`/api/v1/units/${u.id}/availability`, { delta: -2 });
    expect(lowered.body).toMatchObject({ freePlaces: 1, admittablePlaces: 1 });
    const set = await p.client.post(`/api/v1/units/${u.id}/availability`, { freePlaces: 0 });
    expect(set.body).toMatchObject({ freePlaces: 0, admittablePlaces: 0 });
    await expect(t.ctx.sql`update units set admittable_places = 5 where id = ${u.id}`).rejects.toThrow(/units_admittable_within_free/);
  });
});
