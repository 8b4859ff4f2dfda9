import { CSV_COLUMNS, CSV_INFO_COLUMNS } from '../../../shared/schemas/availability';

/**
 * The availability spreadsheet as Excel reads and writes it in Germany: semicolons, a UTF-8 byte
 * order mark (without it Excel reads Windows-1252), German headings and dates (`01.03.2026`).
 */

export type CsvColumn = (typeof CSV_COLUMNS)[number] | (typeof CSV_INFO_COLUMNS)[number];

/** The download's columns in their order, with the German heading each gets. */
export const DOWNLOAD_COLUMNS: [CsvColumn, string][] = [
  ['unit_id', 'ID'],
  ['external_ref', 'Eigene Kennung'],
  ['facility', 'Einrichtung'],
  ['unit_name', 'Angebot'],
  ['capacity_total', 'Plätze gesamt'],
  ['held_places', 'Reserviert'],
  ['free_places', 'Freie Plätze'],
  ['planned_from', 'Frei ab'],
  ['planned_places', 'Plätze ab dann'],
  ['last_confirmed', 'Zuletzt bestätigt'],
];

const norm = (h: string) => h.trim().toLowerCase().replace(/[\s_-]+/g, '_');

/** Heading as written → column: the German headings of the download and the English names. */
const ALIASES = new Map<string, CsvColumn>([
  ...[...CSV_COLUMNS, ...CSV_INFO_COLUMNS].map((c) => [c, c] as [string, CsvColumn]),
  ...DOWNLOAD_COLUMNS.map(([c, de]) => [norm(de), c] as [string, CsvColumn]),
  ['name', 'unit_name'],
]);

/** The column a heading names, or undefined for an unknown heading. */
export const columnOf = (heading: string): CsvColumn | undefined => ALIASES.get(norm(heading));

/** The German heading of a column (for messages about a column that is missing). */
export const headingOf = (c: string): string => DOWNLOAD_COLUMNS.find(([k]) => k === c)?.[1] ?? c;

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le';

// 0x80..0x9F of Windows-1252 (€ „ “ – ...): Node's TextDecoder reads them as Latin-1 control characters
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const windows1252 = (bytes: Uint8Array) =>
  Buffer.from(bytes).toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);

/**
 * Decodes an uploaded file: a UTF-8 or UTF-16 byte order mark decides; otherwise valid UTF-8 is
 * UTF-8 and anything else is Windows-1252 (Excel's "CSV (Trennzeichen-getrennt)" in Germany).
 */
export function decodeCsv(bytes: Uint8Array, charset?: string): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const declared = charset?.toLowerCase();
  if (declared && ['windows-1252', 'cp1252', 'iso-8859-1', 'latin1', 'iso-8859-15'].includes(declared)) {
    return { text: windows1252(bytes), encoding: 'windows-1252' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: windows1252(bytes), encoding: 'windows-1252' };
  }
}

/** `2026-03-01`, the German `01.03.2026` / `1.3.2026`, or Excel's short `01.03.26`; anything else (or an impossible day) is undefined. */
export function parseDate(s: string): string | undefined {
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[3].length === 2) y += 2000;
  } else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** `2026-03-01` → `01.03.2026`. */
export const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** One cell: quoted when needed; text a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Undoes csvCell's apostrophe (Excel keeps it as text) before the value is used. */
export const uncell = (s: string) => (/^'[=+\-@]/.test(s) ? s.slice(1) : s);

export interface DownloadUnit {
  id: string;
  externalRef: string | null;
  facilityName: string | null;
  name: string;
  capacityTotal: number;
  heldPlaces: number;
  freePlaces: number | null;
  planned: { availableFrom: string; places: number }[];
  lastConfirmedAt: string | null;
}

/** Several planned vacancies of one unit share its row: dates and places joined with " + ". */
export const PLANNED_SEPARATOR = ' + ';

const berlin = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The provider's units as Excel opens them in Germany: BOM, semicolons, CRLF, German headings and dates. */
export function writeAvailabilityCsv(units: DownloadUnit[]): string {
  const rows = units.map((u) => {
    const v: Record<CsvColumn, string | number | null> = {
      unit_id: u.id,
      external_ref: u.externalRef,
      facility: u.facilityName,
      unit_name: u.name,
      capacity_total: u.capacityTotal,
      held_places: u.heldPlaces,
      free_places: u.freePlaces ?? 0,
      planned_from: u.planned.map((p) => germanDate(p.availableFrom)).join(PLANNED_SEPARATOR),
      planned_places: u.planned.map((p) => p.places).join(PLANNED_SEPARATOR),
      last_confirmed: u.lastConfirmedAt ? berlin.format(new Date(u.lastConfirmedAt)).replace(',', '') : null,
    };
    return DOWNLOAD_COLUMNS.map(([c]) => csvCell(v[c])).join(';');
  });
  return `\uFEFF${[DOWNLOAD_COLUMNS.map(([, de]) => csvCell(de)).join(';'), ...rows].join('\r\n')}\r\n`;
}
