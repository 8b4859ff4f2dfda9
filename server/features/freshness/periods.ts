import type { Config } from '../../config';
import type { Db } from '../../db';

/** The freshness periods of one kind of unit, in seconds since the last confirmation. */
export interface PeriodSet {
  remindSecs: number;
  unconfirmedSecs: number;
  hiddenSecs: number;
}

/** Units with free places age fast; full units (nothing to offer now) may wait longer. */
export interface FreshnessPeriods {
  free: PeriodSet;
  full: PeriodSet;
}

type FreshnessConfig = Pick<
  Config,
  | 'FRESHNESS_REMIND_HOURS'
  | 'FRESHNESS_UNCONFIRMED_HOURS'
  | 'FRESHNESS_HIDDEN_HOURS'
  | 'FRESHNESS_FULL_REMIND_HOURS'
  | 'FRESHNESS_FULL_UNCONFIRMED_HOURS'
  | 'FRESHNESS_FULL_HIDDEN_HOURS'
>;

export function freshnessPeriods(c: FreshnessConfig): FreshnessPeriods {
  return {
    free: { remindSecs: c.FRESHNESS_REMIND_HOURS * 3600, unconfirmedSecs: c.FRESHNESS_UNCONFIRMED_HOURS * 3600, hiddenSecs: c.FRESHNESS_HIDDEN_HOURS * 3600 },
    full: { remindSecs: c.FRESHNESS_FULL_REMIND_HOURS * 3600, unconfirmedSecs: c.FRESHNESS_FULL_UNCONFIRMED_HOURS * 3600, hiddenSecs: c.FRESHNESS_FULL_HIDDEN_HOURS * 3600 },
  };
}

/** SQL: the period of a unit row aliased `u` (free places now, or full), as an interval. */
function period(db: Db, p: FreshnessPeriods, key: keyof PeriodSet) {
  return db`make_interval(secs => case when coalesce(u.free_places, 0) > 0 then ${p.free[key]}::float8 else ${p.full[key]}::float8 end)`;
}

/** SQL: the time to compare with (`at`, a test's clock) or the transaction's time. */
const timeOf = (db: Db, at?: Date) => (at ? db`${at}::timestamptz` : db`now()`);

/**
 * SQL fragment: the freshness ('fresh' | 'unconfirmed' | 'hidden') of a unit row aliased `u`, by
 * the periods of its kind (free places or full); the same rule as unit_freshness() in SQL.
 */
export function freshnessOf(db: Db, p: FreshnessPeriods, at?: Date) {
  const t = timeOf(db, at);
  // a paused unit (Aufnahmestopp) says so honestly: it is not stale while paused
  return db`case when u.paused_at is not null then 'fresh'
    when u.last_confirmed_at is null or u.last_confirmed_at <= ${t} - ${period(db, p, 'hiddenSecs')} then 'hidden'
    when u.last_confirmed_at <= ${t} - ${period(db, p, 'unconfirmedSecs')} then 'unconfirmed' else 'fresh' end`;
}

/** SQL: true when a unit row aliased `u` is due for a reminder (not paused, confirmed longer ago than its remind period). */
export function reminderDue(db: Db, p: FreshnessPeriods, at?: Date) {
  const t = timeOf(db, at);
  return db`(u.paused_at is null and (u.last_confirmed_at is null or u.last_confirmed_at <= ${t} - ${period(db, p, 'remindSecs')}))`;
}
