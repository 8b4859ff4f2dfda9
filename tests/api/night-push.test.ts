import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// web-push's own decryption counterpart (RFC 8188), to read what a device would read
import ece from 'http_ece';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

const VAPID = { VAPID_PUBLIC_KEY: 'BKnNzby9GSXQczFFe8enBygjxeyOQEL0ZpdOTogr7yBS04LSKIhF-YIMNm81eYvr3Uy4qryt1G8xwZbbm41inG0', VAPID_PRIVATE_KEY: 'zuXSACnjVzmCiYpKprsjTCr6QSOWlIIw18DElX0KJAA' };

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A push service of our own: answers 201 like a real one, and 410 for devices it no longer knows. */
let pushService: Server;
let pushUrl: string;
const received: Received[] = [];
let t: TestContext;
let off: TestContext;
beforeAll(async () => {
  pushService = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = req.url?.startsWith('/gone/') ? 410 : 201;
      res.end();
    });
  });
  await new Promise<void>((r) => pushService.listen(0, '127.0.0.1', r));
  pushUrl = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
  t = await createTestContext({ jobs: true, env: VAPID });
  off = await createTestContext({ jobs: true });
});
afterAll(async () => {
  await t.close();
  await off.close();
  await new Promise((r) => pushService.close(r));
});

/** A device: its key pair and auth secret, as a browser's PushManager would make them. */
function device(path: string) {
  const ecdh = createECDH('prime256v1');
  const pub = ecdh.generateKeys();
  const auth = randomBytes(16);
  const endpoint = `${pushUrl}/${path}/${randomBytes(6).toString('hex')}`;
  return {
    ecdh,
    auth,
    endpoint,
    body: { endpoint, keys: { p256dh: pub.toString('base64url'), auth: auth.toString('base64url') } },
    read(r: Received) {
      return JSON.parse(ece.decrypt(r.body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth.toString('base64url') }).toString('utf8'));
    },
  };
}

const nextFor = async (endpoint: string) => {
  await expect.poll(() => received.some((r) => endpoint.endsWith(r.path))).toBe(true);
  return received.find((r) => endpoint.endsWith(r.path))!;
};

async function setup(ctx: TestContext) {
  const office = await userClient(ctx.app, ctx.ctx.sql, 'office', 'oncall');
  const provider = await userClient(ctx.app, ctx.ctx.sql, 'provider', 'provider_staff');
  const unit = await makeUnit(ctx.ctx.sql, provider.org, await makeFacility(ctx.ctx.sql, provider.org, { lat: 47.5, lon: 10.3 }), {
    name: 'Notaufnahme Allgäu',
    freePlaces: 1,
    emergencyIntake: true,
    emergencyPhone: '0831 4711',
    serviceTypes: ['42'],
    ageMin: 0,
    ageMax: 17,
  });
  return { office, provider, unit };
}

const CHILD = { caseRef: 'IO-PUSH-4711', childAge: 11, childGender: 'diverse' as const, note: 'Bruder in Obhut der Großmutter' };
const CHILD_DATA = /IO-PUSH-4711|diverse|divers|Großmutter|\b11\b/;

describe('Web Push (VAPID keys configured)', () => {
  it('an emergency request reaches the provider devices: encrypted, VAPID-signed, urgent, with no child data', async () => {
    const s = await setup(t);
    const phone = device('ok');
    expect((await s.provider.client.get('/api/v1/me/settings')).body.pushPublicKey).toBe(VAPID.VAPID_PUBLIC_KEY);
    expect((await s.provider.client.post('/api/v1/me/push-subscriptions', phone.body)).status).toBe(201);
    const res = await s.office.client.post('/api/v1/emergency/requests', { unitIds: [s.unit.id], ...CHILD });
    expect(res.status).toBe(201);
    const id = res.body.items[0].id;
    // the notify job (sent in the request's transaction) enqueues the push job; both run as the worker would
    await t.ctx.jobs.run('requests.notify', { requestId: id, to: 'provider', what: 'created' });
    const [job] = await t.ctx.sql`select data from pgboss.job where name = 'push.request' and data->>'requestId' = ${id}`;
    expect(job.data).toEqual({ requestId: id, to: 'provider', what: 'created' });
    await t.ctx.jobs.run('push.request', job.data);
    const msg = await nextFor(phone.endpoint);
    expect(msg.headers['content-encoding']).toBe('aes128gcm');
    expect(msg.headers.urgency).toBe('high');
    expect(String(msg.headers.authorization)).toMatch(/^vapid t=.+, k=BKnNzby9/);
    const payload = phone.read(msg);
    expect(payload).toMatchObject({ title: 'NOTFALL: Neue Notfallanfrage', url: `/anfragen/${id}`, emergency: true });
    expect(payload.body).toContain('Notaufnahme Allgäu');
    expect(JSON.stringify(payload)).not.toMatch(CHILD_DATA);
    // the plain bytes on the wire carry nothing readable either
    expect(msg.body.toString('latin1')).not.toContain('Notaufnahme');
  });

  it('an answer reaches the sender, an escalation too; nothing carries child data', async () => {
    const s = await setup(t);
    const phone = device('ok');
    await s.office.client.post('/api/v1/me/push-subscriptions', phone.body).expect(201);
    const res = await s.office.client.post('/api/v1/emergency/requests', { unitIds: [s.unit.id], ...CHILD, postcode: '87435' });
    const id = res.body.items[0].id;
    await t.ctx.jobs.run('requests.escalate', { groupId: res.body.groupId });
    const [esc] = await t.ctx.sql`select data from pgboss.job where name = 'push.escalation' and data->>'groupId' = ${res.body.groupId}`;
    await t.ctx.jobs.run('push.escalation', esc.data);
    const escMsg = phone.read(await nextFor(phone.endpoint));
    expect(escMsg).toMatchObject({ title: 'NOTFALL: Noch keine Antwort', emergency: true });
    expect(JSON.stringify(escMsg)).not.toMatch(CHILD_DATA);
    received.length = 0;
    await s.provider.client.post(`/api/v1/requests/${id}/accept`, {}).expect(200);
    await t.ctx.jobs.run('requests.notify', { requestId: id, to: 'office', what: 'accepted' });
    const [job] = await t.ctx.sql`select data from pgboss.job where name = 'push.request' and data->>'requestId' = ${id} and data->>'what' = 'accepted'`;
    await t.ctx.jobs.run('push.request', job.data);
    const answer = phone.read(await nextFor(phone.endpoint));
    expect(answer).toMatchObject({ title: 'NOTFALL: Zusage mit Platzreservierung', url: `/anfragen/${id}` });
    expect(JSON.stringify(answer)).not.toMatch(CHILD_DATA);
  });

  it('a device the push service no longer knows (410) is forgotten; a device is unsubscribed by its owner only', async () => {
    const s = await setup(t);
    const gone = device('gone');
    await s.provider.client.post('/api/v1/me/push-subscriptions', gone.body).expect(201);
    const res = await s.office.client.post('/api/v1/emergency/requests', { unitIds: [s.unit.id], ...CHILD });
    await t.ctx.jobs.run('push.request', { requestId: res.body.items[0].id, to: 'provider', what: 'created' });
    expect(await t.ctx.sql`select 1 from push_subscriptions where endpoint = ${gone.endpoint}`).toHaveLength(0);
    const mine = device('ok');
    await s.provider.client.post('/api/v1/me/push-subscriptions', mine.body).expect(201);
    expect((await s.office.client.delete('/api/v1/me/push-subscriptions').send({ endpoint: mine.endpoint })).status).toBe(404);
    expect((await s.provider.client.delete('/api/v1/me/push-subscriptions').send({ endpoint: mine.endpoint })).status).toBe(200);
  });

  it('a freshness reminder reaches the staff devices too: one tap opens "Alles unverändert", which confirms without a login', async () => {
    const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    const phone = device('ok');
    await provider.client.post('/api/v1/me/push-subscriptions', phone.body).expect(201);
    const f = await makeFacility(t.ctx.sql, provider.org);
    const old = new Date(Date.now() - 50 * 3_600_000).toISOString();
    const [a, b] = [await makeUnit(t.ctx.sql, provider.org, f, { lastConfirmedAt: old }), await makeUnit(t.ctx.sql, provider.org, f, { lastConfirmedAt: old })];
    await t.ctx.jobs.run('freshness.check', { ownerId: provider.org.id });
    // sent in the reminder's transaction, beside its e-mail; run as the worker would
    const [job] = await t.ctx.sql`select data from pgboss.job where name = 'push.freshness' and data->>'ownerId' = ${provider.org.id}`;
    expect(job.data).toMatchObject({ level: 'staff', units: 2, path: expect.stringMatching(/^\/bestaetigen\/\S+$/) });
    await t.ctx.jobs.run('push.freshness', job.data);
    const payload = phone.read(await nextFor(phone.endpoint));
    expect(payload).toMatchObject({ title: 'Belegung bitte bestätigen', url: job.data.path, emergency: false });
    expect(payload.body).toContain('2 Angebote sind länger nicht bestätigt');
    const token = job.data.path.split('/').pop();
    expect((await request(t.app).post(`/api/v1/confirm-links/${token}`)).status).toBe(200);
    const confirmed = await t.ctx.sql`select 1 from units where id in (${a.id}, ${b.id}) and last_confirmed_at > now() - interval '1 minute'`;
    expect(confirmed).toHaveLength(2);
  });

  it('refuses a push endpoint that is neither https nor on this machine', async () => {
    const s = await setup(t);
    const d = device('ok');
    const res = await s.provider.client.post('/api/v1/me/push-subscriptions', { ...d.body, endpoint: 'http://push.example.org/x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.endpoint');
  });
});

describe('Web Push off (no VAPID keys)', () => {
  it('offers no key, refuses subscriptions and enqueues no push job', async () => {
    const s = await setup(off);
    expect((await s.provider.client.get('/api/v1/me/settings')).body.pushPublicKey).toBeNull();
    expect((await s.provider.client.post('/api/v1/me/push-subscriptions', device('ok').body)).status).toBe(400);
    const res = await s.office.client.post('/api/v1/emergency/requests', { unitIds: [s.unit.id], ...CHILD });
    const id = res.body.items[0].id;
    await off.ctx.jobs.run('requests.notify', { requestId: id, to: 'provider', what: 'created' });
    expect(await off.ctx.sql`select 1 from pgboss.job where name = 'push.request' and data->>'requestId' = ${id}`).toHaveLength(0);
    // a freshness reminder goes by e-mail only
    const f = await makeFacility(off.ctx.sql, s.provider.org);
    await makeUnit(off.ctx.sql, s.provider.org, f, { lastConfirmedAt: new Date(Date.now() - 50 * 3_600_000).toISOString() });
    await off.ctx.jobs.run('freshness.check', { ownerId: s.provider.org.id });
    expect(await off.ctx.sql`select 1 from freshness_reminders where provider_id = ${s.provider.org.id}`).toHaveLength(1);
    expect(await off.ctx.sql`select 1 from pgboss.job where name = 'push.freshness' and data->>'ownerId' = ${s.provider.org.id}`).toHaveLength(0);
  });
});
