import type { Logger } from 'pino';
import type { Sql } from './db';

/** One replacement at most this often: a burst of faults in one outage renews the pool once. */
const RENEW_MIN_INTERVAL_MS = 5000;

/**
 * The app's pool behind one stable `Sql` that can be renewed. postgres.js 3.4 can leave a
 * connection unable to send when its socket closes between a write and the flush it scheduled
 * (`closed()` clears the timer but not its handle; a TypeError from `nextWrite`,
 * porsager/postgres#1154, leaves the same state): every later small write on that connection waits
 * forever or ends in CONNECT_TIMEOUT. A failover cuts every connection at once, so it happens then.
 * `renew()` swaps in a fresh pool for all callers (they reach it through `ctx.sql`) and ends the old
 * one after a grace period for queries in flight.
 */
export class RenewablePool {
  private current: Sql;
  private lastRenew = 0;
  readonly sql: Sql;

  constructor(
    private readonly create: () => Sql,
    private readonly log: Logger,
  ) {
    this.current = create();
    const self = this;
    // a function target so that tagged-template calls (`sql\`…\``, `sql(rows)`) reach the pool
    this.sql = new Proxy(function pool() {}, {
      apply: (_t, _this, args) => (self.current as unknown as (...a: unknown[]) => unknown)(...args),
      get: (_t, prop) => Reflect.get(self.current as object, prop),
    }) as unknown as Sql;
  }

  /** Replaces the pool (at most every 5 s); the old one ends after `graceSeconds`. */
  renew(reason: string, graceSeconds = 5): boolean {
    const now = Date.now();
    if (now - this.lastRenew < RENEW_MIN_INTERVAL_MS) return false;
    this.lastRenew = now;
    const old = this.current;
    this.current = this.create();
    this.log.warn({ reason }, 'database pool renewed');
    setTimeout(() => void old.end({ timeout: graceSeconds }).catch(() => {}), 1000).unref();
    return true;
  }

  end(opts: { timeout?: number } = {}): Promise<void> {
    return this.current.end(opts);
  }
}

type Reserved = Awaited<ReturnType<Sql['reserve']>>;

/**
 * Runs `fn` on `connections` connections of the pool, taken at once (so each a different one) and
 * given back afterwards. A connection that cannot be had (the database went away, a connection limit)
 * is left out: the ones that were had are still given back, never kept from the pool.
 */
export async function onEachConnection(sql: Sql, connections: number, fn: (c: Reserved) => Promise<void>): Promise<void> {
  const taken = await Promise.allSettled(Array.from({ length: connections }, () => sql.reserve()));
  const reserved = taken.flatMap((t) => (t.status === 'fulfilled' ? [t.value] : []));
  await Promise.allSettled(
    reserved.map(async (c) => {
      try {
        await fn(c);
      } finally {
        c.release();
      }
    }),
  );
}
