import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from './db';

/**
 * A migration file cut into what PostgreSQL runs as SQL and the rows of its long
 * `insert into t (a, b) values (…), (…);` lists, which go in by COPY instead. Parsing and analysing a
 * VALUES list of thousands of literal rows took most of an empty database's migration time
 * (0003_geodata.sql alone, 870 KB of postcodes and towns, about a second on two cores); COPY feeds the
 * same text to the same columns' input functions, with the same defaults and triggers, and skips that.
 * Only used by the one-transaction migration of an empty database (server/migrate.ts): the file is
 * not changed, and tests/unit/migrate-batched.test.ts compares the outcome with the plain path.
 */
export type MigrationPart = { sql: string } | { table: string; columns: string[]; rows: string[] };

/** Shorter lists stay SQL: the gain is in the long ones, and they are few and plain. */
export const MIN_COPY_ROWS = 200;

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

/** COPY's text format escapes backslash, tab, newline and carriage return; \N is null. */
const copyEscape = (s: string) => (!/[\\\t\n\r]/.test(s) ? s : s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!));
const unquote = (lit: string) => (lit.length > 2 && lit.includes("''", 1) ? lit.slice(1, -1).replaceAll("''", "'") : lit.slice(1, -1));
// every element quoted: the array's own syntax (commas, braces, blanks, the word NULL) cannot bite
const arrayText = (elements: string) => `{${elements.match(STRING_IN_ARRAY)!.map((e) => `"${unquote(e).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/**
 * One row line, `(lit, lit, …),` or the list's last, `(lit, …);`, as a line of COPY text with `arity`
 * fields; undefined when it is anything else (then the whole list stays SQL).
 */
function copyLine(line: string, arity: number): { text: string; last: boolean } | undefined {
  if (line.charCodeAt(0) !== 40 /* ( */) return undefined;
  const fields: string[] = [];
  FIELD.lastIndex = 1;
  for (;;) {
    const m = FIELD.exec(line);
    if (!m) return undefined;
    const [, str, num, bool, nul, arr, sep] = m;
    if (str !== undefined) fields.push(copyEscape(unquote(str)));
    else if (num !== undefined || bool !== undefined) fields.push(num ?? bool);
    else if (nul !== undefined) fields.push('\\N');
    else fields.push(copyEscape(arrayText(arr)));
    if (sep !== ',') break;
  }
  if (fields.length !== arity || FIELD.lastIndex !== line.length) return undefined;
  return { text: `${fields.join('\t')}\n`, last: line.endsWith(');') };
}

/**
 * Cuts a migration into parts, in order. A list becomes a COPY part only when it starts a line after
 * a complete statement (the SQL before it ends with `;` and holds no open dollar quote), every row is
 * on its own line and made only of the literals above, and there are at least MIN_COPY_ROWS of them.
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
      const rows: string[] = [];
      let j = i + 1;
      let closed = false;
      for (; j < lines.length; j++) {
        const row = copyLine(lines[j], columns.length);
        if (!row) break;
        rows.push(row.text);
        if (row.last) {
          closed = true;
          break;
        }
      }
      if (closed && rows.length >= MIN_COPY_ROWS) {
        if (sqlLines.join('').trim()) parts.push({ sql: sqlLines.join('\n') });
        parts.push({ table: head[1], columns, rows });
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

/** Runs a migration's parts in `tx`, in order: SQL as it stands, row lists by COPY. */
export async function applyParts(tx: Db, parts: MigrationPart[]): Promise<void> {
  for (const part of parts) {
    if ('sql' in part) await tx.unsafe(part.sql);
    else {
      // names checked by INSERT_HEAD: lower-case identifiers only
      const writable = await tx.unsafe(`copy ${part.table} (${part.columns.join(', ')}) from stdin`).writable();
      await pipeline(Readable.from([part.rows.join('')]), writable);
    }
  }
}
