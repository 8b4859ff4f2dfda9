import type { Db } from '../../db';

export interface DimRow {
  dim: string;
  key: string;
  count: number;
}

/** The age band of an age (shared/schemas/monitoring.ts AGE_BANDS); 'any' for a browse without an age. */
export const ageBand = (db: Db, col: string) =>
  db`(case when ${db(col)} is null then 'any' when ${db(col)} <= 5 then '0-5' when ${db(col)} <= 11 then '6-11' when ${db(col)} <= 13 then '12-13' when ${db(col)} <= 17 then '14-17' else '18-27' end)`;
