import { AsyncLocalStorage } from 'node:async_hooks';
import type postgres from 'postgres';
import { isDatabaseUnavailable } from './http/db-faults';

/** Thrown in place of a COMMIT when the request was already answered "timeout" or "unavailable". */
export class RequestAnswered extends Error {
  constructor() {
    super('The request was already answered by its deadline; its transaction is rolled back');
  }
}

/**
 * The connection broke while a COMMIT was on its way: the database may have committed or not, and
 * nobody on this side can tell. Never answered as "nothing happened".
 */
export class CommitOutcomeUnknown extends Error {
  constructor(cause: unknown) {
    super('The connection broke during COMMIT; the outcome of the transaction is unknown', { cause });
  }
}

type Query = { executed?: boolean; active?: boolean; cancel?: () => unknown };

/**
 * What the transactions of one API request know of its deadline. A 504/503 given by the deadline or
 * the outage probe must mean "nothing happened": once `close()` wins, no transaction of the request
 * commits (each checks before its COMMIT and rolls back instead, its running statement is cancelled).
 * A COMMIT already sent, or one that succeeded, makes `close()` refuse: the handler's own answer
 * (a few milliseconds late) is then the true one.
 */
export class RequestScope {
  private answered = false;
  private committed = false;
  /** A COMMIT whose answer was lost: the deadline must not claim that nothing happened. */
  private uncertain = false;
  private handlerDone = false;
  private readonly commits = new Set<Promise<unknown>>();
  private readonly open = new Set<Set<Query>>();

  /** Called when the handler settled: its answer is on its way, the deadline stays out of it. */
  settle() {
    this.handlerDone = true;
  }

  /**
   * The deadline wants to answer: true when it may (nothing committed and nothing ever will), false
   * when a commit succeeded or was under way and succeeded (the real answer follows).
   */
  async close(): Promise<boolean> {
    if (this.handlerDone || this.committed || this.uncertain) return false;
    this.answered = true;
    for (const queries of this.open) for (const q of queries) if (q.executed && q.active) q.cancel?.();
    if (this.commits.size) {
      await Promise.allSettled([...this.commits]);
      if (this.committed || this.uncertain) {
        // the change happened (or may have): the handler goes on and gives the true answer
        this.answered = false;
        return false;
      }
    }
    return !this.handlerDone;
  }

  /** Runs `begin` so that its COMMIT happens only while the deadline has not answered. */
  async transaction<T>(begin: (cb: (tx: unknown) => Promise<unknown>) => Promise<unknown>, cb: (tx: unknown) => T | Promise<T>, wrap: (tx: unknown, seen: Set<Query>) => unknown): Promise<T> {
    if (this.answered) throw new RequestAnswered();
    const seen = new Set<Query>();
    let committing: Promise<unknown> | undefined;
    let endCommit = () => {};
    this.open.add(seen);
    const run = begin(async (tx) => {
      const result = await cb(wrap(tx, seen));
      // synchronous from this check to postgres.js sending COMMIT: the deadline cannot slip between
      if (this.answered) throw new RequestAnswered();
      this.open.delete(seen);
      committing = new Promise<void>((resolve) => (endCommit = resolve));
      this.commits.add(committing);
      return result;
    });
    try {
      const result = (await run) as T;
      if (committing) this.committed = true;
      return result;
    } catch (e) {
      // a connection fault while the COMMIT was under way (an error of the transaction itself, a
      // deferred constraint or a serialization failure, is no such fault: it rolled back)
      if (committing && isDatabaseUnavailable(e)) {
        this.uncertain = true;
        throw new CommitOutcomeUnknown(e);
      }
      throw e;
    } finally {
      this.open.delete(seen);
      endCommit();
      if (committing) this.commits.delete(committing);
    }
  }
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (the rest of a request's middleware chain) inside a new scope. */
export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Wraps a transaction's `sql` so that the statements it sends can be cancelled by the deadline. */
function trackedTx(tx: unknown, seen: Set<Query>): unknown {
  return new Proxy(tx as object, {
    apply: (t, thisArg, args) => {
      const q = Reflect.apply(t as (...a: unknown[]) => unknown, thisArg, args) as Query;
      if (q && typeof q === 'object' && typeof q.cancel === 'function') seen.add(q);
      return q;
    },
  });
}

/**
 * A postgres.js client whose `begin` (only) takes part in the current request's scope; outside a
 * request (jobs, listeners, start-up) it is the client itself. Everything else passes through.
 */
export function scopedClient<S extends postgres.Sql<Record<string, unknown>>>(sql: S): S {
  const begin = (...args: unknown[]) => {
    const scope = storage.getStore();
    const cb = args[args.length - 1] as (tx: unknown) => unknown;
    const plainBegin = (fn: (tx: unknown) => Promise<unknown>) =>
      (sql.begin as (...a: unknown[]) => Promise<unknown>)(...args.slice(0, -1), fn);
    if (!scope) return plainBegin(async (tx) => cb(tx));
    return scope.transaction(plainBegin, cb, trackedTx);
  };
  return new Proxy(sql, {
    get: (t, prop, receiver) => (prop === 'begin' ? begin : Reflect.get(t, prop, receiver)),
  });
}
