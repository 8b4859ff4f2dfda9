import type { Logger } from 'pino';
import type { Config } from './config';
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
  /** Tests move time forward for jobs (see server/clock.ts); absent: the real time. */
  clock?: () => Date;
}
