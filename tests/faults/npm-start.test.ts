import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/global-setup';

// `npm start` as an operator runs it under a supervisor or from a script: a SIGTERM sent to the npm
// process (the PID the operator knows) must stop the app and its embedded PostgreSQL, not leave both
// running as orphans (as it did while npm started the app through a shell that did not pass it on).

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'hpb-npm-start-'));
// PostgreSQL runs as its own user when the tests run as root
chmodSync(dir, 0o755);
const pgDir = join(dir, 'postgres');
let npm: ChildProcess | undefined;
let appPid: number | undefined;
let pgPid: number | undefined;

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // a zombie (exited, not yet reaped by its parent) counts as gone
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

async function waitFor(what: string, ok: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

afterAll(async () => {
  // leftovers are stopped by their PIDs (the app first: it stops its PostgreSQL)
  if (alive(appPid)) process.kill(appPid!, 'SIGTERM');
  await waitFor('the app to stop', () => !alive(appPid), 20_000).catch(() => alive(appPid) && process.kill(appPid!, 'SIGKILL'));
  if (alive(pgPid)) process.kill(pgPid!, 'SIGQUIT');
  await waitFor('PostgreSQL to stop', () => !alive(pgPid), 10_000).catch(() => alive(pgPid) && process.kill(pgPid!, 'SIGKILL'));
  if (npm?.pid && alive(npm.pid)) npm.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('npm start', () => {
  it('stops the app and its embedded PostgreSQL when the npm process gets SIGTERM', async () => {
    const port = await freePort();
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && k !== 'DATABASE_URL' && k !== 'NODE_ENV' && !k.startsWith('VITEST')) env[k] = v;
    }
    Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_DIR: pgDir, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'error' });
    let output = '';
    npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    npm.stdout!.on('data', (d) => (output += d));
    npm.stderr!.on('data', (d) => (output += d));

    await waitFor(
      'the app to be ready',
      async () => {
        if (npm!.exitCode !== null) throw new Error(`npm start exited early (${npm!.exitCode}):\n${output.slice(-2000)}`);
        return fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      },
      150_000,
    );
    const pidFile = join(pgDir, 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    pgPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    appPid = parentOf(pgPid);
    expect(alive(pgPid)).toBe(true);
    expect(alive(appPid)).toBe(true);
    expect(appPid).not.toBe(npm.pid);

    npm.kill('SIGTERM');
    await waitFor('the app and PostgreSQL to stop', () => !alive(appPid) && !alive(pgPid), 30_000);
    expect(alive(appPid)).toBe(false);
    expect(alive(pgPid)).toBe(false);
  }, 240_000);
});
