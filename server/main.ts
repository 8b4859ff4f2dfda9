/**
 * `npm start`: builds the web client when it is missing or older than its sources, then starts the
 * whole product and prints the URL and the demo logins. SIGINT/SIGTERM stop everything cleanly.
 */
import { buildClientIfNeeded } from './build-client';
import { ConfigError, loadConfig } from './config';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-orgs';
import { startEmbeddedPg } from './embedded-pg';

async function main() {
  // the embedded PostgreSQL's first start (initdb) is the longest step of a cold start: it begins
  // before the rest of the server is even loaded (server/index.ts loads its HTTP side meanwhile too)
  const config = loadConfig(process.env);
  const embedded = config.DATABASE_URL
    ? undefined
    : startEmbeddedPg({ dir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT, log: (m) => console.warn(m) });
  embedded?.catch(() => {}); // start() awaits it and reports its failure
  if (process.env.NODE_ENV !== 'production') buildClientIfNeeded();
  const [{ start }, { containFaults }] = await Promise.all([import('./index'), import('./fault-containment')]);
  const server = await start({ embedded });
  // a postgres.js exception from a dead socket can leave a connection unable to send: renew the pool
  containFaults(server.ctx.log, undefined, (e) => server.ctx.renewPool?.(e.message));
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
