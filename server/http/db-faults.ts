import { AppError } from './errors';

/** Seconds a client should wait before retrying when the database is away or busy. */
export const RETRY_AFTER_SECONDS = 5;

// postgres.js and Node socket errors of a connection that is gone or cannot be made
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface ErrLike {
  code?: string;
  message?: string;
  stack?: string;
}

/**
 * True for an error that says "the database is not there" (rather than "your query is wrong"):
 * sockets refused or cut, the server shutting down or starting up, too many connections, a standby
 * answering where the primary should (read-only transaction), and the
 * TypeErrors postgres.js throws from a connection whose socket is already gone (porsager/postgres#1154).
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as ErrLike | undefined;
  const code = err?.code;
  if (typeof code === 'string') {
    if (CONNECTION_CODES.has(code)) return true;
    // class 08 connection exception; 57P01-03 shutdown / crash / starting up; 53300 too many connections
    if (/^08/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || code === '25P03') return true;
    // 25006 read-only transaction: the address leads to a standby (before or during a promotion)
    if (code === '25006') return true;
  }
  return err instanceof TypeError && /node_modules[\\/](postgres|pg-boss)[\\/]/.test(err.stack ?? '');
}

/** Maps database faults to the answers of the error shape: 503 for "not there", 504 for "too slow". */
export function fromDatabaseFault(e: unknown): AppError | undefined {
  const code = (e as ErrLike | undefined)?.code;
  if (code === '57014') return new AppError('DATABASE_TIMEOUT', 'The database took too long to answer (statement timeout); please try again');
  if (code === '55P03') return new AppError('DATABASE_TIMEOUT', 'The data is locked by another operation (lock timeout); please try again shortly');
  if (isDatabaseUnavailable(e)) return new AppError('DATABASE_UNAVAILABLE', 'The database is not reachable at the moment; please try again shortly');
  return undefined;
}
