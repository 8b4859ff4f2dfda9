import type { AppContext } from '../context';
import type { Db } from '../db';
import type { UserActor } from './actor';
import { AppError, invalid } from './errors';

/** What `idempotent()` needs of a call: its `Idempotency-Key` header and the concrete route. */
export interface IdempotencyKey {
  key: string | undefined;
  /** Method and concrete path: the same key on another request id is another action. */
  route: string;
}

/**
 * Runs `action` once per `Idempotency-Key` header and user: a retried click or network retry gets
 * the first answer back instead of acting twice. Two concurrent calls with one key serialise on the
 * key's primary key; the second sees the first one's stored answer. Failures are not stored, so a
 * refused call can be retried. Without the header the action simply runs.
 */
export async function idempotent<T>(ctx: AppContext, idem: IdempotencyKey, actor: UserActor, action: (tx: Db) => Promise<T>): Promise<T> {
  const { key, route } = idem;
  if (key === undefined) return ctx.sql.begin((tx) => action(tx)) as Promise<T>;
  if (!/^[A-Za-z0-9._:-]{8,100}$/.test(key)) throw invalid('headers.idempotency-key', 'must be 8 to 100 letters, digits or . _ : -');
  return ctx.sql.begin(async (tx) => {
    const claimed = await tx`
      insert into idempotency_keys (user_id, key, route, status, response) values (${actor.userId}, ${key}, ${route}, 0, 'null')
      on conflict do nothing returning key`;
    if (claimed.length === 0) {
      const [prev] = await tx`select route, response from idempotency_keys where user_id = ${actor.userId} and key = ${key}`;
      if (prev.route !== route) throw new AppError('CONFLICT', 'This Idempotency-Key was already used for another action');
      return prev.response as T;
    }
    const result = await action(tx);
    await tx`update idempotency_keys set status = 200, response = ${tx.json(result as never)} where user_id = ${actor.userId} and key = ${key}`;
    return result;
  }) as Promise<T>;
}
