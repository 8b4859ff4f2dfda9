import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEvent, rooms } from '../../server/events';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';
import { login, makeOrg, makeUser } from '../helpers/factories';
import { collectEvents, connect, nextEvent, syncSince, type TestSocket } from '../helpers/sockets';

let server: RunningServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

async function loggedIn(kind: 'office' | 'provider' = 'office') {
  const org = await makeOrg(server.ctx.sql, kind);
  const user = await makeUser(server.ctx.sql, org, kind === 'office' ? 'caseworker' : 'provider_staff');
  const client = await login(server.http, user);
  const socket = await connect(server.url, client.cookie);
  sockets.push(socket);
  return { org, user, client, socket };
}

describe('socket authentication', () => {
  it('refuses a connection without a session', async () => {
    await expect(connect(server.url)).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('refuses a forged session cookie', async () => {
    await expect(connect(server.url, 'hpb_session=forged-value')).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('refuses a cross-origin connection even with a valid session', async () => {
    const org = await makeOrg(server.ctx.sql, 'office');
    const client = await login(server.http, await makeUser(server.ctx.sql, org, 'caseworker'));
    await expect(connect(server.url, client.cookie, { Origin: 'https://evil.example' })).rejects.toThrow();
  });
});

describe('events', () => {
  it('delivers a committed event to the sockets of its organisation only, with a sequence number', async () => {
    const a = await loggedIn();
    const b = await loggedIn();
    const gotA = nextEvent(a.socket, (e) => e.type === 'organisation:changed' && e.payload.organisationId === a.org.id);
    const gotB = collectEvents(b.socket, 600);
    const seq = await server.ctx.sql.begin((tx) => publishEvent(tx, 'organisation:changed', [rooms.org(a.org.id)], { organisationId: a.org.id, verified: true }));
    const ev = await gotA;
    expect(ev.seq).toBe(seq);
    expect((await gotB).filter((e) => e.seq === seq)).toEqual([]);
  });

  it('announces nothing for a transaction that rolled back', async () => {
    const a = await loggedIn();
    const got = collectEvents(a.socket, 700);
    await server.ctx.sql
      .begin(async (tx) => {
        await publishEvent(tx, 'organisation:changed', [rooms.org(a.org.id)], { organisationId: a.org.id, verified: false });
        throw new Error('roll back');
      })
      .catch(() => {});
    expect((await got).filter((e) => e.type === 'organisation:changed' && e.payload.organisationId === a.org.id)).toEqual([]);
  });

  it('replays missed events in order, once, after a reconnect', async () => {
    const a = await loggedIn();
    const head = await syncSince(a.socket, 0);
    expect('lastSeq' in head).toBe(true);
    const from = (head as { lastSeq: number }).lastSeq;
    a.socket.close();
    const seqs: number[] = [];
    for (const verified of [true, false, true]) {
      seqs.push(await server.ctx.sql.begin((tx) => publishEvent(tx, 'organisation:changed', [rooms.org(a.org.id)], { organisationId: a.org.id, verified })));
    }
    // another organisation's event in between is not replayed to this one
    const other = await makeOrg(server.ctx.sql, 'office');
    await server.ctx.sql.begin((tx) => publishEvent(tx, 'organisation:changed', [rooms.org(other.id)], { organisationId: other.id, verified: true }));
    const again = await connect(server.url, a.client.cookie);
    sockets.push(again);
    const r = await syncSince(again, from);
    if ('error' in r) throw new Error(r.error.message);
    const mine = r.events.filter((e) => e.type === 'organisation:changed');
    expect(mine.map((e) => e.seq)).toEqual(seqs);
    expect(mine.every((e) => e.type === 'organisation:changed' && e.payload.organisationId === a.org.id)).toBe(true);
    expect(r.complete).toBe(true);
    const twice = await syncSince(again, r.lastSeq);
    expect('events' in twice && twice.events.filter((e) => seqs.includes(e.seq))).toEqual([]);
  });

  it('tells a client that was away too long to reload', async () => {
    const a = await loggedIn();
    const publish = () => server.ctx.sql.begin((tx) => publishEvent(tx, 'organisation:changed', [rooms.org(a.org.id)], { organisationId: a.org.id, verified: true }));
    const s1 = await publish();
    const s2 = await publish();
    // what the prune job does to events older than the retention period
    await server.ctx.sql`delete from events where seq < ${s2}`;
    const r = await syncSince(a.socket, s1 - 1);
    expect(r).toMatchObject({ complete: false });
    const ok = await syncSince(a.socket, s2 - 1);
    expect(ok).toMatchObject({ complete: true });
    // a resuming client looks back before what it saw: pruned events below its last one are no gap
    expect(await syncSince(a.socket, s1 - 1, s2 - 1)).toMatchObject({ complete: true });
    expect(await syncSince(a.socket, Math.max(0, s1 - 5), s1 - 1)).toMatchObject({ complete: false }); // s1 itself is gone, unseen
    expect(await syncSince(a.socket, -5)).toEqual({
      error: { code: 'VALIDATION_FAILED', message: 'Invalid input: payload.seq: must be a non-negative integer', details: { issues: [expect.objectContaining({ path: 'payload.seq', message: 'must be a non-negative integer' })] } },
    });
  });
});

describe('sessions and sockets', () => {
  it('a disabled user loses their sockets at once', async () => {
    const org = await makeOrg(server.ctx.sql, 'office');
    const admin = await login(server.http, await makeUser(server.ctx.sql, org, 'office_admin'));
    const user = await makeUser(server.ctx.sql, org, 'caseworker');
    const socket = await connect(server.url, (await login(server.http, user)).cookie);
    sockets.push(socket);
    const ended = new Promise((resolve) => socket.once('session:ended', resolve));
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    expect((await admin.patch(`/api/v1/users/${user.id}`, { disabled: true })).status).toBe(200);
    await expect(ended).resolves.toEqual({ reason: 'disabled' });
    await disconnected;
    expect(socket.connected).toBe(false);
  });

  it('logout ends the sockets of that session only', async () => {
    const org = await makeOrg(server.ctx.sql, 'office');
    const user = await makeUser(server.ctx.sql, org, 'caseworker');
    const phone = await login(server.http, user);
    const desk = await login(server.http, user);
    const phoneSocket = await connect(server.url, phone.cookie);
    const deskSocket = await connect(server.url, desk.cookie);
    sockets.push(phoneSocket, deskSocket);
    const gone = new Promise((resolve) => phoneSocket.once('disconnect', resolve));
    expect((await phone.post('/api/v1/auth/logout')).status).toBe(200);
    await gone;
    await new Promise((r) => setTimeout(r, 200));
    expect(deskSocket.connected).toBe(true);
  });
});
