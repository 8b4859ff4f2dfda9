import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const index = join(ROOT, 'client', 'dist', 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'client', 'src')), newestMtime(join(ROOT, 'shared')), newestMtime(join(ROOT, 'client', 'public')), statSync(join(ROOT, 'client', 'index.html')).mtimeMs);
  return existsSync(index) && statSync(index).mtimeMs >= sources;
}

/**
 * Builds the web client with Vite when `client/dist` is missing or older than its sources.
 * Several processes (test files, a start) may ask at once: a lock folder lets one build at a time.
 */
export function buildClientIfNeeded(log: (m: string) => void = console.log): void {
  if (isFresh()) return;
  const lock = join(ROOT, 'client', '.build-lock');
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // a lock older than 3 minutes belongs to a build that died
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > until) throw new Error(`Waited too long for another client build (${lock})`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (isFresh()) return;
    log('Building the web client …');
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'client', 'vite.config.ts')], {
      stdio: 'inherit',
      cwd: ROOT,
      // a test run sets NODE_ENV=test, which would make Vite build a development bundle
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (r.status !== 0) throw new Error('Building the web client failed');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
