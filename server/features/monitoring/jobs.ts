import type { JobDef } from '../../jobs/registry';
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
  },
};
