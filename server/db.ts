import postgres from 'postgres';

export type Sql = postgres.Sql<Record<string, unknown>>;
/** A client or a transaction: every query function takes one of these first. */
export type Db = Sql | postgres.TransactionSql<Record<string, unknown>>;

export interface DbOptions {
  max?: number;
  /** The role the application works as: it cannot alter the audit log. */
  role?: string;
  onnotice?: (n: postgres.Notice) => void;
}

/** Creates the one postgres.js client of a process. Columns come back camelCased. */
export function createDb(url: string, opts: DbOptions = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    transform: postgres.camel,
    onnotice: opts.onnotice ?? (() => {}),
    connection: {
      application_name: 'heimplatzboerse',
      ...(opts.role ? { role: opts.role } : {}),
    },
    types: {
      // timestamps travel as ISO 8601 strings, the form every response uses
      timestamptz: {
        to: 1184,
        from: [1184],
        serialize: (x: string | Date) => (x instanceof Date ? x.toISOString() : x),
        parse: (x: string) => new Date(x).toISOString(),
      },
      // bigint as number: sequence numbers and counts stay far below 2^53
      bigint: {
        to: 20,
        from: [20],
        serialize: (x: number | bigint) => x.toString(),
        parse: (x: string) => Number(x),
      },
    },
  }) as unknown as Sql;
}
