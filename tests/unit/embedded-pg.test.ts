import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/db';
import { startEmbeddedPg } from '../../server/embedded-pg';
import { freePort } from '../helpers/global-setup';

const root = mkdtempSync(join(tmpdir(), 'hpb-embedded-'));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function canQuery(url: string): Promise<boolean> {
  const sql = createDb(url, { max: 1 });
  try {
    const [r] = await sql`select 1 as one`;
    return r.one === 1;
  } finally {
    await sql.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('keeps its data between starts', async () => {
    const dir = join(root, 'keep');
    const port = await freePort();
    const first = await startEmbeddedPg({ dir, port });
    const sql = createDb(first.url, { max: 1 });
    await sql`create table kept (v text)`;
    await sql`insert into kept values ('still here')`;
    await sql.end();
    await first.stop();
    const second = await startEmbeddedPg({ dir, port });
    const again = createDb(second.url, { max: 1 });
    expect((await again`select v from kept`)[0].v).toBe('still here');
    await again.end();
    await second.stop();
  });

  it('deals with a postgres left running by a killed start', async () => {
    const dir = join(root, 'orphan');
    const port = await freePort();
    const orphan = await startEmbeddedPg({ dir, port });
    const pid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // the starting process "died": its postgres still runs; a new start must take over
    const next = await startEmbeddedPg({ dir, port });
    expect(await canQuery(next.url)).toBe(true);
    const newPid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(newPid).not.toBe(pid);
    await next.stop();
    void orphan;
  });

  it('removes a stale postmaster.pid whose process is gone', async () => {
    const dir = join(root, 'stale');
    const port = await freePort();
    const pg = await startEmbeddedPg({ dir, port });
    await pg.stop();
    writeFileSync(join(dir, 'postmaster.pid'), `999999\n${dir}\n`);
    const again = await startEmbeddedPg({ dir, port });
    expect(await canQuery(again.url)).toBe(true);
    await again.stop();
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
  });

  it('writes a new cluster (initdb --no-sync) to disk once asked, and keeps working meanwhile', async () => {
    const dir = join(root, 'sync');
    const port = await freePort();
    const pg = await startEmbeddedPg({ dir, port });
    expect(pg.initdbMs).toBeGreaterThan(0);
    const syncing = pg.syncToDisk();
    expect(pg.syncToDisk()).toBe(syncing); // once per start
    expect(await canQuery(pg.url)).toBe(true);
    await expect(syncing).resolves.toBeUndefined();
    await pg.stop();
    const again = await startEmbeddedPg({ dir, port });
    expect(again.initdbMs).toBe(0);
    await again.stop();
  });

  it('serves its Unix-domain socket (socketUrl) to the app client and to pg-boss\'s driver, and TCP (url) still', async () => {
    const dir = join(root, 'socket');
    const pg = await startEmbeddedPg({ dir, port: await freePort(), ephemeral: true });
    try {
      expect(pg.socketUrl).not.toBe(pg.url);
      const viaSocket = createDb(pg.socketUrl, { max: 1 });
      const viaTcp = createDb(pg.url, { max: 1 });
      try {
        // a connection over a Unix-domain socket has no server address
        expect((await viaSocket`select inet_server_addr()::text as addr`)[0].addr).toBeNull();
        expect((await viaTcp`select host(inet_server_addr()) as addr`)[0].addr).toBe('127.0.0.1');
      } finally {
        await viaSocket.end();
        await viaTcp.end();
      }
      // pg-boss's driver (it ships no types of its own)
      const { Client } = createRequire(import.meta.url)('pg') as {
        Client: new (o: { connectionString: string }) => { connect(): Promise<void>; query(q: string): Promise<{ rows: { addr: string | null }[] }>; end(): Promise<void> };
      };
      const client = new Client({ connectionString: pg.socketUrl });
      await client.connect();
      try {
        expect((await client.query('select inet_server_addr()::text as addr')).rows[0].addr).toBeNull();
      } finally {
        await client.end();
      }
    } finally {
      await pg.stop();
    }
  });
});
