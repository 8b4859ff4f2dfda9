import type { Logger } from 'pino';

/**
 * Writes that a request starts but does not wait for before it answers: the anonymous search
 * statistics of monitoring (search_log, unit_appearances), nothing a user or a rule depends on.
 * They run at once beside the answer, on the app pool; the process remembers them until they
 * settled, so a graceful stop (SIGTERM, `stop()`) waits for them before it closes the pool
 * (`settleAfterAnswer`). What a crash (kill -9, power loss) may lose: the statistics records of the
 * searches answered in the last few milliseconds before it, whose write had not committed yet. Never
 * a placement request, a vacancy, an audit entry or anything else a decision rests on: those are
 * written before their answer, as always.
 */
const pending = new Set<Promise<void>>();

/** Starts `write` now and returns at once; a failure is logged (with `what`), never thrown. */
export function afterAnswer(log: Logger, what: string, write: () => Promise<void>): void {
  const p: Promise<void> = write()
    .catch((err: unknown) => log.error({ err }, `${what} failed`))
    .finally(() => pending.delete(p));
  pending.add(p);
}

/** Waits until every write started by `afterAnswer` so far has settled (graceful stop, tests). */
export async function settleAfterAnswer(): Promise<void> {
  while (pending.size) await Promise.allSettled([...pending]);
}

/** How many such writes are under way (tests). */
export function afterAnswerPending(): number {
  return pending.size;
}
