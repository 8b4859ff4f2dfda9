import type { SendListJob } from '../features/navigator/service';

/** What a scheduled job gets: pg-boss sends `{}` on each tick. */
export type NoPayload = Record<string, never>;

/**
 * Payloads of the queues by `feature.job` name, like the socket event maps in `shared/events.ts`:
 * `ctx.jobs.send()` and `ctx.jobs.run()` accept only these names with these payloads, and a
 * `JobDef<'name'>` handler receives the payload declared here. Features add their queues here.
 */
export interface JobMap {
  'auth.session-cleanup': NoPayload;
  'events.prune': NoPayload;
  /** Without `ownerId` (the schedule) every provider is checked. */
  'freshness.check': { ownerId?: string };
  /** E-mail the side of a request that is not online about what happened. */
  'requests.notify': { requestId: string; to: 'office' | 'provider'; what: string };
  /** Without `requestId` every hold past its deadline ends. */
  'requests.expire-hold': { requestId?: string };
  'requests.expire-holds-sweep': NoPayload;
  'requests.escalate': { groupId: string };
  /** Emergency request groups without escalation get one (a crash, or the regular composer). */
  'emergency.escalation-sweep': NoPayload;
  'requests.retention': NoPayload;
  'navigator.send-list': SendListJob;
  'navigator.purge-addresses': NoPayload;
  'search.sweep': NoPayload;
  'search.digest': NoPayload;
  /** Web Push about one request to the other side's devices (only with VAPID keys); no child data. */
  'push.request': { requestId: string; to: 'office' | 'provider'; what: string };
  /** Web Push of a freshness reminder to the devices of the level it went to; `path` is its "Alles unverändert" link. */
  'push.freshness': { ownerId: string; level: 'staff' | 'admin'; path: string; units: number };
  /** Web Push to the sender's devices: nobody answered the emergency request in time. */
  'push.escalation': { groupId: string; officeId: string; userId: string };
  /** Hourly supply snapshot (the trend of the monitoring figures). */
  'monitoring.snapshot': NoPayload;
  'monitoring.prune': NoPayload;
  'monitoring.rollup': NoPayload;
  /** Daily: old entries of the units' confirmation history go (each unit keeps its latest). */
  'availability.history-prune': NoPayload;
}

export type JobName = keyof JobMap;

/** The payload of a job given by name, or (older form) the payload type itself. */
export type JobPayload<T> = T extends JobName ? JobMap[T] : T;
