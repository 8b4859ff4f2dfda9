import postgres from 'postgres';
import { scopedClient } from './request-scope';

export type Sql = postgres.Sql<Record<string, unknown>>;
/** A client or a transaction: every query function takes one of these first. */
export type Db = Sql | postgres.TransactionSql<Record<string, unknown>>;

export interface DbOptions {
  max?: number;
  /** The role the application works as: it cannot alter the audit log. */
  role?: string;
  onnotice?: (n: postgres.Notice) => void;
  /** Seconds to wait for a connection before the query fails (postgres.js `connect_timeout`). */
  connectTimeoutSeconds?: number;
  /** Server-side limits of every session of this client, in milliseconds (0 or absent: none). */
  timeouts?: { statementMs?: number; lockMs?: number; idleInTransactionMs?: number };
}

// PostgreSQL's text form of a timestamptz in a UTC session: "2026-11-30 22:27:00.123456+00"
const UTC_TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * A timestamptz as the ISO 8601 string `new Date(x).toISOString()` gives (milliseconds, cut, not
 * rounded), rearranged as a string when it comes in UTC: every row of a search carries several,
 * and a Date per value was a visible share of a request's CPU. Any other form goes through Date.
 */
export function timestamptzToIso(x: string): string {
  const m = UTC_TIMESTAMP.exec(x);
  if (!m) return new Date(x).toISOString();
  return `${m[1]}T${m[2]}.${m[3] === undefined ? '000' : (m[3] + '00').slice(0, 3)}Z`;
}

/**
 * A Unix-domain socket given as libpq does (`?host=/dir`, as the embedded server's `socketUrl`):
 * postgres.js reads only its own `path` option for one, and would send `host` as a setting.
 */
export function socketOf(url: string): { url: string; path?: string } {
  if (!/[?&]host=%2F|[?&]host=\//i.test(url)) return { url };
  const u = new URL(url);
  const dir = u.searchParams.get('host')!;
  u.searchParams.delete('host');
  return { url: u.toString(), path: `${dir}/.s.PGSQL.${u.port || 5432}` };
}

/** Creates the one postgres.js client of a process. Columns come back camelCased. */
export function createDb(url: string, opts: DbOptions = {}): Sql {
  const socket = socketOf(url);
  // `begin` takes part in the current API request's deadline (server/request-scope.ts)
  return scopedClient(postgres(socket.url, {
    ...(socket.path ? { path: socket.path } : {}),
    max: opts.max ?? 10,
    transform: postgres.camel,
    onnotice: opts.onnotice ?? (() => {}),
    connect_timeout: opts.connectTimeoutSeconds ?? 30,
    // postgres.js waits up to 20 s (growing with every failure) before it reconnects a closed
    // connection; after an outage that kept requests waiting long after the database was back
    backoff: (retries: number) => Math.min(0.05 * 2 ** Math.min(retries, 5), 1),
    connection: {
      application_name: 'heimplatzboerse',
      ...(opts.role ? { role: opts.role } : {}),
      // sent as start-up parameters: they hold for every statement of every connection of the pool
      ...(opts.timeouts?.statementMs ? { statement_timeout: opts.timeouts.statementMs } : {}),
      ...(opts.timeouts?.lockMs ? { lock_timeout: opts.timeouts.lockMs } : {}),
      ...(opts.timeouts?.idleInTransactionMs ? { idle_in_transaction_session_timeout: opts.timeouts.idleInTransactionMs } : {}),
    },
    types: {
      // timestamps travel as ISO 8601 strings, the form every response uses
      timestamptz: {
        to: 1184,
        from: [1184],
        serialize: (x: string | Date) => (x instanceof Date ? x.toISOString() : x),
        parse: timestamptzToIso,
      },
      // bigint as number: sequence numbers and counts stay far below 2^53
      bigint: {
        to: 20,
        from: [20],
        serialize: (x: number | bigint) => x.toString(),
        parse: (x: string) => Number(x),
      },
    },
  }) as unknown as Sql);
}

/** The app pool's limits from the configuration (README, Operations). */
export function poolOptions(config: {
  DATABASE_POOL_SIZE: number;
  APP_DB_ROLE: string;
  DATABASE_CONNECT_TIMEOUT_SECONDS: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
  DATABASE_LOCK_TIMEOUT_MS: number;
  DATABASE_IDLE_TRANSACTION_TIMEOUT_MS: number;
}): DbOptions {
  return {
    max: config.DATABASE_POOL_SIZE,
    role: config.APP_DB_ROLE,
    connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT_SECONDS,
    timeouts: {
      statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      lockMs: config.DATABASE_LOCK_TIMEOUT_MS,
      idleInTransactionMs: config.DATABASE_IDLE_TRANSACTION_TIMEOUT_MS,
    },
  };
}
