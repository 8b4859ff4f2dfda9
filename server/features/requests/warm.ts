import { randomUUID } from 'node:crypto';
import { writeAudit } from '../../audit';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import { onEachConnection } from '../../db-pool';
import { publishEvent } from '../../events';
import { findSession } from '../auth/sessions';
import { AppError } from '../../http/errors';
import { holdPlace, takeHeldPlace } from '../places/service';
import { findRequest, lockRequest, lockRequestGroup, markAccepted, markClosed, peekRequest } from './queries';

function expectedConflict(e: unknown): void {
  if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
}

/**
 * The statements of an accept and a confirm, each once, on ids that match nothing, in a transaction
 * that is rolled back: the connection then has them prepared (postgres.js describes a statement on
 * its first use on a connection, a round trip more) and planned. Nothing is written. Each in a
 * savepoint of its own, so that one that fails does not keep the others cold.
 */
function acceptAndConfirmStatements(ctx: AppContext): ((db: Db) => Promise<unknown>)[] {
  const id = randomUUID();
  const unitId = randomUUID();
  const scope = { officeId: randomUUID() };
  return [
    (db) => findSession(db, randomUUID().replaceAll('-', '')),
    (db) => peekRequest(db, id, scope),
    (db) => lockRequest(db, id, scope),
    (db) => lockRequestGroup(db, id, scope),
    (db) => markAccepted(db, id, new Date().toISOString()),
    (db) => markClosed(db, id, 'confirmed'),
    (db) => findRequest(db, id, scope),
    (db) => writeAudit(db, 'system', {}, { action: 'request.confirm', objectType: 'placement_request', objectId: id, details: { unitId } }),
    (db) =>
      publishEvent(db, 'request:changed', [`org:${id}`], { requestId: id, groupId: id, unitId, officeId: id, providerId: id, status: 'confirmed', urgency: 'regular', what: 'confirmed' }),
    (db) => ctx.jobs.send('requests.notify', { requestId: id, to: 'provider', what: 'confirmed' }, { db }),
    (db) => ctx.jobs.send('requests.expire-hold', { requestId: id }, { db, startAfter: new Date(Date.now() + 3_600_000) }),
    // through the places feature's service (its queries are its own); on a unit id that matches
    // nothing they answer 409 after their statements ran: expected here
    (db) => holdPlace(db, unitId).catch(expectedConflict),
    (db) => takeHeldPlace(db, unitId).catch(expectedConflict),
  ];
}

/**
 * Warms every connection of the pool for the race for the last places (issue 18): when many offices
 * confirm at once right after a start, each of them would otherwise meet a connection's first use of
 * each statement. Takes `connections` connections at once (each a different one), runs the
 * statements in a rolled-back transaction on each and gives them back. Failures only cost the warmth.
 */
export async function warmRequestConnections(ctx: AppContext, connections: number): Promise<void> {
  await onEachConnection(ctx.sql, connections, async (c) => {
    try {
      await c`begin`;
      for (const statement of acceptAndConfirmStatements(ctx)) {
        await c`savepoint warm`;
        try {
          await statement(c as unknown as Db);
          await c`release savepoint warm`;
        } catch (e) {
          ctx.log.warn({ err: e }, 'warming a database connection: a statement failed');
          await c`rollback to savepoint warm`;
        }
      }
    } catch (e) {
      ctx.log.debug({ err: e }, 'warming a database connection failed');
    } finally {
      await c`rollback`.catch(() => {});
    }
  });
}
