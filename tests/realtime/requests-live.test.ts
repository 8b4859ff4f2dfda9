import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';
import { login, makeOrg, makeUser } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { connect, nextEvent, type TestSocket } from '../helpers/sockets';

// the whole server with its job workers: holds of emergency requests last 3 seconds here
let server: RunningServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ JOBS_ENABLED: 'true', HOLD_HOURS_EMERGENCY: '0.0008' });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

describe('requests, live', () => {
  it('both sides hear every step; an unconfirmed hold ends by itself and frees the place', async () => {
    const sql = server.ctx.sql;
    const office = await makeOrg(sql, 'office');
    const provider = await makeOrg(sql, 'provider');
    const unit = await makeUnit(sql, provider, await makeFacility(sql, provider), { freePlaces: 1, emergencyIntake: true, emergencyPhone: '0221 1' });
    const cw = await login(server.http, await makeUser(sql, office, 'oncall'));
    const pv = await login(server.http, await makeUser(sql, provider, 'provider_staff'));
    const officeSocket = await connect(server.url, cw.cookie);
    const providerSocket = await connect(server.url, pv.cookie);
    sockets.push(officeSocket, providerSocket);

    const created = nextEvent(providerSocket, (e) => e.type === 'request:changed' && e.payload.what === 'created');
    const res = await cw.post('/api/v1/requests', { unitIds: [unit.id], caseRef: 'LIVE-1', childAge: 15, childGender: 'male', desiredStart: '2026-12-01', urgency: 'emergency' });
    expect(res.status).toBe(201);
    const id = res.body.items[0].id;
    expect((await created).payload).toMatchObject({ requestId: id, status: 'open', urgency: 'emergency' });

    const accepted = nextEvent(officeSocket, (e) => e.type === 'request:changed' && e.payload.requestId === id && e.payload.what === 'accepted');
    expect((await pv.post(`/api/v1/requests/${id}/accept`, {})).status).toBe(200);
    await accepted;

    // nobody confirms: the queued job (worked by the server's pg-boss worker) ends the hold
    const expiredForOffice = nextEvent(officeSocket, (e) => e.type === 'request:changed' && e.payload.requestId === id && e.payload.what === 'expired', 20_000);
    const expiredForProvider = nextEvent(providerSocket, (e) => e.type === 'request:changed' && e.payload.requestId === id && e.payload.what === 'expired', 20_000);
    await Promise.all([expiredForOffice, expiredForProvider]);
    const [u] = await sql`select free_places, held_places from units where id = ${unit.id}`;
    expect(u).toEqual({ freePlaces: 1, heldPlaces: 0 });
    expect((await cw.post(`/api/v1/requests/${id}/confirm`)).status).toBe(409);
  }, 40_000);
});
