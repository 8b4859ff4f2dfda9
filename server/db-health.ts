import type { Logger } from 'pino';
import { createDb, type Sql } from './db';

export type DbState = 'up' | 'down';

/**
 * What this node knows about its database, from a connection of its own (so a full pool or a
 * locked table cannot hide an answer). A failed query elsewhere marks the database as suspect;
 * while it is down, a probe runs every half second until it answers again. Requests meanwhile are
 * answered at once with 503 instead of waiting for connections that cannot be made.
 */
export class DbHealth {
  private readonly probeSql: Sql;
  private state: DbState = 'up';
  private loop?: NodeJS.Timeout;
  private inflight?: Promise<boolean>;
  private closed = false;
  private readonly recovered: (() => void)[] = [];

  constructor(
    url: string,
    private readonly log: Logger,
    /** How long one probe may take, in milliseconds. */
    private readonly probeTimeoutMs = 500,
  ) {
    this.probeSql = createDb(url, { max: 1, connectTimeoutSeconds: Math.max(0.5, probeTimeoutMs / 1000), timeouts: { statementMs: probeTimeoutMs } });
  }

  get isDown(): boolean {
    return this.state === 'down';
  }

  /** One probe (reachable and not in recovery), bounded by the probe timeout; concurrent callers share it. */
  probe(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    this.inflight ??= new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.probeTimeoutMs);
      // a server in recovery (a standby, or a primary's address switched too early) cannot take
      // writes or LISTEN: for this node the database is not there yet
      this.probeSql`select pg_is_in_recovery() as standby`.then(
        ([r]) => resolve(r?.standby === false),
        () => resolve(false),
      ).finally(() => clearTimeout(timer));
    }).then((ok) => {
      this.inflight = undefined;
      if (ok) this.markUp();
      else this.markDown();
      return ok;
    });
    return this.inflight;
  }

  /** A database fault was seen: answer 503 until a probe succeeds. */
  markDown(): void {
    if (this.closed) return;
    if (this.state === 'up') this.log.warn('database unavailable: answering 503 until it is back');
    this.state = 'down';
    this.loop ??= setInterval(() => void this.probe(), 500);
  }

  /** Called each time the database is reachable again after being down (e.g. to listen again). */
  onRecovered(fn: () => void): void {
    this.recovered.push(fn);
  }

  private markUp(): void {
    const was = this.state;
    this.state = 'up';
    if (this.loop) clearInterval(this.loop);
    this.loop = undefined;
    if (was === 'down') {
      this.log.warn('database reachable again');
      for (const fn of this.recovered) fn();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.loop) clearInterval(this.loop);
    await this.probeSql.end({ timeout: 1 }).catch(() => {});
  }
}
