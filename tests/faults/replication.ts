import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Sql } from '../../server/db';
import { migrate } from '../../server/migrate';
import { freePort } from '../helpers/global-setup';
import { BIN, destroyPostmaster, runAs } from './cluster';

/**
 * One PostgreSQL server of a replicated pair, made from the embedded binaries (initdb, pg_ctl and
 * postgres only: no pg_basebackup, no pg_rewind). A standby is cloned from a running primary with
 * the low-level backup API (`pg_backup_start()`, a file copy, `pg_backup_stop()` and its backup
 * label) plus `standby.signal` and `primary_conninfo`, as an operator without the client tools would.
 */
export interface PgServer {
  name: string;
  port: number;
  dir: string;
  /** A direct address of this server (not through the proxy). */
  url: string;
  start(): void;
  stop(mode: 'fast' | 'immediate'): void;
  /** `pg_ctl promote`: the standby leaves recovery and takes writes. */
  promote(): void;
  pid(): number | undefined;
  /** Stops the postmaster by its PID (if running) and removes its files. */
  destroy(): void;
}

const ids = runAs();

function run(bin: string, args: string[], timeoutMs = 60_000) {
  const r = spawnSync(join(BIN, bin), args, { ...ids, timeout: timeoutMs, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

async function server(name: string, root: string): Promise<PgServer> {
  const dir = join(root, 'data');
  const port = await freePort();
  // wal_keep_size keeps the WAL a freshly cloned standby asks for; synchronous_standby_names is
  // set with ALTER SYSTEM once a standby streams (a command-line value would override it)
  const options = [
    `-p ${port}`,
    '-c fsync=off',
    '-c full_page_writes=on',
    '-c max_connections=200',
    `-c unix_socket_directories=${root}`,
    '-c listen_addresses=127.0.0.1',
    '-c wal_level=replica',
    '-c wal_keep_size=512MB',
    '-c hot_standby=on',
    '-c synchronous_commit=on',
    `-c cluster_name=${name}`,
  ].join(' ');
  const self: PgServer = {
    name,
    port,
    dir,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => run('pg_ctl', ['start', '-D', dir, '-l', join(root, 'postgres.log'), '-w', '-t', '30', '-o', options]),
    stop: (mode) => run('pg_ctl', ['stop', '-D', dir, '-m', mode, '-w', '-t', '30']),
    promote: () => run('pg_ctl', ['promote', '-D', dir, '-w', '-t', '30']),
    pid() {
      try {
        return Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
      } catch {
        return undefined;
      }
    },
    destroy() {
      destroyPostmaster(self.pid(), root);
    },
  };
  return self;
}

function newRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'hpb-ha-pg-'));
  chmodSync(root, 0o755);
  if (ids.uid !== undefined) chownSync(root, ids.uid, ids.gid!);
  return root;
}

/** A fresh primary with the app's migrations applied. */
export async function createPrimary(name: string): Promise<PgServer> {
  const root = newRoot();
  const s = await server(name, root);
  run('initdb', ['-D', s.dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C']);
  s.start();
  const owner = createDb(s.url, { max: 1 });
  try {
    await migrate(owner, 'hpb_app');
  } finally {
    await owner.end();
  }
  return s;
}

/**
 * A standby of `primary` from a low-level base backup taken while the primary runs. It starts,
 * streams, and the primary then waits for it at every commit (synchronous_standby_names), so an
 * acknowledged commit is on both servers.
 */
export async function cloneStandby(primary: PgServer, name: string, opts: { synchronous: boolean }): Promise<PgServer> {
  const root = newRoot();
  const s = await server(name, root);
  const owner = createDb(primary.url, { max: 1 });
  try {
    const c = await owner.reserve();
    try {
      await c`select pg_backup_start(${`clone ${name}`}, true)`;
      const cp = spawnSync('cp', ['-a', primary.dir, s.dir], { encoding: 'utf8' });
      if (cp.status !== 0) throw new Error(`copy failed: ${cp.stderr}`);
      const [stop] = await c`select labelfile, spcmapfile from pg_backup_stop(false)`;
      writeFileSync(join(s.dir, 'backup_label'), String(stop.labelfile));
      if (stop.spcmapfile) writeFileSync(join(s.dir, 'tablespace_map'), String(stop.spcmapfile));
    } finally {
      c.release();
    }
    // what a base backup leaves out: the primary's process files and its WAL (streamed instead)
    for (const f of ['postmaster.pid', 'postmaster.opts']) rmSync(join(s.dir, f), { force: true });
    for (const f of readdirSync(join(s.dir, 'pg_wal'))) if (f !== 'archive_status') rmSync(join(s.dir, 'pg_wal', f), { recursive: true, force: true });
    for (const f of readdirSync(join(s.dir, 'pg_replslot'))) rmSync(join(s.dir, 'pg_replslot', f), { recursive: true, force: true });
    // the primary's ALTER SYSTEM settings are not the standby's: after a promotion it must not wait for itself
    writeFileSync(join(s.dir, 'postgresql.auto.conf'), `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres application_name=${name}'\n`);
    writeFileSync(join(s.dir, 'standby.signal'), '');
    if (ids.uid !== undefined) spawnSync('chown', ['-R', `${ids.uid}:${ids.gid}`, s.dir]);
    s.start();
    await waitFor(async () => (await owner`select 1 from pg_stat_replication where application_name = ${name} and state = 'streaming'`).length === 1, 30_000, `${name} streaming`);
    if (opts.synchronous) {
      await owner.unsafe(`alter system set synchronous_standby_names = '"${name}"'`);
      await owner`select pg_reload_conf()`;
      await waitFor(async () => (await owner`select 1 from pg_stat_replication where application_name = ${name} and sync_state = 'sync'`).length === 1, 10_000, `${name} synchronous`);
    }
  } finally {
    await owner.end({ timeout: 1 });
  }
  return s;
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Whether a server is in recovery (a standby), asked directly. */
export async function inRecovery(s: PgServer): Promise<boolean> {
  const db: Sql = createDb(s.url, { max: 1, connectTimeoutSeconds: 2 });
  try {
    const [r] = await db`select pg_is_in_recovery() as r`;
    return Boolean(r.r);
  } finally {
    await db.end({ timeout: 1 });
  }
}

/**
 * The one database address of the app nodes, standing in for HAProxy that checks Patroni's
 * `/primary` (or a virtual IP): it forwards to the current primary; `switchTo` points it at the
 * promoted server and cuts every connection to the old one (HAProxy's `on-marked-down
 * shutdown-sessions`). A connection the target refuses is closed at once.
 */
export class PrimaryProxy {
  private server?: Server;
  private readonly open = new Set<Socket>();
  port = 0;

  constructor(private target: number) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    this.server = createServer((down) => {
      const up = tcpConnect(this.target, '127.0.0.1');
      this.open.add(down);
      this.open.add(up);
      const end = () => {
        down.destroy();
        up.destroy();
        this.open.delete(down);
        this.open.delete(up);
      };
      for (const s of [down, up]) {
        s.on('error', end);
        s.on('close', end);
      }
      down.pipe(up).pipe(down);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server!.address() as { port: number }).port;
  }

  switchTo(port: number): void {
    this.target = port;
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  async stop(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
