import { eventPruneJob, sessionCleanupJob } from '../features/auth/jobs';
import { escalateJob, escalationSweepJob } from '../features/emergency/jobs';
import { pushEscalationJob, pushFreshnessJob, pushRequestJob } from '../features/notifications/jobs';
import { expireHoldJob, expireHoldsSweepJob, notifyJob, retentionJob } from '../features/requests/jobs';
import { freshnessJob } from '../features/freshness/jobs';
import { historyPruneJob } from '../features/availability/jobs';
import { purgeListMailsJob, sendListJob } from '../features/navigator/jobs';
import { searchDigestJob, searchSweepJob } from '../features/search/jobs';
import { pruneJob as monitoringPruneJob, rollupJob as monitoringRollupJob, snapshotJob } from '../features/monitoring/jobs';
import type { AppContext } from '../context';
import type { JobMap, JobName } from './map';
import type { JobDef } from './registry';

/** A queue whose handler takes the payload `JobMap` declares for its name. */
type QueueOf<N extends JobName> = JobDef<any> & { handler: (ctx: AppContext, data: JobMap[N]) => Promise<void> };

/** One handler for every name of `JobMap`, taking that name's payload: a missing or extra queue is a type error. */
const jobsByName: { [N in JobName]: QueueOf<N> } = {
  'auth.session-cleanup': sessionCleanupJob,
  'events.prune': eventPruneJob,
  'freshness.check': freshnessJob,
  'requests.notify': notifyJob,
  'requests.expire-hold': expireHoldJob,
  'requests.expire-holds-sweep': expireHoldsSweepJob,
  'requests.escalate': escalateJob,
  'emergency.escalation-sweep': escalationSweepJob,
  'requests.retention': retentionJob,
  'navigator.send-list': sendListJob,
  'navigator.purge-addresses': purgeListMailsJob,
  'search.sweep': searchSweepJob,
  'search.digest': searchDigestJob,
  'push.request': pushRequestJob,
  'push.escalation': pushEscalationJob,
  'push.freshness': pushFreshnessJob,
  'monitoring.snapshot': snapshotJob,
  'monitoring.prune': monitoringPruneJob,
  'monitoring.rollup': monitoringRollupJob,
  'availability.history-prune': historyPruneJob,
};

for (const [name, def] of Object.entries(jobsByName)) {
  if (def.name !== name) throw new Error(`Job ${def.name} is listed as ${name}`);
}

/** Every queue of the product; features add theirs to `JobMap` and here. */
export const allJobs: JobDef<any>[] = Object.values(jobsByName);
