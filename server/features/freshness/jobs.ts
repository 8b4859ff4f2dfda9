import type { JobDef } from '../../jobs/registry';
import { runFreshnessCheck } from './service';

/** Every 15 minutes: mark aged availability and remind providers (throttled per provider). */
export const freshnessJob: JobDef<'freshness.check'> = {
  name: 'freshness.check',
  schedule: '*/15 * * * *',
  expireInSeconds: 600,
  handler: async (ctx, data) => {
    await runFreshnessCheck(ctx, data?.ownerId ?? null);
  },
};
