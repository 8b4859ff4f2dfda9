import type { Db } from '../../db';
import { selectRolledDays, type RollupSource } from './rollup-queries';

const DAY = 86_400_000;

/**
 * A period split into the days read from their daily summary and the intervals read from raw
 * rows: the partial first and last day (today always) and any day not summarised (yet or any
 * more, see migrations/0150_monitoring_rollups.sql).
 */
export interface Split {
  /** Summarised UTC days (YYYY-MM-DD) inside the period. */
  days: string[];
  /** Raw intervals [starts[i], ends[i]) as ISO timestamps. */
  starts: string[];
  ends: string[];
}

export async function splitPeriod(db: Db, source: RollupSource, from: Date, to: Date): Promise<Split> {
  const first = Math.ceil(from.getTime() / DAY) * DAY;
  const last = Math.floor(to.getTime() / DAY) * DAY;
  const rolled = first < last ? new Set(await selectRolledDays(db, source, new Date(first), new Date(last))) : new Set<string>();
  const days: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const raw = (a: number, b: number) => {
    if (a >= b) return;
    if (ends.length && ends[ends.length - 1] === a) ends[ends.length - 1] = b;
    else (starts.push(a), ends.push(b));
  };
  if (first >= last) {
    raw(from.getTime(), to.getTime());
    return { days, starts: starts.map(iso), ends: ends.map(iso) };
  }
  raw(from.getTime(), first);
  for (let d = first; d < last; d += DAY) {
    const key = iso(d).slice(0, 10);
    if (rolled.has(key)) days.push(key);
    else raw(d, d + DAY);
  }
  raw(last, to.getTime());
  return { days, starts: starts.map(iso), ends: ends.map(iso) };
}

const iso = (ms: number) => new Date(ms).toISOString();
