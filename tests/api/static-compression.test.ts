import { readFileSync } from 'node:fs';
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIST, createApp } from '../../server/app';
import { buildClientIfNeeded } from '../../server/build-client';
import { createTestContext, type TestContext } from '../helpers/context';

/** The web client's assets travel compressed (issue 18: the login page moved 407 KB instead of 129 KB). */

let t: TestContext;
let server: Server;
let base: string;
let script: string;

beforeAll(async () => {
  buildClientIfNeeded(() => {});
  t = await createTestContext();
  server = createApp(t.ctx, { serveClient: true }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  script = /<script[^>]+src="([^"]+\.js)"/.exec(readFileSync(join(CLIENT_DIST, 'index.html'), 'utf8'))![1];
}, 240_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await t?.close();
});

/** Raw bytes and headers, without any client-side decompression. */
function fetchRaw(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('compressed static assets', () => {
  it('sends the brotli copy, else the gzip copy, else the file itself, always with its own type', async () => {
    const raw = readFileSync(join(CLIENT_DIST, script));
    const br = await fetchRaw(script, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.body.length).toBeLessThan(raw.length / 2);
    expect(brotliDecompressSync(br.body).equals(raw)).toBe(true);

    const gz = await fetchRaw(script, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/javascript/);
    expect(gunzipSync(gz.body).equals(raw)).toBe(true);

    const plain = await fetchRaw(script);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(raw)).toBe(true);
  });

  it('keeps the service worker uncached and serves nothing outside the build', async () => {
    const sw = await fetchRaw('/sw.js', 'br, gzip');
    expect(sw.status).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
    const outside = await fetchRaw('/..%2f..%2fpackage.json', 'br, gzip');
    expect(outside.body.toString()).not.toContain('"dependencies"');
  });
});
