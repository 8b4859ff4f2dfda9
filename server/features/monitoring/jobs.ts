import type { JobDef } from '../../jobs/registry';
import { rollupMonitoring } from './rollup';
import { pruneRollups } from './rollup-queries';
import { insertSnapshot, pruneMonitoring } from './supply-queries';

/** Every hour: supply per district and type of service, kept as the trend series. */
export const snapshotJob: JobDef<'monitoring.snapshot'> = {
  name: 'monitoring.snapshot',
  schedule: '0 * * * *',
  expireInSeconds: 600,
  handler: async (ctx) => {
    const at = new Date();
    at.setUTCMinutes(0, 0, 0);
    await insertSnapshot(ctx.sql, at);
  },
};

/** Daily: search records, appearances and snapshots older than their retention go. */
export const pruneJob: JobDef<'monitoring.prune'> = {
  name: 'monitoring.prune',
  schedule: '40 3 * * *',
  expireInSeconds: 600,
  handler: async (ctx) => {
    await pruneMonitoring(ctx.sql, ctx.config.SEARCH_LOG_RETENTION_DAYS, ctx.config.SUPPLY_SNAPSHOT_RETENTION_DAYS);
    await pruneRollups(ctx.sql, ctx.config.SEARCH_LOG_RETENTION_DAYS, ctx.config.REQUEST_RETENTION_DAYS);
  },
};

/**
 * Every hour: daily summaries of the past days that have none or whose raw rows changed since
 * (migrations/0150_monitoring_rollups.sql); the dashboards read them instead of raw rows.
 */
export const rollupJob: JobDef<'monitoring.rollup'> = {
  name: 'monitoring.rollup',
  schedule: '7 * * * *',
  expireInSeconds: 1800,
  handler: async (ctx) => {
    await rollupMonitoring(ctx);
  },
};
