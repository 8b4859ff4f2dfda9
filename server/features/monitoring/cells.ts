import { MIN_CELL, SUPPRESSED, type Cell } from '../../../shared/schemas/monitoring';

/** A count of cases as published: fewer than 5 (0 included) shows "< 5". */
export const cell = (n: number): Cell => (n < MIN_CELL ? SUPPRESSED : n);
/** A figure derived from `cases` (median, share): withheld below 5 cases. */
export const derived = (cases: number, v: number | null): number | null => (cases < MIN_CELL || v === null ? null : Math.round(v * 10) / 10);
export const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Rows of one dimension as published cells, largest first. */
export function countRows(rows: { dim: string; key: string; count: number }[], dim: string) {
  return rows
    .filter((r) => r.dim === dim)
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .map((r) => ({ key: r.key, count: cell(r.count) }));
}
