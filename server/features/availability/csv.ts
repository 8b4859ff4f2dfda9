import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, type CsvRowError } from '../../../shared/schemas/availability';

/** One data row of the availability CSV, before the units are looked up. */
export interface CsvItem {
  line: number;
  unitId?: string;
  externalRef?: string;
  freePlaces: number;
  planned?: { availableFrom: string; places: number };
}

export interface ParsedCsv {
  items: CsvItem[];
  errors: CsvRowError[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT = /^\d{1,3}$/;

/** `2026-03-01` or the German `01.03.2026`; anything else (or an impossible day) is undefined. */
export function parseDate(s: string): string | undefined {
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

function delimiterOf(headerLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, headerLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

/**
 * Parses the availability CSV: a header row naming the columns (any order; `;`, `,` or tab), then
 * one row per unit. Reports every problem with its line and column; never throws for bad input.
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
    return { items, errors: [{ line: err.lines ?? 1, column: '*', message: `The file is not valid CSV: ${err.message}` }] };
  }
  if (records.length === 0) return { items, errors: [{ line: 1, column: '*', message: 'The file is empty' }] };
  const header = records[0].record.map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const known = new Set<string>(CSV_COLUMNS);
  header.forEach((h) => {
    if (!known.has(h)) errors.push({ line: 1, column: h || '(empty)', message: `unknown column; expected ${CSV_COLUMNS.join(', ')}` });
  });
  if (!header.includes('free_places')) errors.push({ line: 1, column: 'free_places', message: 'the column is missing' });
  if (!header.includes('unit_id') && !header.includes('external_ref')) errors.push({ line: 1, column: 'unit_id', message: 'needs a unit_id or an external_ref column' });
  if (header.length !== new Set(header).size) errors.push({ line: 1, column: '*', message: 'a column appears twice' });
  if (errors.length) return { items, errors };
  if (records.length === 1) return { items, errors: [{ line: 2, column: '*', message: 'The file has no data rows' }] };

  for (const { record, info } of records.slice(1)) {
    const line = info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const cell = (c: string) => (header.indexOf(c) >= 0 ? (record[header.indexOf(c)] ?? '').trim() : '');
    const rowErrors: CsvRowError[] = [];
    const fail = (column: string, message: string) => rowErrors.push({ line, column, message });
    if (record.length > header.length) fail('*', `has ${record.length} fields, the header ${header.length}`);
    const unitId = cell('unit_id');
    const externalRef = cell('external_ref');
    if (!unitId && !externalRef) fail('unit_id', 'give unit_id or external_ref');
    if (unitId && !UUID.test(unitId)) fail('unit_id', 'is not a unit id (UUID)');
    const free = cell('free_places');
    if (!free) fail('free_places', 'is required');
    else if (!INT.test(free)) fail('free_places', 'must be a whole number of 0 or more');
    const from = cell('planned_from');
    const places = cell('planned_places');
    let planned: CsvItem['planned'];
    if (from || places) {
      const date = from ? parseDate(from) : undefined;
      if (!from) fail('planned_from', 'is required when planned_places is given');
      else if (!date) fail('planned_from', 'must be a date (YYYY-MM-DD or DD.MM.YYYY)');
      else if (date < today) fail('planned_from', 'lies in the past');
      if (!places) fail('planned_places', 'is required when planned_from is given');
      else if (!INT.test(places) || Number(places) < 1) fail('planned_places', 'must be a whole number of 1 or more');
      if (date && places && INT.test(places)) planned = { availableFrom: date, places: Number(places) };
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    items.push({ line, ...(unitId ? { unitId: unitId.toLowerCase() } : { externalRef }), freePlaces: Number(free), ...(planned ? { planned } : {}) });
  }
  return { items, errors };
}
