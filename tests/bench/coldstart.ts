/**
 * `npm run bench:coldstart`: the first start of the demo. Runs what `npm start` runs (node --import
 * tsx server/main.ts) with the embedded PostgreSQL in an empty temporary data directory, and measures
 * until /readyz answers 200 and a demo login succeeds. Prints one JSON line per run with the total and
 * the server's own phases (initdb, migrations, demo data, …), then stops the server by its PID and
 * checks that the PostgreSQL it started is gone (killing that one by the PID in its postmaster.pid if
 * not). BENCH_N runs (default 3); the client must be built already (`npm run build`): a build is not
 * part of a cold start of the data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/demo/demo-orgs';

// BENCH_ROOT: another checkout to measure the same way (e.g. main's, for a before/after)
const ROOT = process.env.BENCH_ROOT ?? join(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.BENCH_N ?? 3);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess, dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  const pgPid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  if (child.exitCode === null && child.pid) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  if (pgPid > 0 && alive(pgPid)) {
    process.kill(pgPid, 'SIGINT'); // fast shutdown of the PostgreSQL this run started
    for (let i = 0; i < 100 && alive(pgPid); i++) await sleep(100);
  }
}

async function oneRun(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'heimplatz-cold-'));
  chmodSync(dir, 0o755); // run as root, initdb runs as the postgres user and must reach the folder
  const dataDir = join(dir, 'postgres');
  const [pgPort, port] = [await freePort(), await freePort()];
  const started = performance.now();
  // what `npm start` runs (package.json), without npm's own start-up around it
  // (its leading `exec` only makes the shell hand the process over to node, so that signals reach it)
  const [command, ...args] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string).replace(/^exec /, '').split(' ');
  const child = spawn(command === 'node' ? process.execPath : join(ROOT, 'node_modules', '.bin', command), args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'development', EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', PUBLIC_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    let readyMs = 0;
    while (!readyMs) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${out.slice(-3000)}`);
      if (performance.now() - started > 120_000) throw new Error(`not ready after 120 s:\n${out.slice(-3000)}`);
      const ok = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
      if (ok) readyMs = performance.now() - started;
      else await sleep(20);
    }
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'post',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_USERS[0].email, password: DEMO_PASSWORD }),
    });
    if (process.env.BENCH_SHOW_LOG) console.error(out);
    if (login.status !== 200) throw new Error(`demo login answered ${login.status}: ${await login.text()}`);
    const loginMs = performance.now() - started;
    const line = out.split('\n').find((l) => l.includes('"start phases"'));
    const phases = line ? (JSON.parse(line).phases as Record<string, number>) : {};
    return { bench: 'coldstart', ready_ms: Math.round(readyMs), login_ok_ms: Math.round(loginMs), phases };
  } finally {
    await stopChild(child, dataDir);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!existsSync(join(ROOT, 'client', 'dist', 'index.html'))) {
  console.error('client/dist is missing: run `npm run build` first (a client build is not part of a cold start).');
  process.exit(1);
}
const results: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const r = await oneRun();
  results.push(r.ready_ms as number);
  console.log(JSON.stringify({ run: i + 1, ...r }));
}
results.sort((a, b) => a - b);
console.log(JSON.stringify({ bench: 'coldstart_summary', runs: RUNS, median_ready_ms: results[Math.floor(results.length / 2)], min_ready_ms: results[0], max_ready_ms: results.at(-1), target_ms: 3000 }));
