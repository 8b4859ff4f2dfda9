/**
 * `npm start`: builds the web client when it is missing or older than its sources, then starts the
 * whole product and prints the URL and the demo logins. SIGINT/SIGTERM stop everything cleanly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-orgs';
import { start, ROOT } from './index';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildClientIfNeeded(): void {
  const index = join(ROOT, 'client', 'dist', 'index.html');
  const src = join(ROOT, 'client', 'src');
  if (existsSync(index) && (!existsSync(src) || statSync(index).mtimeMs >= Math.max(newestMtime(src), newestMtime(join(ROOT, 'shared'))))) return;
  console.log('Building the web client …');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'client', 'vite.config.ts')], {
    stdio: 'inherit',
    cwd: ROOT,
  });
  if (r.status !== 0) throw new Error('Building the web client failed');
}

async function main() {
  if (process.env.NODE_ENV !== 'production') buildClientIfNeeded();
  const server = await start();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, shutting down …`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const lines = [`\nHeimplatzbörse läuft auf ${server.url}`];
  if (server.ctx.config.DEMO_DATA) {
    lines.push(`\nDemo-Zugänge (Passwort für alle: ${DEMO_PASSWORD})`);
    for (const u of DEMO_USERS) lines.push(`  ${u.email.padEnd(40)} ${u.label}`);
  }
  lines.push(`\nAPI: ${server.url}/api/docs   Stop: Ctrl+C\n`);
  console.log(lines.join('\n'));
}

main().catch((e) => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error('Start failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
