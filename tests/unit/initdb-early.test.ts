import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/db';
import { startEmbeddedPg } from '../../server/embedded-pg';
import { beginEarlyInitdb, takeEarlyInitdb } from '../../server/initdb.mjs';
import { freePort } from '../helpers/global-setup';

// `npm start` begins a first start's initdb before the server's code loads (server/start-initdb.mjs);
// startEmbeddedPg must take that one over, and the early start must never touch an existing cluster.
const root = mkdtempSync(join(tmpdir(), 'hpb-early-initdb-'));
chmodSync(root, 0o755); // initdb runs as the postgres user when the tests run as root
afterAll(() => rmSync(root, { recursive: true, force: true }));

const early = () => (globalThis as Record<symbol, { running: Promise<number> } | undefined>)[Symbol.for('heimplatzboerse.early-initdb')];

describe('early initdb of npm start', () => {
  it('is taken over by startEmbeddedPg for the same folder: one initdb, a working cluster', async () => {
    const dir = join(root, 'fresh');
    beginEarlyInitdb({ EMBEDDED_PG_DIR: dir });
    const running = early()?.running;
    expect(running).toBeDefined();
    const pg = await startEmbeddedPg({ dir, port: await freePort() });
    try {
      // the duration startEmbeddedPg reports is the early initdb's own: it ran no second one
      expect(pg.initdbMs).toBe(await running);
      expect(early()).toBeUndefined();
      const sql = createDb(pg.url, { max: 1 });
      expect((await sql`select current_setting('server_encoding') as enc, (select datcollate from pg_database where datname = current_database()) as coll`)[0]).toEqual({ enc: 'UTF8', coll: 'C' });
      await sql.end();
    } finally {
      await pg.stop();
    }
  });

  it('leaves an existing cluster alone and does nothing with DATABASE_URL', () => {
    const dir = join(root, 'existing');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'PG_VERSION'), '18\n');
    writeFileSync(join(dir, 'precious'), 'data');
    beginEarlyInitdb({ EMBEDDED_PG_DIR: dir });
    expect(takeEarlyInitdb(dir)).toBeUndefined();
    expect(existsSync(join(dir, 'precious'))).toBe(true);

    const other = join(root, 'external');
    beginEarlyInitdb({ EMBEDDED_PG_DIR: other, DATABASE_URL: 'postgres://db.example/app' });
    expect(takeEarlyInitdb(other)).toBeUndefined();
    expect(existsSync(other)).toBe(false);
  });
});
