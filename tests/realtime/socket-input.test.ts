import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';
import { login, makeOrg, makeUser } from '../helpers/factories';
import { connect, type TestSocket } from '../helpers/sockets';

let server: RunningServer;
let socket: TestSocket;
beforeAll(async () => {
  server = await startTestServer();
  const org = await makeOrg(server.ctx.sql, 'office');
  const client = await login(server.http, await makeUser(server.ctx.sql, org, 'caseworker'));
  socket = await connect(server.url, client.cookie);
});
afterAll(async () => {
  socket?.close();
  await server?.stop();
});

/** Sends what a broken or hostile client might, past the typed event map. */
const ask = (event: string, payload: unknown) =>
  (socket as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(event, payload);

const validationError = (paths: string[]) => ({
  error: {
    code: 'VALIDATION_FAILED',
    message: expect.stringMatching(/^Invalid input: payload/),
    details: { issues: paths.map((path) => expect.objectContaining({ path, message: expect.any(String) })) },
  },
});

describe('socket input is validated and refused in the one error shape', () => {
  it('sync:since: a payload that is not an object, or a seq that is not a number', async () => {
    expect(await ask('sync:since', 'garbage')).toEqual(validationError(['payload']));
    expect(await ask('sync:since', { seq: '12' })).toEqual(validationError(['payload.seq']));
    expect(await ask('sync:since', { seq: 1.5 })).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Invalid input: payload.seq: must be a non-negative integer',
        details: { issues: [expect.objectContaining({ path: 'payload.seq', message: 'must be a non-negative integer' })] },
      },
    });
  });

  it('search:join names every wrong field; search:leave refuses a wrong id', async () => {
    expect(await ask('search:join', { searchId: 'not-a-uuid', since: -1 })).toEqual(validationError(['payload.searchId', 'payload.since']));
    expect(await ask('search:join', {})).toEqual(validationError(['payload.searchId']));
    expect(await ask('search:leave', { searchId: 42 })).toEqual(validationError(['payload.searchId']));
  });

  it('the socket keeps working after refused input', async () => {
    expect(socket.connected).toBe(true);
    expect(await ask('sync:since', { seq: 0 })).toEqual({ events: [], complete: true, lastSeq: expect.any(Number) });
    expect(await ask('search:leave', { searchId: '00000000-0000-4000-8000-000000000000' })).toEqual({ ok: true });
  });
});
