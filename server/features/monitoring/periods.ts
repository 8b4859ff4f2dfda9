import type { Db } from '../../db';
import { selectRolledDays, selectRolledMonths, type RollupSource } from './rollup-queries';

const DAY = 86_400_000;

/**
 * A period split into the months read from their monthly summary, the days read from their
 * daily summary and the intervals read from raw rows: the partial first and last day (today
 * always) and any day not summarised (yet or any more, see migrations/0150_monitoring_rollups.sql
 * and 0160_monitoring_months.sql). A month counts by its summary only when it lies wholly inside
 * the period and its summary is current; otherwise its days count one by one.
 */
export interface Split {
  /** Summarised UTC months (YYYY-MM-01) inside the period. */
  months: string[];
  /** Summarised UTC days (YYYY-MM-DD) inside the period, outside those months. */
  days: string[];
  /** Raw intervals [starts[i], ends[i]) as ISO timestamps. */
  starts: string[];
  ends: string[];
}

/** The first day (UTC, ms) of the month after the one holding `ms`. */
const nextMonth = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};

export async function splitPeriod(db: Db, source: RollupSource, from: Date, to: Date): Promise<Split> {
  const first = Math.ceil(from.getTime() / DAY) * DAY;
  const last = Math.floor(to.getTime() / DAY) * DAY;
  const months: string[] = [];
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
    return { months, days, starts: starts.map(iso), ends: ends.map(iso) };
  }
  const [rolledDays, rolledMonths] = await Promise.all([
    selectRolledDays(db, source, new Date(first), new Date(last)).then((r) => new Set(r)),
    selectRolledMonths(db, source, new Date(first), new Date(last)).then((r) => new Set(r)),
  ]);
  raw(from.getTime(), first);
  for (let d = first; d < last; ) {
    const key = iso(d).slice(0, 10);
    const monthEnd = nextMonth(d);
    if (key.endsWith('-01') && monthEnd <= last && rolledMonths.has(key)) {
      months.push(key);
      d = monthEnd;
      continue;
    }
    if (rolledDays.has(key)) days.push(key);
    else raw(d, d + DAY);
    d += DAY;
  }
  raw(last, to.getTime());
  return { months, days, starts: starts.map(iso), ends: ends.map(iso) };
}

const iso = (ms: number) => new Date(ms).toISOString();
