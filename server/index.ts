import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import pino, { type Logger } from 'pino';
import { loadConfig, type Config } from './config';
import type { AppContext } from './context';
import { settleAfterAnswer } from './after-answer';
import { createDb, poolOptions, type Sql } from './db';
import { startEmbeddedPg, type EmbeddedPg } from './embedded-pg';
import { migrate } from './migrate';
import type { Realtime } from './realtime/socket';

/**
 * After a burst (a provider's bulk update, a thousand sockets) V8 kept its heap at about three
 * times what stayed alive (old space 148 MB for 42 MB live), and the process's resident memory
 * with it. A fixed growing factor bounds that: the next full collection comes sooner, mostly on
 * V8's background threads. Read by V8 at every full collection, so it holds from here on.
 */
function limitHeapGrowth(percent: number) {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * The HTTP side of the node (routes, realtime, jobs), imported while the database starts and
 * migrates: loading the code takes about as long as a first initdb, and the two run side by side
 * (PostgreSQL is another process). Only the database part is imported up front.
 */
async function loadServerModules() {
  const [app, dbHealth, dbPool, jobsAll, jobsRegistry, mailer, socket, features, rematch] = await Promise.all([
    import('./app'),
    import('./db-health'),
    import('./db-pool'),
    import('./jobs/all'),
    import('./jobs/registry'),
    import('./mailer'),
    import('./realtime/socket'),
    import('./realtime/features'),
    import('./features/search/rematch-queue'),
  ]);
  return {
    createApp: app.createApp,
    DbHealth: dbHealth.DbHealth,
    RenewablePool: dbPool.RenewablePool,
    allJobs: jobsAll.allJobs,
    Jobs: jobsRegistry.Jobs,
    createMailer: mailer.createMailer,
    createRealtime: socket.createRealtime,
    socketFeatures: features.socketFeatures,
    startRematchWorker: rematch.startRematchWorker,
  };
}

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  http: Server;
  /** True when this start created the demo data. */
  seeded: boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Seed the demo data set when the database has none (default: config.DEMO_DATA). */
  demo?: boolean;
  logger?: Logger;
  /** The embedded PostgreSQL, already starting (server/main.ts); stopped by stop() like one started here. */
  embedded?: Promise<EmbeddedPg>;
}

/** For the demo only: a generated secret kept beside the data so sessions survive restarts. */
function demoSecret(config: Config): string | undefined {
  const file = resolve(dirname(config.EMBEDDED_PG_DIR), 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, config.SESSION_SECRET, { mode: 0o600 });
  return config.SESSION_SECRET;
}

/** Starts database, migrations, jobs, HTTP and realtime. `stop()` undoes all of it, in reverse. */
export async function start(opts: StartOptions = {}): Promise<RunningServer> {
  const env = opts.env ?? process.env;
  const config = loadConfig(env);
  const log = opts.logger ?? pino({ level: config.LOG_LEVEL });
  limitHeapGrowth(config.HEAP_GROWING_PERCENT);
  const cleanups: (() => Promise<void>)[] = [];
  // how long each step of the start took (ms), logged once the node listens: `npm run bench:coldstart`
  // boot: from the process's start to here (loading the code)
  const phases: Record<string, number> = { boot: Math.round(performance.now()) };
  let last = performance.now();
  const mark = (phase: string) => {
    const now = performance.now();
    phases[phase] = Math.round(now - last);
    last = now;
  };
  const stopAll = async () => {
    for (const c of cleanups.reverse()) await c().catch((e) => log.error({ err: e }, 'error during shutdown'));
    cleanups.length = 0;
  };
  const loading = loadServerModules();
  loading.catch(() => {}); // awaited below; a failed start before that must not leave it unhandled
  try {
    let url = config.DATABASE_URL;
    let embedded: EmbeddedPg | undefined;
    if (!url) {
      embedded = await (opts.embedded ?? startEmbeddedPg({ dir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT, log: (m) => log.warn(m) }));
      cleanups.push(() => embedded!.stop());
      url = embedded.socketUrl;
      if (!env.SESSION_SECRET) config.SESSION_SECRET = demoSecret(config) ?? config.SESSION_SECRET;
      mark('embedded_pg');
      phases.initdb = embedded.initdbMs;
    }
    const owner: Sql = createDb(url, { max: 2 });
    cleanups.push(() => owner.end({ timeout: 5 }));
    const timed = <T>(phase: string, p: Promise<T>) => {
      const t = performance.now();
      return p.finally(() => (phases[phase] = Math.round(performance.now() - t)));
    };
    // pg-boss creates its own schema and queues while ours migrates (another connection, another
    // PostgreSQL backend: on a first start both take about as long); only its grants to the
    // application role wait for the migrations, which create that role
    const migrating = timed('migrations', migrate(owner, config.APP_DB_ROLE));
    migrating.catch(() => {}); // awaited below
    const demo = opts.demo ?? config.DEMO_DATA;
    const seedDemo = demo ? import('./demo/seed-demo') : undefined;
    seedDemo?.catch(() => {}); // awaited below
    const { createApp, DbHealth, RenewablePool, allJobs, Jobs, createMailer, createRealtime, socketFeatures, startRematchWorker } = await loading;
    mark('code_wait');

    const pool = new RenewablePool(() => createDb(url!, poolOptions(config)), log);
    const sql = pool.sql;
    cleanups.push(() => pool.end({ timeout: 5 }));
    // once HTTP is closed (cleanups run in reverse): the writes answered requests left (search records)
    // finish before the pool closes
    cleanups.push(() => settleAfterAnswer());
    const health = new DbHealth(url, log);
    cleanups.push(() => health.close());
    // every connection was cut by the outage (a failover among them): start afresh with a new pool
    // rather than keep one that postgres.js may have left unable to send (db-pool.ts)
    health.onRecovered(() => pool.renew('database reachable again'));
    const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM, log);
    cleanups.push(async () => mailer.close());
    const jobs = new Jobs(url, log, async () => {
      await migrating;
      await owner.unsafe(`grant usage on schema pgboss to ${config.APP_DB_ROLE};
        grant select, insert, update, delete on all tables in schema pgboss to ${config.APP_DB_ROLE};
        grant usage, select on all sequences in schema pgboss to ${config.APP_DB_ROLE};
        grant execute on all functions in schema pgboss to ${config.APP_DB_ROLE};`);
    });
    jobs.register(...allJobs);
    const newListenClient = () => createDb(url, { max: 1, connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT_SECONDS });
    const ctx: AppContext = { config, sql, log, jobs, mailer, health, newListenClient, renewPool: (reason) => pool.renew(reason) };

    cleanups.push(() => jobs.stop());
    const jobsStarting = timed('jobs', jobs.start(ctx, { work: config.JOBS_ENABLED }));
    jobsStarting.catch(() => {}); // awaited below
    // the routes are built meanwhile (the node's own CPU, while PostgreSQL works); nothing listens yet
    const app = createApp(ctx, { serveClient: true });
    const http = createServer(
      {
        headersTimeout: Math.min(config.HTTP_HEADERS_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS),
        requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
        // how often Node checks the two timeouts above (its default of 30 s would stretch them)
        connectionsCheckingInterval: Math.min(1000, config.HTTP_HEADERS_TIMEOUT_MS),
      },
      app,
    );
    mark('routes');
    const { applied, functions } = await migrating;
    if (applied.length || functions.length) log.info({ applied, functions }, 'migrations applied');
    mark('migrations_wait');
    // the demo data goes in beside the rest of pg-boss's start
    const preparing = Promise.allSettled([
      seedDemo ? timed('demo_data', seedDemo.then(({ seedDemoIfEmpty }) => seedDemoIfEmpty(ctx))) : false,
      jobsStarting,
    ]);
    const [seeding, jobsStarted] = await preparing;
    if (seeding.status === 'rejected') throw seeding.reason;
    if (jobsStarted.status === 'rejected') throw jobsStarted.reason;
    const seeded = seeding.value;
    mark('demo_data_and_jobs');
    // every node re-matches queued bulk changes (not only job nodes: the realtime path needs it)
    const rematch = await startRematchWorker(ctx);
    cleanups.push(() => rematch.stop());

    let realtime: Realtime | undefined;
    realtime = await createRealtime(ctx, http, socketFeatures);
    cleanups.push(async () => {
      // readiness says 503 from now on; stop accepting, let requests in flight finish, then close
      // the sockets at the transport level so their clients reconnect (to any node) and resync
      ctx.draining = true;
      const closed = new Promise<void>((r) => http.close(() => r()));
      http.closeIdleConnections();
      await realtime?.close();
      // a keep-alive client (a balancer's pooled connection) that keeps sending would hold the node
      // open: its answers now carry "Connection: close", idle ones are closed each second, and after
      // RESPONSE_TIMEOUT_SECONDS whatever is left is cut
      const sweep = setInterval(() => http.closeIdleConnections(), 1000);
      const cut = setTimeout(() => http.closeAllConnections(), config.RESPONSE_TIMEOUT_SECONDS * 1000);
      await closed;
      clearInterval(sweep);
      clearTimeout(cut);
    });
    await new Promise<void>((r, j) => {
      http.once('error', j);
      http.listen(config.PORT, config.HOST, () => r());
    });
    const port = (http.address() as AddressInfo).port;
    mark('http');
    log.info({ phases }, 'start phases');
    // the pool's connections prepared for the accept and confirm statements, beside serving: the first
    // race for a unit's last places after a start does not pay each connection's first use of them.
    // Two are left free meanwhile, so that readiness and the first requests never wait for the pool.
    // Then as many get the typical searches' statements with their generic plans (features/search/warm.ts):
    // the first searches after a start do not plan them anew on each connection
    void import('./features/requests/warm')
      .then(({ warmRequestConnections }) => warmRequestConnections(ctx, Math.max(1, config.DATABASE_POOL_SIZE - 2)))
      .catch((e) => log.warn({ err: e }, 'warming the database pool failed'))
      .then(() => import('./features/search/warm'))
      .then(({ warmSearchConnections }) => warmSearchConnections(ctx, Math.max(1, config.DATABASE_POOL_SIZE - 2)))
      .catch((e) => log.warn({ err: e }, 'warming the database pool for searches failed'));
    // the demo's monitoring history, the larger part of the demo data, goes in once the node serves
    // (seed-demo.ts); stop() waits for it (cleanups run in reverse: before the pool closes)
    if (seedDemo) {
      const t = performance.now();
      const history = seedDemo
        .then(({ seedDemoHistoryIfMissing }) => seedDemoHistoryIfMissing(ctx))
        .then((done) => done && log.info({ ms: Math.round(performance.now() - t) }, 'demo monitoring history loaded'))
        .catch((e) => log.warn({ err: e }, 'loading the demo monitoring history failed'));
      cleanups.push(() => history.then(() => {}));
    }
    // a new embedded cluster was written without fsync: to disk now, beside serving
    void embedded?.syncToDisk().catch((e) => log.warn({ err: e }, 'embedded PostgreSQL: writing the new cluster to disk failed'));
    const url2 = config.PUBLIC_URL ?? `http://localhost:${port}`;
    return { url: url2, port, ctx, http, seeded, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

