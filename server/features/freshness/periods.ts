import type { Config } from '../../config';
import type { Db } from '../../db';

/** The configured freshness periods in seconds (the configuration speaks in days, fractions allowed). */
export interface FreshnessPeriods {
  unconfirmedSecs: number;
  hiddenSecs: number;
}

export function freshnessPeriods(config: Pick<Config, 'FRESHNESS_UNCONFIRMED_DAYS' | 'FRESHNESS_HIDDEN_DAYS'>): FreshnessPeriods {
  return { unconfirmedSecs: config.FRESHNESS_UNCONFIRMED_DAYS * 86_400, hiddenSecs: config.FRESHNESS_HIDDEN_DAYS * 86_400 };
}

/**
 * SQL fragment: the freshness ('fresh' | 'unconfirmed' | 'hidden') of a unit row aliased `u`, by the
 * database function unit_freshness() with the configured periods.
 */
export function freshnessOf(db: Db, p: FreshnessPeriods) {
  return db`unit_freshness(u.last_confirmed_at, make_interval(secs => ${p.unconfirmedSecs}::float8), make_interval(secs => ${p.hiddenSecs}::float8))`;
}
