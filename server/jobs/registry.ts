import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { AppContext } from '../context';
import type { Db } from '../db';
import type { JobMap, JobName, JobPayload } from './map';

/**
 * One queue: `JobDef<'requests.escalate'>` takes its name and payload from `JobMap`. (A payload type
 * in place of the name still works, checked against the map in `all.ts`.)
 */
export interface JobDef<T extends JobName | object = object> {
  /** Queue name, `feature.job`. */
  name: T extends JobName ? T : string;
  /** Cron expression (UTC) when the job runs on a schedule. */
  schedule?: string;
  retryLimit?: number;
  expireInSeconds?: number;
  /** `job.id` (absent when run by hand) keys effects that must happen once (`oncePerJob`). */
  handler: (ctx: AppContext, data: JobPayload<T>, job?: { id: string }) => Promise<void>;
}

type PayloadArg<N extends JobName> = Record<string, never> extends JobMap[N] ? [data?: JobMap[N]] : [data: JobMap[N]];

/**
 * The small registry through which features declare their queues, schedules and handlers.
 * Started and stopped with the server; with JOBS_ENABLED=false (some tests) nothing is worked,
 * but jobs can still be sent and run by hand with `runNow`.
 */
export class Jobs {
  private boss?: PgBoss;
  private readonly defs = new Map<string, JobDef>();
  private ctx?: AppContext;
  private stopping = false;
  private readonly reported = new Set<string>();

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
    /** Grants the application role the use of pg-boss's schema; runs as the owner after start. */
    private readonly grantAppRole: () => Promise<void>,
  ) {}

  register(...defs: JobDef<any>[]): void {
    for (const d of defs) {
      if (this.defs.has(d.name)) throw new Error(`Job ${d.name} registered twice`);
      this.defs.set(d.name, d);
    }
  }

  get names(): string[] {
    return [...this.defs.keys()];
  }

  async start(ctx: AppContext, opts: { work: boolean }): Promise<void> {
    this.ctx = ctx;
    // pg-boss hands its options to pg's Pool, which also takes connectionTimeoutMillis (not in its types)
    const options: PgBoss.ConstructorOptions & { connectionTimeoutMillis: number } = {
      connectionString: this.connectionString,
      schema: 'pgboss',
      max: 4,
      application_name: 'heimplatzboerse-jobs',
      // a connection the database never answers (a primary gone without a reset) fails in time
      connectionTimeoutMillis: ctx.config.DATABASE_CONNECT_TIMEOUT_SECONDS * 1000,
      schedule: opts.work,
      supervise: opts.work,
      // how often expired jobs (active on a lost primary, or stuck) are handed back for a retry
      maintenanceIntervalSeconds: ctx.config.JOBS_MAINTENANCE_SECONDS,
    };
    const boss = new PgBoss(options);
    boss.on('error', (e) => {
      // connections cut while shutting down are expected; during an outage every poll fails, so
      // each distinct message is logged once (the database health itself is logged by DbHealth)
      if (this.stopping) return;
      const key = String((e as Error)?.message);
      if (this.reported.has(key)) return;
      if (this.reported.size > 100) this.reported.clear();
      this.reported.add(key);
      // pg-boss attaches the whole pg client to connection errors: log message, code and stack only
      const err = e as Error & { code?: string };
      this.log.error({ err: { type: err?.name, message: err?.message, code: err?.code, stack: err?.stack } }, 'pg-boss error');
    });
    // the database may still be starting (a node and PostgreSQL started together): retry a while
    for (let attempt = 1; ; attempt++) {
      try {
        await boss.start();
        break;
      } catch (e) {
        if (attempt >= 10) throw e;
        this.log.warn({ err: e, attempt }, 'pg-boss did not start; retrying');
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
    this.boss = boss;
    // nodes starting together on a fresh database can deadlock in pg-boss's create_queue and
    // collide in GRANT ("tuple concurrently updated"): both are retried
    // a job still active after its expiry is retried: that is how a job that was running when the
    // primary was lost comes back, so the expiry is short unless a job declares a longer one
    // (updateQueue: createQueue keeps the options of a queue that exists)
    // one read of the queues there are: a queue is created when missing and updated only when its
    // options differ (a restart changes nothing; a first start creates each queue once)
    const existing = new Map((await retrying(() => boss.getQueues())).map((q) => [q.name, q]));
    for (const d of this.defs.values()) {
      const queue = { name: d.name, retryLimit: d.retryLimit ?? 3, expireInSeconds: d.expireInSeconds ?? ctx.config.JOBS_EXPIRE_SECONDS };
      const found = existing.get(d.name);
      if (!found) await retrying(() => boss.createQueue(d.name, queue));
      else if (found.policy !== 'standard' || found.retryLimit !== queue.retryLimit || found.expireInSeconds !== queue.expireInSeconds) {
        await retrying(() => boss.updateQueue(d.name, queue));
      }
    }
    // The application role sends jobs inside its own transactions.
    await retrying(() => this.grantAppRole());
    if (!opts.work) return;
    const pollingIntervalSeconds = ctx.config.JOBS_POLL_SECONDS;
    const batchSize = ctx.config.JOBS_BATCH_SIZE;
    for (const d of this.defs.values()) {
      if (d.schedule) await boss.schedule(d.name, d.schedule, {}, { tz: 'UTC' });
      await boss.work(d.name, { pollingIntervalSeconds, batchSize }, async (jobs) => {
        // a batch runs side by side; a job that fails is failed on its own (retried by pg-boss),
        // the others are completed by pg-boss when this returns
        const results = await Promise.allSettled(jobs.map((job) => this.runJob(d.name, job.data, job.id)));
        const failed = jobs.filter((_, i) => results[i].status === 'rejected');
        for (const job of failed) {
          const reason = (results[jobs.indexOf(job)] as PromiseRejectedResult).reason as Error;
          this.log.warn({ err: reason, job: d.name, id: job.id }, 'job failed');
          await boss.fail(d.name, job.id, { message: String(reason?.message ?? reason) });
        }
      });
    }
  }

  /** Runs a job's handler directly (tests, CLI). A job whose payload is all optional may omit it. */
  async run<N extends JobName>(name: N, ...[data]: PayloadArg<N>): Promise<void> {
    await this.runJob(name, data ?? {});
  }

  /** Runs a handler as pg-boss would, with the job's id (tests prove a handler run twice acts once). */
  async runJob(name: string, data: unknown, id?: string): Promise<void> {
    const def = this.defs.get(name);
    if (!def || !this.ctx) throw new Error(`Unknown job ${name} or jobs not started`);
    await def.handler(this.ctx, (data ?? {}) as never, id ? { id } : undefined);
  }

  /**
   * Enqueues a job. Pass the caller's transaction as `db` so that the job exists only if the
   * transaction commits.
   */
  async send<N extends JobName>(name: N, data: JobMap[N], opts: { db?: Db; startAfter?: Date | number; singletonKey?: string } = {}): Promise<string | null> {
    if (!this.boss) throw new Error('Jobs not started');
    if (!this.defs.has(name)) throw new Error(`Unknown job ${name}`);
    const { db, ...rest } = opts;
    return this.boss.send(name, data, {
      ...rest,
      // prepared: pg-boss's insert is one fixed text, and unprepared, postgres.js would describe it
      // first on every call (a round trip more, and it cannot be pipelined with its neighbours)
      ...(db ? { db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await db.unsafe(text, values.map((v) => (v === undefined ? null : v)) as never[], { prepare: true }) }) } } : {}),
    });
  }

  async stop(): Promise<void> {
    if (!this.boss) return;
    this.stopping = true;
    await this.boss.stop({ graceful: true, timeout: 10_000, wait: true });
    this.boss = undefined;
  }
}

async function retrying<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt + Math.random() * 200));
    }
  }
}
