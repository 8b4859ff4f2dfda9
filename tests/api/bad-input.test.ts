import { connect } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { createTestContext, startTestServer, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

function expectErrorShape(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/URIError|stack|at \//);
}

describe('no input gets a 500', () => {
  it.each(['/%zz', '/api/v1/units/%zz', '/api/v1/requests/%E0%A4%A', '/assets/%ff.js'])('a malformed percent-escape in %s is a 4xx', async (path) => {
    const res = await request(t.app).get(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.code).toMatch(/BAD_REQUEST|ROUTE_NOT_FOUND/);
  });

  it('a malformed percent-escape in a route parameter keeps its 400 in the one error shape', async () => {
    const { client } = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
    const res = await client.get('/api/v1/units/%zz');
    expectErrorShape(res, 400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('a body declared gzip that is not gzip is a 400, not a 500', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('{"email":"a@b.example","password":"x"}');
    expectErrorShape(res, 400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('an unknown content encoding keeps its 415', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').set('Content-Type', 'application/json').set('Content-Encoding', 'zstd-x').send('{}');
    expectErrorShape(res, 415);
  });

  it('a NUL character in a text field is a 400 naming the field', async () => {
    const { client } = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
    const res = await client.post('/api/v1/api-tokens', { name: 'a\u0000b' });
    expectErrorShape(res, 400);
    expect(res.body.error.details.issues).toEqual([expect.objectContaining({ path: 'body.name', message: expect.stringContaining('NUL') })]);
  });

  it('a NUL character deep in a body, in a query and in a field name is named', async () => {
    const { client } = await userClient(t.app, t.ctx.sql, 'platform');
    const deep = await client.post('/api/v1/organisations', { kind: 'office', name: 'X', address: { street: 'a\u0000' } });
    expectErrorShape(deep, 400);
    expect(deep.body.error.details.issues[0].path).toBe('body.address.street');
    const key = await client.post('/api/v1/organisations', { ['na\u0000me']: 'X' });
    expectErrorShape(key, 400);
    expect(key.body.error.details.issues[0].path).toBe('body');
    const query = await client.get('/api/v1/organisations?q=%00');
    expectErrorShape(query, 400);
    expect(query.body.error.details.issues[0].path).toBe('query.q');
  });

  it('a NUL character in an uploaded CSV file is a 400, not a 500', async () => {
    const { client } = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
    const res = await client.agent
      .post('/api/v1/availability/csv?dryRun=true')
      .set('X-CSRF-Token', client.csrf)
      .set('Content-Type', 'text/csv')
      .send('unit_id;external_ref;free_places;planned_from;planned_places\n;BIR\u0000KE;1;;\n');
    expectErrorShape(res, 400);
    expect(res.body.error.details.issues).toEqual([{ path: 'body', message: expect.stringContaining('NUL') }]);
  });

  it('a lone surrogate is a 400 naming the field', async () => {
    const { client } = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
    const res = await client.agent
      .post('/api/v1/api-tokens')
      .set('X-CSRF-Token', client.csrf)
      .set('Content-Type', 'application/json')
      .send('{"name":"\\ud800x"}');
    expectErrorShape(res, 400);
    expect(res.body.error.details.issues).toEqual([expect.objectContaining({ path: 'body.name', message: expect.stringContaining('surrogate') })]);
  });
});

describe('slow or lying clients do not hold a socket', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ HTTP_REQUEST_TIMEOUT_MS: '1500', HTTP_HEADERS_TIMEOUT_MS: '1000' });
  });
  afterAll(() => server.stop());

  /** Sends `raw` and resolves with what came back and how long until the server closed the socket. */
  function rawExchange(raw: string, giveUpMs = 8000): Promise<{ text: string; closedAfterMs: number }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = connect(server.port, '127.0.0.1', () => socket.write(raw));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`socket still open after ${giveUpMs} ms; got: ${text.slice(0, 200)}`));
      }, giveUpMs);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve({ text, closedAfterMs: Date.now() - started });
      });
      socket.on('error', () => undefined);
    });
  }

  it('a declared Content-Length of 100 MB with a short body is refused and the socket closed', async () => {
    const { text } = await rawExchange(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{"email":',
    );
    expect(text).toMatch(/^HTTP\/1\.1 413/);
    expect(text).toContain('PAYLOAD_TOO_LARGE');
  });

  it('a body that never finishes is cut off by the request timeout', async () => {
    const { closedAfterMs } = await rawExchange(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":',
    );
    expect(closedAfterMs).toBeLessThan(5000);
  });

  it('headers that never finish are cut off by the headers timeout', async () => {
    const { closedAfterMs } = await rawExchange('GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1');
    expect(closedAfterMs).toBeLessThan(5000);
  });
});
