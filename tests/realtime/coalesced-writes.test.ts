import { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { publishEvent, rooms } from '../../server/events';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';
import { login, makeOrg, makeUser } from '../helpers/factories';
import { connect, type TestSocket } from '../helpers/sockets';

let server: RunningServer;
let socket: TestSocket | undefined;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  socket?.close();
  await server?.stop();
});

/**
 * A committed change that sends one connection many events at once (server/realtime/coalesce-writes.ts):
 * every event arrives, in order, and the node writes them to that connection's TCP socket with a few
 * system calls, not one per event.
 */
describe('events sent together to one connection', () => {
  it('arrive all and in order, written with a few writes instead of one per event', async () => {
    const org = await makeOrg(server.ctx.sql, 'provider');
    const user = await makeUser(server.ctx.sql, org, 'provider_staff');
    const { cookie } = await login(server.http, user);
    socket = await connect(server.url, cookie);
    const got: EventEnvelope[] = [];
    socket.on('event', (e) => {
      if ((e.payload as { organisationId?: string }).organisationId === org.id) got.push(e);
    });

    // the node's writes to WebSocket connections of its HTTP server (not to PostgreSQL, not the test's)
    const proto = NetSocket.prototype as unknown as Record<'_write' | '_writev', (this: NetSocket, ...a: unknown[]) => unknown>;
    const original = { _write: proto._write, _writev: proto._writev };
    let writes = 0;
    for (const name of ['_write', '_writev'] as const) {
      proto[name] = function (this: NetSocket, ...a: unknown[]) {
        if (this.localPort === server.port) writes++;
        return original[name].apply(this, a);
      };
    }
    const n = 80;
    let seqs: number[] = [];
    try {
      seqs = await server.ctx.sql.begin(async (tx) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push(await publishEvent(tx, 'organisation:changed', [rooms.org(org.id)], { organisationId: org.id, verified: i % 2 === 0 }));
        return out;
      });
      await expect.poll(() => got.length, { timeout: 10_000 }).toBe(n);
    } finally {
      Object.assign(proto, original);
    }
    expect(got.map((e) => e.seq)).toEqual(seqs);
    // one write for the first frame, one for the frames that waited meanwhile (and room for a ping)
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(6);
  });
});
