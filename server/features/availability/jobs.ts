import type { JobDef } from '../../jobs/registry';
import { pruneConfirmations } from './history-queries';

/** Daily: confirmations older than CONFIRMATION_HISTORY_DAYS go, except each unit's latest. */
export const historyPruneJob: JobDef<'availability.history-prune'> = {
  name: 'availability.history-prune',
  schedule: '50 3 * * *',
  expireInSeconds: 600,
  handler: async (ctx) => {
    await pruneConfirmations(ctx.sql, ctx.config.CONFIRMATION_HISTORY_DAYS);
  },
};
