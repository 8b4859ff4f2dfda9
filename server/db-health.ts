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

  /** One probe `select 1`, bounded by the probe timeout; concurrent callers share it. */
  probe(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    this.inflight ??= new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.probeTimeoutMs);
      this.probeSql`select 1`.then(
        () => resolve(true),
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

  private markUp(): void {
    if (this.state === 'down') this.log.warn('database reachable again');
    this.state = 'up';
    if (this.loop) clearInterval(this.loop);
    this.loop = undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.loop) clearInterval(this.loop);
    await this.probeSql.end({ timeout: 1 }).catch(() => {});
  }
}
