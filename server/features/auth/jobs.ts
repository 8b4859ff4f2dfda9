import type { JobDef } from '../../jobs/registry';
import { announceSessionEnd } from '../../realtime/control';
import { pruneLoginThrottle } from './throttle';

/** Removes timed-out sessions and drops their sockets on every node. */
export const sessionCleanupJob: JobDef<'auth.session-cleanup'> = {
  name: 'auth.session-cleanup',
  schedule: '*/5 * * * *',
  handler: async (ctx) => {
    await ctx.sql.begin(async (tx) => {
      const rows = await tx`delete from sessions
        where last_seen_at < now() - make_interval(mins => ${ctx.config.SESSION_IDLE_MINUTES})
           or created_at < now() - make_interval(hours => ${ctx.config.SESSION_ABSOLUTE_HOURS})
        returning id`;
      for (const r of rows) await announceSessionEnd(tx, { sessionId: r.id, reason: 'expired' });
    });
    await pruneLoginThrottle(ctx.sql, ctx.config.LOGIN_LOCK_MINUTES);
  },
};

/** Events older than a week are gone; a client away that long is told to reload. */
export const eventPruneJob: JobDef<'events.prune'> = {
  name: 'events.prune',
  schedule: '17 3 * * *',
  expireInSeconds: 600, // longer than the default expiry: a large batch must not be retried while it runs
  handler: async (ctx) => {
    await ctx.sql`delete from events where at < now() - interval '7 days'`;
  },
};
