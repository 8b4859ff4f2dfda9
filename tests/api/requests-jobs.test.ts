import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteExpiredRequests } from '../../server/features/requests/jobs';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

let t: TestContext;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  // a 2-second emergency hold and a 1-second escalation, so the jobs can be watched at work
  t = await createTestContext({ jobs: true, env: { SMTP_URL: sink.url, HOLD_HOURS_EMERGENCY: '0.0006', EMERGENCY_ESCALATION_MINUTES: '0.02', REQUEST_RETENTION_DAYS: '30' } });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

async function setup(o: { emergency?: boolean; lat?: number; lon?: number } = {}) {
  const office = await userClient(t.app, t.ctx.sql, 'office', 'oncall');
  const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const facility = await makeFacility(t.ctx.sql, provider.org, { lat: o.lat ?? 50.9497, lon: o.lon ?? 6.9196 });
  const unit = await makeUnit(t.ctx.sql, provider.org, facility, { freePlaces: 1, emergencyIntake: o.emergency ?? false, emergencyPhone: o.emergency ? '0221 4711' : null, serviceTypes: ['34', '42'] });
  return { office, provider, unit };
}

const sendRequest = async (s: Awaited<ReturnType<typeof setup>>, urgency = 'regular') =>
  (await s.office.client.post('/api/v1/requests', { unitIds: [s.unit.id], caseRef: 'IO-77', childAge: 13, childGender: 'male', desiredStart: '2026-12-01', urgency })).body.items[0].id as string;

describe('hold expiry', () => {
  it('a hold not confirmed by its deadline ends by itself (the pg-boss job) and frees the place', async () => {
    const s = await setup();
    const id = await sendRequest(s, 'emergency');
    expect((await s.provider.client.post(`/api/v1/requests/${id}/accept`, {})).status).toBe(200);
    const [job] = await t.ctx.sql`select name, start_after, data from pgboss.job where name = 'requests.expire-hold' and data->>'requestId' = ${id}`;
    expect(job).toBeDefined();
    await new Promise((r) => setTimeout(r, 2500));
    // run the queued job the way the worker would
    await t.ctx.jobs.run('requests.expire-hold', job.data);
    const r = await s.office.client.get(`/api/v1/requests/${id}`);
    expect(r.body.status).toBe('expired');
    const [u] = await t.ctx.sql`select held_places from units where id = ${s.unit.id}`;
    expect(u.heldPlaces).toBe(0);
    const events = await t.ctx.sql`select type, payload from events where type = 'request:changed' and payload->>'requestId' = ${id} order by seq`;
    expect(events.map((e) => e.payload.what)).toEqual(['created', 'accepted', 'expired']);
    expect((await s.office.client.post(`/api/v1/requests/${id}/confirm`)).status).toBe(409);
  });

  it('the job does nothing to a hold that was confirmed in time', async () => {
    const s = await setup();
    const id = await sendRequest(s);
    await s.provider.client.post(`/api/v1/requests/${id}/accept`, {});
    await s.office.client.post(`/api/v1/requests/${id}/confirm`);
    await t.ctx.jobs.run('requests.expire-hold', { requestId: id });
    expect((await s.office.client.get(`/api/v1/requests/${id}`)).body.status).toBe('confirmed');
  });
});

describe('e-mail to the absent side', () => {
  it('tells provider staff who are not online about a new request, without child data', async () => {
    const s = await setup();
    // the provider user logged in (userClient) and is "online"; an absent colleague gets the mail
    await t.ctx.sql`update sessions set last_seen_at = now() - interval '1 hour' where user_id = ${s.provider.user.id}`;
    const id = await sendRequest(s);
    await t.ctx.jobs.run('requests.notify', { requestId: id, to: 'provider', what: 'created' });
    const mail = await sink.waitFor((m) => m.to.includes(s.provider.user.email));
    expect(mail.subject).toContain('Neue Belegungsanfrage');
    expect(mail.text).toContain(`/anfragen/${id}`);
    expect(mail.text).not.toMatch(/IO-77|\b13\b|\bmale\b/);
  });
});

describe('emergency mode', () => {
  it('finds emergency units with an available place nearest first, by postcode', async () => {
    const near = await setup({ emergency: true, lat: 50.94, lon: 6.96 }); // Köln
    const far = await setup({ emergency: true, lat: 51.23, lon: 6.78 }); // Düsseldorf
    const res = await near.office.client.get('/api/v1/emergency/units?age=13&gender=male&postcode=50667&limit=50');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { unitId: string }) => i.unitId);
    expect(ids.indexOf(near.unit.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(near.unit.id)).toBeLessThan(ids.indexOf(far.unit.id));
    const item = res.body.items.find((i: { unitId: string }) => i.unitId === near.unit.id);
    expect(item).toMatchObject({ emergencyPhone: '0221 4711', availablePlaces: 1 });
    const dists = res.body.items.map((i: { distanceKm: number }) => i.distanceKm);
    expect(dists).toEqual([...dists].sort((a, b) => a - b));
    const bad = await near.office.client.get('/api/v1/emergency/units?age=13&gender=male&postcode=123');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('query.postcode');
    // an empty age (the field left blank on the phone) is missing, not a newborn; an empty gender too
    const blank = await near.office.client.get('/api/v1/emergency/units?age=&gender=&postcode=50667');
    expect(blank.status).toBe(400);
    const issues = blank.body.error.details.issues as { path: string; message: string }[];
    expect(issues.find((i) => i.path === 'query.age')?.message).toBe('is required');
    expect(issues.find((i) => i.path === 'query.gender')?.message).toBe('is required');
    expect((await near.office.client.get('/api/v1/emergency/units?age=0&gender=male&postcode=50667')).status).toBe(200);
  });

  it('escalates when no unit answers in time: the caseworker is told and offered the next units', async () => {
    const s = await setup({ emergency: true, lat: 50.94, lon: 6.96 });
    const next = await setup({ emergency: true, lat: 50.95, lon: 6.97 });
    const res = await s.office.client.post('/api/v1/emergency/requests', { unitIds: [s.unit.id], caseRef: 'IO-99', childAge: 13, childGender: 'male' });
    expect(res.status).toBe(201);
    const groupId = res.body.groupId;
    const [job] = await t.ctx.sql`select data from pgboss.job where name = 'requests.escalate' and data->>'groupId' = ${groupId}`;
    expect(job).toBeDefined();
    await new Promise((r) => setTimeout(r, 1500));
    await t.ctx.jobs.run('requests.escalate', job.data);
    const [ev] = await t.ctx.sql`select payload, rooms from events where type = 'request:escalated' and payload->>'groupId' = ${groupId}`;
    expect(ev.rooms).toContain(`user:${s.office.user.id}`);
    expect(ev.payload.suggestions.map((x: { unitId: string }) => x.unitId)).toContain(next.unit.id);
    expect(ev.payload.suggestions.map((x: { unitId: string }) => x.unitId)).not.toContain(s.unit.id);
    const mail = await sink.waitFor((m) => m.to.includes(s.office.user.email) && m.subject.includes('NOTFALL'));
    expect(mail.text).toContain('0221 4711');
  });

  it('does not escalate when a unit answered', async () => {
    const s = await setup({ emergency: true });
    const res = await s.office.client.post('/api/v1/emergency/requests', { unitIds: [s.unit.id], caseRef: 'IO-100', childAge: 13, childGender: 'male' });
    await s.provider.client.post(`/api/v1/requests/${res.body.items[0].id}/accept`, {});
    await t.ctx.jobs.run('requests.escalate', { groupId: res.body.groupId });
    const ev = await t.ctx.sql`select 1 from events where type = 'request:escalated' and payload->>'groupId' = ${res.body.groupId}`;
    expect(ev).toHaveLength(0);
  });
});

describe('retention', () => {
  it('deletes closed requests and their messages after the retention period; anonymous counts remain', async () => {
    const s = await setup();
    const old = await sendRequest(s);
    await s.provider.client.post(`/api/v1/requests/${old}/messages`, { body: 'Rückfrage zur Schule', question: true });
    await s.provider.client.post(`/api/v1/requests/${old}/decline`, { reason: 'no-place' });
    const s2 = await setup();
    const recent = await sendRequest(s2);
    await s2.provider.client.post(`/api/v1/requests/${recent}/decline`, { reason: 'no-place' });
    const running = await sendRequest(await setup());
    await t.ctx.sql`update placement_requests set closed_at = now() - interval '31 days', created_at = now() - interval '32 days' where id = ${old}`;
    const [before] = await t.ctx.sql`select count(*)::int as n from placement_stats`;
    expect(await deleteExpiredRequests(t.ctx)).toBeGreaterThanOrEqual(1);
    const left = await t.ctx.sql`select id from placement_requests where id in (${old}, ${recent}, ${running})`;
    expect(left.map((r) => r.id).sort()).toEqual([recent, running].sort());
    expect(await t.ctx.sql`select 1 from request_messages where request_id = ${old}`).toHaveLength(0);
    const [after] = await t.ctx.sql`select count(*)::int as n from placement_stats`;
    expect(after.n).toBeGreaterThan(before.n);
    const [stat] = await t.ctx.sql`select * from placement_stats order by id desc limit 1`;
    expect(stat).toMatchObject({ outcome: 'declined', urgency: 'regular', districtAgs: '05315' });
    expect(Object.keys(stat)).not.toContain('caseRef');
  });
});
