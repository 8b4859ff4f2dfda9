import type { Logger } from 'pino';
import type { Config } from './config';
import type { DbHealth } from './db-health';
import type { Sql } from './db';
import type { Jobs } from './jobs/registry';
import type { Mailer } from './mailer';

/** What every feature needs, created once per process by `start()` (or by a test). */
export interface AppContext {
  config: Config;
  sql: Sql;
  log: Logger;
  jobs: Jobs;
  mailer: Mailer;
  /** The node's view of its database (own probe connection); absent in some tests. */
  health?: DbHealth;
  /**
   * A new client for the LISTEN connection (one connection). The event stream makes a fresh one
   * whenever listening fails, because postgres.js keeps a failed LISTEN's rejection for the
   * channel (a LISTEN refused by a server still in recovery would stay refused). Absent in some
   * tests: then `sql` listens.
   */
  newListenClient?: () => Sql;
  /** Replaces the app pool behind `sql` (after a fault of postgres.js that can break a connection). */
  renewPool?: (reason: string) => boolean;
  /** Set while the node shuts down: readiness answers 503 so load balancers stop sending. */
  draining?: boolean;
  /** Tests move time forward for jobs (see server/clock.ts); absent: the real time. */
  clock?: () => Date;
}
