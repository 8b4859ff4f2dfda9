import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

let t: TestContext;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestContext({ jobs: true, env: { SMTP_URL: sink.url } });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const KM_PER_DEG_LAT = 111.2;
async function pointOf(code: string) {
  const [p] = await t.ctx.sql<{ lat: number; lon: number }[]>`select lat, lon from postcodes where code = ${code}`;
  return p;
}
async function unitAt(provider: OrgRow, at: { lat: number; lon: number }, km: number, o: { emergency?: boolean; name?: string } = {}) {
  const f = await makeFacility(t.ctx.sql, provider, { lat: at.lat + km / KM_PER_DEG_LAT, lon: at.lon });
  return makeUnit(t.ctx.sql, provider, f, { name: o.name ?? `Einheit ${km} km`, serviceTypes: ['42'], emergencyIntake: o.emergency ?? true, emergencyPhone: '0800 100 200', ageMin: 0, ageMax: 17, freePlaces: 1 });
}

describe('the on-call list', () => {
  it('is capped at EMERGENCY_MAX_KM (100 km) says more exist beyond, and shows them when asked; preselects 3', async () => {
    const child = await pointOf('24944'); // Flensburg
    const office = await userClient(t.app, t.ctx.sql, 'office', 'oncall');
    const provider = await userClient(t.app, t.ctx.sql, 'provider');
    const near = await unitAt(provider.org, child, -20);
    const edge = await unitAt(provider.org, child, -95);
    const beyond = await unitAt(provider.org, child, -130);
    const q = '/api/v1/emergency/units?age=10&gender=female&postcode=24944&limit=50';
    const res = await office.client.get(q);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { unitId: string }) => i.unitId);
    expect(ids).toEqual(expect.arrayContaining([near.id, edge.id]));
    expect(ids).not.toContain(beyond.id);
    expect(res.body.items.every((i: { distanceKm: number }) => i.distanceKm <= 100)).toBe(true);
    expect(res.body).toMatchObject({ maxKm: 100, moreBeyond: true, preselect: 3 });
    const wider = await office.client.get(`${q}&wider=true`);
    expect(wider.body.items.map((i: { unitId: string }) => i.unitId)).toContain(beyond.id);
  });

  it('escalation measures the next units from the child, not from the unit asked first', async () => {
    const child = await pointOf('18439'); // Stralsund
    const office = await userClient(t.app, t.ctx.sql, 'office', 'oncall');
    const provider = await userClient(t.app, t.ctx.sql, 'provider');
    const north = await unitAt(provider.org, child, 3);
    const south = await unitAt(provider.org, child, -40);
    const res = await office.client.post('/api/v1/emergency/requests', { unitIds: [north.id], caseRef: 'IO-1', childAge: 9, childGender: 'male', postcode: '18439' });
    expect(res.status).toBe(201);
    await t.ctx.jobs.run('requests.escalate', { groupId: res.body.groupId });
    const [ev] = await t.ctx.sql`select payload from events where type = 'request:escalated' and payload->>'groupId' = ${res.body.groupId}`;
    const s = ev.payload.suggestions.find((x: { unitId: string }) => x.unitId === south.id);
    // 40 km from the child; from the north unit it would be 43 km
    expect(s.distanceKm).toBeGreaterThan(39);
    expect(s.distanceKm).toBeLessThan(41);
  });

  it('an unknown postcode of the child sends nothing', async () => {
    const office = await userClient(t.app, t.ctx.sql, 'office', 'oncall');
    const provider = await userClient(t.app, t.ctx.sql, 'provider');
    const u = await unitAt(provider.org, await pointOf('18439'), 5);
    const res = await office.client.post('/api/v1/emergency/requests', { unitIds: [u.id], caseRef: 'IO-2', childAge: 9, childGender: 'male', postcode: '00000' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.postcode');
    expect(await t.ctx.sql`select 1 from placement_requests where unit_id = ${u.id}`).toHaveLength(0);
  });
});

describe('fallback contacts', () => {
  it('the office admin keeps them; colleagues read them; the escalation carries them; other offices and providers do not see them', async () => {
    const admin = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    const oncall = await userClient(t.app, t.ctx.sql, 'office', 'oncall', admin.org);
    const items = [
      { kind: 'office_oncall', label: 'Rufbereitschaft', phone: '0461 85 0' },
      { kind: 'state_office', label: 'Landesjugendamt', phone: '0431 988 0' },
    ];
    expect((await oncall.client.put('/api/v1/emergency/fallback-contacts', { items })).status).toBe(403);
    const bad = await admin.client.put('/api/v1/emergency/fallback-contacts', { items: [{ kind: 'state_office', label: 'LJA', phone: 'call me' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('body.items.0.phone');
    expect((await admin.client.put('/api/v1/emergency/fallback-contacts', { items })).body.items).toEqual(items);
    expect((await oncall.client.get('/api/v1/emergency/fallback-contacts')).body.items).toEqual(items);
    const other = await userClient(t.app, t.ctx.sql, 'office', 'oncall');
    expect((await other.client.get('/api/v1/emergency/fallback-contacts')).body.items).toEqual([]);
    const provider = await userClient(t.app, t.ctx.sql, 'provider');
    expect((await provider.client.get('/api/v1/emergency/fallback-contacts')).status).toBe(403);

    // nobody left to suggest: the escalation still names whom to call
    const u = await unitAt(provider.org, await pointOf('25992'), 1, { name: 'Einzige Notaufnahme' });
    const res = await oncall.client.post('/api/v1/emergency/requests', { unitIds: [u.id], caseRef: 'IO-3', childAge: 9, childGender: 'male', postcode: '25992' });
    await t.ctx.jobs.run('requests.escalate', { groupId: res.body.groupId });
    const [ev] = await t.ctx.sql`select payload from events where type = 'request:escalated' and payload->>'groupId' = ${res.body.groupId}`;
    expect(ev.payload.fallbackContacts).toEqual(items);
    const mail = await sink.waitFor((m) => m.to.includes(oncall.user.email) && m.subject.includes('NOTFALL'));
    expect(mail.text).toContain('Landesjugendamt: Tel. 0431 988 0');
  });
});

describe('call-back numbers and waiting count', () => {
  it('the provider sees the office number and the sender direct number; the badge counts what waits for each side', async () => {
    const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    await t.ctx.sql`update organisations set phone = '0221 221 0' where id = ${office.org.id}`;
    expect((await office.client.patch('/api/v1/me/settings', { directPhone: 'nope' })).status).toBe(400);
    expect((await office.client.patch('/api/v1/me/settings', { directPhone: '0221 221 4711' })).body.directPhone).toBe('0221 221 4711');
    const provider = await userClient(t.app, t.ctx.sql, 'provider');
    const u = await unitAt(provider.org, await pointOf('50667'), 1, { emergency: false });
    const sent = await office.client.post('/api/v1/requests', { unitIds: [u.id], caseRef: 'AZ-5', childAge: 12, childGender: 'female', desiredStart: '2026-12-01', urgency: 'regular' });
    const id = sent.body.items[0].id;
    const seen = await provider.client.get(`/api/v1/requests/${id}`);
    expect(seen.body).toMatchObject({ officePhone: '0221 221 0', senderPhone: '0221 221 4711' });
    expect((await provider.client.get('/api/v1/notifications/summary')).body).toEqual({ waiting: 1, emergencyWaiting: 0 });
    expect((await office.client.get('/api/v1/notifications/summary')).body).toEqual({ waiting: 0, emergencyWaiting: 0 });
    await provider.client.post(`/api/v1/requests/${id}/accept`, {}).expect(200);
    expect((await provider.client.get('/api/v1/notifications/summary')).body.waiting).toBe(0);
    expect((await office.client.get('/api/v1/notifications/summary')).body).toEqual({ waiting: 1, emergencyWaiting: 0 });
  });
});

describe('e-mail', () => {
  it('emergency requests are mailed to provider staff who are online too; regular ones as each user chose', async () => {
    const office = await userClient(t.app, t.ctx.sql, 'office', 'oncall');
    const online = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    const always = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff', online.org);
    const never = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff', online.org);
    await always.client.patch('/api/v1/me/settings', { regularMail: 'always' }).expect(200);
    await never.client.patch('/api/v1/me/settings', { regularMail: 'never' }).expect(200);
    // all three are logged in and seen just now: "online"
    const u = await unitAt(online.org, await pointOf('04109'), 1);
    const em = await office.client.post('/api/v1/emergency/requests', { unitIds: [u.id], caseRef: 'IO-6', childAge: 9, childGender: 'male' });
    await t.ctx.jobs.run('requests.notify', { requestId: em.body.items[0].id, to: 'provider', what: 'created' });
    for (const c of [online, always, never]) await sink.waitFor((m) => m.to.includes(c.user.email) && m.subject.startsWith('NOTFALL'));

    const u2 = await unitAt(online.org, await pointOf('04109'), 2, { emergency: false });
    const reg = await office.client.post('/api/v1/requests', { unitIds: [u2.id], caseRef: 'AZ-7', childAge: 12, childGender: 'female', desiredStart: '2026-12-01', urgency: 'regular' });
    const before = sink.mails.length;
    await t.ctx.jobs.run('requests.notify', { requestId: reg.body.items[0].id, to: 'provider', what: 'created' });
    await sink.waitFor((m) => m.to.includes(always.user.email) && m.subject.startsWith('Neue Belegungsanfrage'));
    await new Promise((r) => setTimeout(r, 300));
    const regular = sink.mails.slice(before).filter((m) => m.subject.startsWith('Neue Belegungsanfrage'));
    expect(regular.flatMap((m) => m.to)).toEqual([always.user.email]);
  });
});
