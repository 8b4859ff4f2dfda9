import type { Db } from '../../db';

/**
 * `and <column> = any(values)` when `values` is given, nothing when it is null. A condition left
 * out instead of `(x is null or ...)`: postgres.js prepares each statement, and PostgreSQL's
 * generic plan for the latter cannot use the index on the column (it read every office's summary
 * rows of the period, ~200,000 for a month, to keep one district's).
 */
export const anyOf = (db: Db, column: string, values: string[] | null, type: 'text' | 'uuid' = 'text') =>
  values === null ? db`` : type === 'uuid' ? db`and ${db(column)} = any(${values}::uuid[])` : db`and ${db(column)} = any(${values}::text[])`;

/** `and <column> = value` when `value` is given, nothing when it is null. */
export const equals = (db: Db, column: string, value: string | null) => (value === null ? db`` : db`and ${db(column)} = ${value}::uuid`);
