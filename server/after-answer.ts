import type { Logger } from 'pino';
import { isDatabaseUnavailable } from './http/db-faults';

/**
 * Writes that a request starts but does not wait for before it answers: the anonymous search
 * statistics of monitoring (search_log, unit_appearances), nothing a user or a rule depends on.
 * They run at once beside the answer, on the app pool; the process remembers them until they
 * settled, so a graceful stop (SIGTERM, `stop()`) waits for them before it closes the pool
 * (`settleAfterAnswer`). A write the database refused because it was not there (restarting, a
 * failover, a cut connection) is tried again with growing pauses for about half a minute, so a
 * restart between the answer and its record loses nothing; a graceful stop ends the pauses (each
 * write then gets one more try). What may still be lost: after a crash of the node (kill -9, power
 * loss), or an outage longer than the retries, the statistics records of the searches answered just
 * before it; and a write whose connection broke during its COMMIT, tried again, may count once
 * twice. Never a placement request, a vacancy, an audit entry or anything else a decision rests on:
 * those are written before their answer, as always.
 */
const pending = new Set<Promise<void>>();
let settling = false;
const sleepers = new Set<() => void>();

/** Pauses before the tries after the first, while the database is not there (ms). */
export const AFTER_ANSWER_RETRY_MS = [250, 500, 1000, 2000, 4000, 8000, 15_000];

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sleepers.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    sleepers.add(done);
  });
}

/** Starts `write` now and returns at once; a failure is logged (with `what`), never thrown. */
export function afterAnswer(log: Logger, what: string, write: () => Promise<void>, retryMs: readonly number[] = AFTER_ANSWER_RETRY_MS): void {
  const attempt = async () => {
    for (let i = 0; ; i++) {
      try {
        return await write();
      } catch (err) {
        if (!isDatabaseUnavailable(err) || i >= retryMs.length || (settling && i > 0)) throw err;
        log.warn({ err: { message: (err as Error)?.message, code: (err as { code?: string })?.code }, attempt: i + 1 }, `${what}: the database is not there; trying again`);
        if (!settling) await pause(retryMs[i]);
      }
    }
  };
  const p: Promise<void> = attempt()
    .catch((err: unknown) => log.error({ err }, `${what} failed`))
    .finally(() => pending.delete(p));
  pending.add(p);
}

/**
 * Waits until every write started by `afterAnswer` so far has settled (graceful stop, tests). Writes
 * waiting to try again after an outage do so at once, one last time.
 */
export async function settleAfterAnswer(): Promise<void> {
  settling = true;
  try {
    while (pending.size) {
      for (const wake of [...sleepers]) wake();
      await Promise.race([Promise.allSettled([...pending]), new Promise((r) => setTimeout(r, 20))]);
    }
  } finally {
    settling = false;
  }
}

/**
 * Many small writes of one kind after their answers, written together: the items added within
 * `windowMs` of the first (at most `maxItems`) go to the database in one `write(items)`, one
 * statement and one round trip instead of one each. The batch is an `afterAnswer` write from its
 * first item on: a graceful stop waits for it (and ends its window at once), an outage tries the
 * whole batch again as it would one write. A batch the database refused for its data (one item's
 * unit deleted meanwhile, say) is written once more item by item, so only the faulty item is lost,
 * logged with its error; an outage during those writes tries again only the items not yet written.
 */
export class AfterAnswerBatch<T> {
  private open: T[] | undefined;

  constructor(
    private readonly log: Logger,
    private readonly what: string,
    private readonly write: (items: T[]) => Promise<void>,
    private readonly windowMs = 20,
    private readonly maxItems = 200,
    private readonly retryMs: readonly number[] = AFTER_ANSWER_RETRY_MS,
  ) {}

  add(item: T): void {
    if (this.open) {
      this.open.push(item);
      if (this.open.length >= this.maxItems) this.open = undefined;
      return;
    }
    const items = [item];
    this.open = items;
    let gathered = false;
    // written one by one after the batch was refused for its data; `remaining` are those not yet written
    let oneByOne = false;
    let remaining = items;
    afterAnswer(
      this.log,
      this.what,
      async () => {
        if (!gathered) {
          if (!settling) await pause(this.windowMs);
          gathered = true;
          if (this.open === items) this.open = undefined;
          remaining = items.slice();
        }
        if (!oneByOne) {
          try {
            return await this.write(remaining);
          } catch (err) {
            if (isDatabaseUnavailable(err) || remaining.length < 2) throw err;
            this.log.warn({ err: { message: (err as Error)?.message, code: (err as { code?: string })?.code }, items: remaining.length }, `${this.what}: the batch was refused; writing its items one by one`);
            oneByOne = true;
          }
        }
        while (remaining.length) {
          try {
            await this.write([remaining[0]]);
          } catch (err) {
            if (isDatabaseUnavailable(err)) throw err;
            this.log.error({ err }, `${this.what} failed for one item`);
          }
          remaining = remaining.slice(1);
        }
      },
      this.retryMs,
    );
  }
}

/** How many such writes are under way (tests). */
export function afterAnswerPending(): number {
  return pending.size;
}
