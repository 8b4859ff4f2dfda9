import type { Db } from './db';

/**
 * A migration file cut into what PostgreSQL runs as SQL and the rows of its long
 * `insert into t (a, b) values (…), (…);` lists, which go in as one JSON parameter instead
 * (`insert into t (a, b) select a, b from json_populate_recordset(null::t, $1)`). Parsing and
 * analysing a VALUES list of thousands of literal rows was a third of the backend's CPU in an empty
 * database's migration (0003_geodata.sql: 870 KB of postcodes and towns); the JSON path hands each
 * literal's text, as a JSON string, to the same column's input function, with the same defaults and
 * triggers, in the same order. (COPY was the first choice: postgres.js never ends the stream of a COPY
 * the server refuses and drops its error, so a failed batch would hang instead of falling back.)
 * Only used by the one-transaction migration of an empty database (server/migrate.ts): the file is
 * not changed, and tests/unit/migrate-batched.test.ts compares the outcome with the plain path.
 */
/** A row: each literal's text (an array literal as its elements' texts), null for SQL null. */
export type LiteralRow = (string | string[] | null)[];
export type MigrationPart = { sql: string } | { table: string; columns: string[]; rows: LiteralRow[]; sql: string };

/** Shorter lists stay SQL: the gain is in the long ones, and they are few and plain. */
export const MIN_LIST_ROWS = 200;

const IDENT = '[a-z_][a-z0-9_]*';
const INSERT_HEAD = new RegExp(`^insert into (${IDENT}) \\((${IDENT}(?:, ?${IDENT})*)\\) values$`);
// one literal: a string without backslashes (their meaning would depend on standard_conforming_strings),
// a number in its canonical form (so its text is the same whether read as numeric or as the column's
// type), true, false, null, or an array of strings
const STRING = "'(?:[^'\\\\]|'')*'";
const NUMBER = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?';
// sticky: read field after field along the line without cutting it up
const FIELD = new RegExp(`(?:(${STRING})|(${NUMBER})|(true|false)|(null)|array\\[(${STRING}(?:,${STRING})*)\\])(,|\\)[,;]$)`, 'y');
const STRING_IN_ARRAY = new RegExp(STRING, 'g');

const unquote = (lit: string) => (lit.length > 2 && lit.includes("''", 1) ? lit.slice(1, -1).replaceAll("''", "'") : lit.slice(1, -1));

/**
 * One row line, `(lit, lit, …),` or the list's last, `(lit, …);`, as the texts of its `arity`
 * literals; undefined when it is anything else (then the whole list stays SQL).
 */
function rowOf(line: string, arity: number): { row: LiteralRow; last: boolean } | undefined {
  if (line.charCodeAt(0) !== 40 /* ( */) return undefined;
  const fields: LiteralRow = [];
  FIELD.lastIndex = 1;
  for (;;) {
    const m = FIELD.exec(line);
    if (!m) return undefined;
    const [, str, num, bool, nul, arr, sep] = m;
    if (str !== undefined) fields.push(unquote(str));
    else if (num !== undefined || bool !== undefined) fields.push(num ?? bool);
    else if (nul !== undefined) fields.push(null);
    else fields.push(arr.match(STRING_IN_ARRAY)!.map(unquote));
    if (sep !== ',') break;
  }
  if (fields.length !== arity || FIELD.lastIndex !== line.length) return undefined;
  return { row: fields, last: line.endsWith(');') };
}

/**
 * Cuts a migration into parts, in order. A list becomes a row part only when it starts a line after
 * a complete statement (the SQL before it ends with `;` and holds no open dollar quote), every row is
 * on its own line and made only of the literals above, and there are at least MIN_LIST_ROWS of them.
 */
export function splitBulkInserts(text: string): MigrationPart[] {
  const lines = text.split('\n');
  const parts: MigrationPart[] = [];
  let sqlLines: string[] = [];
  const atBoundary = () => {
    const before = sqlLines.filter((l) => !/^\s*--/.test(l)).join('\n').trim();
    return (before === '' || before.endsWith(';')) && (before.match(/\$\$/g)?.length ?? 0) % 2 === 0 && !/\$[a-z_]+\$/i.test(before);
  };
  for (let i = 0; i < lines.length; i++) {
    const head = INSERT_HEAD.exec(lines[i]);
    if (head && atBoundary()) {
      const columns = head[2].split(/, ?/);
      const rows: LiteralRow[] = [];
      let j = i + 1;
      let closed = false;
      for (; j < lines.length; j++) {
        const row = rowOf(lines[j], columns.length);
        if (!row) break;
        rows.push(row.row);
        if (row.last) {
          closed = true;
          break;
        }
      }
      if (closed && rows.length >= MIN_LIST_ROWS) {
        if (sqlLines.join('').trim()) parts.push({ sql: sqlLines.join('\n') });
        parts.push({ table: head[1], columns, rows, sql: lines.slice(i, j + 1).join('\n') });
        sqlLines = [];
        i = j;
        continue;
      }
    }
    sqlLines.push(lines[i]);
  }
  if (sqlLines.join('').trim()) parts.push({ sql: sqlLines.join('\n') });
  return parts;
}

/**
 * Whether each literal reaches its column through the column's input function on the JSON path as
 * well: not for json, jsonb, composite or domain columns (a JSON string would be stored as such or
 * take another route), and an array literal only into an array of plain elements (an array cast to
 * text would read differently). Else the list runs as SQL.
 */
async function jsonPathFits(tx: Db, part: { table: string; columns: string[]; rows: LiteralRow[] }): Promise<boolean> {
  const types = await tx<{ name: string; array: boolean; plain: boolean }[]>`
    select a.attname as name, t.typcategory = 'A' as array,
           t.typtype = 'b' and coalesce(e.typtype, 'b') = 'b' and t.typname !~ '^_?jsonb?$' as plain
    from pg_attribute a join pg_type t on t.oid = a.atttypid left join pg_type e on e.oid = t.typelem and t.typcategory = 'A'
    where a.attrelid = ${part.table}::regclass and a.attnum > 0 and not a.attisdropped`;
  const byName = new Map(types.map((t) => [t.name, t]));
  return part.columns.every((c, i) => {
    const t = byName.get(c);
    if (!t?.plain) return false;
    return part.rows.every((r) => Array.isArray(r[i]) === t.array || r[i] === null);
  });
}

/** Runs a migration's parts in `tx`, in order: SQL as it stands, row lists as one JSON parameter. */
export async function applyParts(tx: Db, parts: MigrationPart[]): Promise<void> {
  for (const part of parts) {
    if (!('rows' in part) || !(await jsonPathFits(tx, part))) await tx.unsafe(part.sql);
    else {
      // names checked by INSERT_HEAD: lower-case identifiers only. A JSON string goes through the
      // column's input function as the literal's text would; a JSON array of strings fills an array
      const cols = part.columns.join(', ');
      const records = JSON.stringify(part.rows.map((r) => Object.fromEntries(part.columns.map((c, i) => [c, r[i]]))));
      await tx.unsafe(`insert into ${part.table} (${cols}) select ${cols} from json_populate_recordset(null::${part.table}, $1::text::json)`, [records]);
    }
  }
}
