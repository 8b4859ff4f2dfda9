import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';
import { login, makeOrg, makeUser, type Client } from '../helpers/factories';
import { connect, type TestSocket } from '../helpers/sockets';

const PUBLIC = 'https://heimplatz.example';
const ALSO = 'https://intranet.heimplatz.example';

let server: RunningServer;
let local: string;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ PUBLIC_URL: PUBLIC, ALLOWED_ORIGINS: ALSO, SOCKET_SESSION_CHECK_SECONDS: '1', SESSION_IDLE_MINUTES: '30' });
  local = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

async function user(): Promise<Client> {
  const org = await makeOrg(server.ctx.sql, 'office');
  return login(server.http, await makeUser(server.ctx.sql, org, 'caseworker'));
}

describe('with PUBLIC_URL set, exactly the configured origins', () => {
  it('refuses an HTTP write whose Origin matches only its own Host header (DNS rebinding)', async () => {
    const c = await user();
    const res = await request(server.http)
      .post('/api/v1/auth/logout')
      .set('Cookie', c.cookie)
      .set('X-CSRF-Token', c.csrf)
      .set('Origin', 'http://evil.example')
      .set('Host', 'evil.example')
      .send({});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
  });

  it.each([PUBLIC, ALSO])('accepts an HTTP write from %s', async (origin) => {
    const c = await user();
    const res = await request(server.http).post('/api/v1/auth/logout').set('Cookie', c.cookie).set('X-CSRF-Token', c.csrf).set('Origin', origin).send({});
    expect(res.status).toBe(200);
  });

  it('refuses a socket whose Origin matches only its own Host header', async () => {
    const c = await user();
    await expect(connect(local, c.cookie, { Origin: 'http://evil.example', Host: 'evil.example' })).rejects.toThrow();
    await expect(connect(local, c.cookie, { Origin: `http://127.0.0.1:${server.port}` })).rejects.toThrow();
  });

  it.each([PUBLIC, ALSO])('accepts a socket from %s', async (origin) => {
    const c = await user();
    const socket = await connect(local, c.cookie, { Origin: origin });
    sockets.push(socket);
    expect(socket.connected).toBe(true);
  });
});

describe('open sockets end with their session', () => {
  it.each([
    ['idle', "last_seen_at = now() - interval '31 minutes'"],
    ['absolute', "created_at = now() - interval '13 hours'"],
  ])('after the %s timeout', async (_name, change) => {
    const c = await user();
    const socket = await connect(local, c.cookie, { Origin: PUBLIC });
    sockets.push(socket);
    const ended = new Promise<string>((resolve) => socket.once('session:ended', (p) => resolve(p.reason)));
    const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    await server.ctx.sql.unsafe(`update sessions set ${change} where user_id = $1`, [c.user.id]);
    expect(await ended).toBe('expired');
    await gone;
  });

  it('a live session keeps its socket', async () => {
    const c = await user();
    const socket = await connect(local, c.cookie, { Origin: PUBLIC });
    sockets.push(socket);
    await new Promise((r) => setTimeout(r, 2500));
    expect(socket.connected).toBe(true);
  });
});
