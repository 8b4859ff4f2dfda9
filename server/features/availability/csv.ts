import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, type CsvIssueCode, type CsvRowError } from '../../../shared/schemas/availability';
import { columnOf, headingOf, parseDate, PLANNED_SEPARATOR, uncell, type CsvColumn } from './csv-format';

export { parseDate } from './csv-format';

/** One data row of the availability CSV, before the units are looked up. */
export interface CsvItem {
  line: number;
  unitId?: string;
  externalRef?: string;
  freePlaces: number;
  /** Several planned vacancies share a row, joined with " + " (as the download writes them). */
  planned?: { availableFrom: string; places: number }[];
}

export interface ParsedCsv {
  items: CsvItem[];
  errors: CsvRowError[];
  /** Where each known column sits in the file (1 = A), for errors found later (unit lookups). */
  columns?: Partial<Record<CsvColumn, number>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT = /^\d{1,3}$/;

function delimiterOf(headerLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, headerLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

type Params = CsvRowError['params'];
const issue = (line: number, column: string, columnIndex: number | null, code: CsvIssueCode, message: string, params?: Params): CsvRowError =>
  ({ line, column, columnIndex, code, ...(params ? { params } : {}), message });

/**
 * Parses the availability CSV: a heading row naming the columns (any order; `;`, `,` or tab; the
 * English names or the download's German headings), then one row per unit. Names and other
 * informational columns are ignored: ids decide. Reports every problem with its line and column;
 * never throws for bad input.
 */
export function parseAvailabilityCsv(text: string, today: string): ParsedCsv {
  const errors: CsvRowError[] = [];
  const items: CsvItem[] = [];
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(clean, { delimiter: delimiterOf(firstLine), info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    return { items, errors: [issue(err.lines ?? 1, '*', null, 'not_csv', `The file is not valid CSV: ${err.message}`)] };
  }
  if (records.length === 0) return { items, errors: [issue(1, '*', null, 'empty', 'The file is empty')] };
  const written = records[0].record;
  const header: (CsvColumn | undefined)[] = written.map(columnOf);
  header.forEach((h, i) => {
    if (!h) errors.push(issue(1, written[i] || '(empty)', i + 1, 'unknown_column', `unknown column; expected ${CSV_COLUMNS.join(', ')}`, { heading: written[i] }));
  });
  if (!header.includes('free_places')) errors.push(issue(1, 'free_places', null, 'missing_column', 'the column is missing', { heading: headingOf('free_places') }));
  if (!header.includes('unit_id') && !header.includes('external_ref')) errors.push(issue(1, 'unit_id', null, 'needs_id_column', 'needs a unit_id or an external_ref column'));
  const known = header.filter(Boolean);
  if (known.length !== new Set(known).size) errors.push(issue(1, '*', null, 'duplicate_column', 'a column appears twice'));
  if (errors.length) return { items, errors };
  if (records.length === 1) return { items, errors: [issue(2, '*', null, 'no_rows', 'The file has no data rows')] };

  const at = (c: CsvColumn) => header.indexOf(c);
  const columns: ParsedCsv['columns'] = Object.fromEntries(header.flatMap((h, i) => (h ? [[h, i + 1]] : [])));
  for (const { record, info } of records.slice(1)) {
    const line = info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const cell = (c: CsvColumn) => (at(c) >= 0 ? uncell((record[at(c)] ?? '').trim()) : '');
    const rowErrors: CsvRowError[] = [];
    const fail = (column: CsvColumn | '*', code: CsvIssueCode, message: string, params?: Params) =>
      rowErrors.push(issue(line, column, column === '*' || at(column) < 0 ? null : at(column) + 1, code, message, params));
    if (record.length > header.length) fail('*', 'too_many_fields', `has ${record.length} fields, the header ${header.length}`, { fields: record.length, expected: header.length });
    const unitId = cell('unit_id');
    const externalRef = cell('external_ref');
    if (!unitId && !externalRef) fail(at('unit_id') >= 0 ? 'unit_id' : 'external_ref', 'id_required', 'give unit_id or external_ref');
    if (unitId && !UUID.test(unitId)) fail('unit_id', 'not_uuid', 'is not a unit id (UUID)');
    const free = cell('free_places');
    if (!free) fail('free_places', 'required', 'is required');
    else if (!INT.test(free)) fail('free_places', 'not_whole_number', 'must be a whole number of 0 or more', { min: 0 });
    const planned = parsePlanned(cell('planned_from'), cell('planned_places'), today, fail);
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    items.push({ line, ...(unitId ? { unitId: unitId.toLowerCase() } : { externalRef }), freePlaces: Number(free), ...(planned ? { planned } : {}) });
  }
  return { items, errors, columns };
}

type Fail = (column: CsvColumn, code: CsvIssueCode, message: string, params?: Params) => void;

/** The planned vacancies of a row: dates and places, several joined with " + ". Empty: unchanged. */
function parsePlanned(from: string, places: string, today: string, fail: Fail): CsvItem['planned'] {
  if (!from && !places) return undefined;
  const split = (s: string) => (s ? s.split(PLANNED_SEPARATOR.trim()).map((x) => x.trim()) : []);
  const dates = split(from);
  const counts = split(places);
  if (!from) fail('planned_from', 'required_with', 'is required when planned_places is given', { other: headingOf('planned_places') });
  if (!places) fail('planned_places', 'required_with', 'is required when planned_from is given', { other: headingOf('planned_from') });
  if (from && places && dates.length !== counts.length) {
    fail('planned_places', 'planned_mismatch', `${dates.length} date(s) but ${counts.length} number(s) of places`, { dates: dates.length, places: counts.length });
    return undefined;
  }
  const out: NonNullable<CsvItem['planned']> = [];
  dates.forEach((d, i) => {
    const date = parseDate(d);
    if (!date) fail('planned_from', 'not_date', 'must be a date (YYYY-MM-DD or DD.MM.YYYY)', { value: d });
    else if (date < today) fail('planned_from', 'in_past', 'lies in the past', { value: d });
    const p = counts[i];
    if (p !== undefined && (!INT.test(p) || Number(p) < 1)) fail('planned_places', 'not_whole_number', 'must be a whole number of 1 or more', { min: 1 });
    if (date && p !== undefined && INT.test(p) && Number(p) >= 1) out.push({ availableFrom: date, places: Number(p) });
  });
  if (!from || !places) {
    // only the other column's checks ran above; a date alone is still checked
    return undefined;
  }
  return out.length === dates.length ? out : undefined;
}
