import type { Logger } from 'pino';
import { isDatabaseUnavailable } from './http/db-faults';

/**
 * Process-level safety net of a server process. Database libraries can throw from their socket
 * callbacks when PostgreSQL goes away (postgres.js "Cannot read properties of null (reading
 * 'write')", porsager/postgres#1154/#1208) or leave a rejected promise behind (pg-boss not awaiting
 * complete/fail, timgit/pg-boss#577). Those must not end the process: they are logged once per
 * distinct message (with a count later) and the process keeps serving. An uncaught exception that
 * is not a database fault still ends the process, for the supervisor to restart it.
 */
export function containFaults(
  log: Logger,
  exit: (code: number) => void = (c) => process.exit(c),
  /** Called for each contained database library exception (the server renews its pool). */
  onDatabaseFault: (err: Error) => void = () => {},
): () => void {
  const seen = new Map<string, number>();
  const report = (kind: string, err: unknown) => {
    const key = `${kind}:${(err as Error)?.message ?? String(err)}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    // log the first time and then at 10, 100, 1000 …: an outage does not flood the log
    if (n === 1 || Number.isInteger(Math.log10(n))) log.error({ err, occurrences: n }, `contained ${kind}`);
    if (seen.size > 1000) seen.clear();
  };
  const onRejection = (reason: unknown) => report('unhandled rejection', reason);
  const onException = (err: Error) => {
    if (isDatabaseUnavailable(err) || /node_modules[\\/](postgres|pg-boss|pg)[\\/]/.test(err?.stack ?? '')) {
      report('database library exception', err);
      onDatabaseFault(err);
      return;
    }
    log.fatal({ err }, 'uncaught exception; exiting');
    exit(1);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
