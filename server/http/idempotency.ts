import { createHash } from 'node:crypto';
import type { AppContext } from '../context';
import type { Db } from '../db';
import type { UserActor } from './actor';
import { AppError, invalid } from './errors';

/** What `idempotent()` needs of a call: its `Idempotency-Key` header, the concrete route and its body. */
export interface IdempotencyKey {
  key: string | undefined;
  /** Method and concrete path: the same key on another request id is another action. */
  route: string;
  /** The request body: the same key with other units or another child is another request. */
  body?: unknown;
}

/**
 * Runs `action` once per `Idempotency-Key` header and user: a retried click or network retry gets
 * the first answer back instead of acting twice. Two concurrent calls with one key serialise on the
 * key's primary key; the second sees the first one's stored answer. Failures are not stored, so a
 * refused call can be retried. Without the header the action simply runs. A key reused for another
 * action, another object or another body is refused (409), never answered with the first result.
 */
export async function idempotent<T>(ctx: AppContext, idem: IdempotencyKey, actor: UserActor, action: (tx: Db) => Promise<T>): Promise<T> {
  const { key } = idem;
  if (key === undefined) return ctx.sql.begin((tx) => action(tx)) as Promise<T>;
  if (!/^[A-Za-z0-9._:-]{8,100}$/.test(key)) throw invalid('headers.idempotency-key', 'must be 8 to 100 letters, digits or . _ : -');
  // stored as "<method> <path> sha256:<body hash>"
  const route = `${idem.route} ${bodyHash(idem.body)}`;
  return ctx.sql.begin(async (tx) => {
    const claimed = await tx`
      insert into idempotency_keys (user_id, key, route, status, response) values (${actor.userId}, ${key}, ${route}, 0, 'null')
      on conflict do nothing returning key`;
    if (claimed.length === 0) {
      const [prev] = await tx`select route, response from idempotency_keys where user_id = ${actor.userId} and key = ${key}`;
      const [prevAction] = String(prev.route).split(' sha256:');
      if (prevAction !== idem.route) throw new AppError('CONFLICT', 'This Idempotency-Key was already used for another action');
      if (prev.route !== route) throw new AppError('CONFLICT', 'This Idempotency-Key was already used with a different request body');
      return prev.response as T;
    }
    const result = await action(tx);
    await tx`update idempotency_keys set status = 200, response = ${tx.json(result as never)} where user_id = ${actor.userId} and key = ${key}`;
    return result;
  }) as Promise<T>;
}

/** A stable fingerprint of a request body (key order as sent: a retry sends the same bytes). */
function bodyHash(body: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex').slice(0, 32)}`;
}
