/**
 * `npm run seed -- --units 15000 [--searches 500] [--history-searches 1000000 --history-requests 60000] [--seed 4242] [--database-url postgres://…]`
 *
 * Fills a database with a national-scale synthetic data set (server/demo/generate.ts): providers,
 * facilities in real towns, units with free places in 25-30 % of them, planned vacancies, offices
 * per district with two caseworkers each (password below), optionally open searches and a year of
 * monitoring history (recorded searches, closed requests, supply snapshots; then summarised as the
 * job monitoring.rollup does, server/demo/monitoring-activity.ts). Without
 * --database-url it uses DATABASE_URL, else the embedded PostgreSQL in .data/ like `npm start`
 * (the running one if `npm start` is up, else it starts it for the time of the seed).
 * Migrations run first. Progress goes to stderr, the summary (JSON) to stdout.
 */
import pino from 'pino';
import postgres from 'postgres';
import { loadConfig } from '../server/config';
import type { AppContext } from '../server/context';
import { createDb } from '../server/db';
import { generateDataset, generateOpenSearches } from '../server/demo/generate';
import { generateMonitoringActivity } from '../server/demo/monitoring-activity';
import { rollupMonitoring } from '../server/features/monitoring/rollup';
import { startEmbeddedPg, type EmbeddedPg } from '../server/embedded-pg';
import { Jobs } from '../server/jobs/registry';
import { createMailer } from '../server/mailer';
import { migrate } from '../server/migrate';
import { hashPassword } from '../server/passwords';

const PASSWORD = 'Seed-Password-2024';
const MAX_UNITS = 200_000;

function args(argv: string[]) {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = argv[i].match(/^--([a-z-]+)(?:=(.*))?$/);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    out[m[1]] = m[2] ?? argv[++i] ?? '';
  }
  return out;
}

function count(value: string | undefined, name: string, dflt: number, max: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`--${name} must be a whole number from 0 to ${max}`);
  return n;
}

/** A progress bar on stderr (redrawn in place on a terminal, a line per step otherwise). */
function progressBar() {
  let lastLine = '';
  return (phase: string, done: number, total: number) => {
    const share = total ? done / total : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const line = `${phase.padEnd(18)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`);
    else if (line !== lastLine && (done >= total || done % Math.max(1, Math.round(total / 10)) < 400)) process.stderr.write(`${line}\n`);
    lastLine = line;
  };
}

async function answers(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

async function main() {
  const a = args(process.argv.slice(2));
  const units = count(a.units, 'units', 15_000, MAX_UNITS);
  const searches = count(a.searches, 'searches', 0, 100_000);
  const seed = count(a.seed, 'seed', 4242, 2 ** 31);
  const history = { searches: count(a['history-searches'], 'history-searches', 0, 10_000_000), requests: count(a['history-requests'], 'history-requests', 0, 1_000_000) };
  const config = loadConfig({ ...process.env, ...(a['database-url'] ? { DATABASE_URL: a['database-url'] } : {}), LOG_LEVEL: 'warn' });
  const log = pino({ level: 'warn' });
  let embedded: EmbeddedPg | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    // `npm start` may be running on the embedded database: use it rather than taking it over
    const running = `postgres://postgres:postgres@127.0.0.1:${config.EMBEDDED_PG_PORT}/postgres`;
    if (await answers(running)) url = running;
    else {
      embedded = await startEmbeddedPg({ dir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT, log: (m) => process.stderr.write(`${m}\n`) });
      url = embedded.url;
    }
  }
  const owner = createDb(url, { max: 2 });
  const sql = createDb(url, { max: 4, role: config.APP_DB_ROLE });
  try {
    await migrate(owner, config.APP_DB_ROLE);
    const bar = progressBar();
    const started = Date.now();
    const result = await generateDataset(owner, { units, seed, onProgress: bar, passwordHash: await hashPassword(PASSWORD) });
    let openSearches = 0;
    const ctx: AppContext = { config, sql, log, jobs: new Jobs(url, log, async () => {}), mailer: createMailer(undefined, config.MAIL_FROM, log) };
    if (searches > 0) {
      openSearches = (await generateOpenSearches(ctx, searches, result.caseworkers, { seed, onProgress: (d, t) => bar('open searches', d, t) })).length;
    }
    if (history.searches > 0 || history.requests > 0) {
      bar('monitoring history', 0, 2);
      await generateMonitoringActivity(owner, history);
      bar('monitoring history', 1, 2);
      await rollupMonitoring(ctx);
      bar('monitoring history', 2, 2);
    }
    const { caseworkers, ...summary } = result;
    process.stdout.write(
      `${JSON.stringify({ ...summary, caseworkers: caseworkers.length, openSearches, history, seconds: Math.round((Date.now() - started) / 100) / 10, login: caseworkers[0] ? { email: caseworkers[0].email, password: PASSWORD } : null })}\n`,
    );
  } finally {
    await sql.end({ timeout: 5 });
    await owner.end({ timeout: 5 });
    await embedded?.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`seed failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
