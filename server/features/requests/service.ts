import { randomUUID } from 'node:crypto';
import type { DomainEventMap } from '../../../shared/events';
import { ANSWERABLE_STATUSES, RUNNING_STATUSES, type CreateRequestBody, type PlacementRequest } from '../../../shared/schemas/requests';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import { publishEvent, rooms } from '../../events';
import type { UserActor } from '../../http/actor';
import { conflict, forbidden, invalid, notFound } from '../../http/errors';
import { idempotent, type IdempotencyKey } from '../../http/idempotency';
import { holdPlace, noPlaceConflict, placeAvailable, releasePlace, takeHeldPlace } from '../places/service';
import {
  declineReasonExists,
  findRequest,
  insertMessage,
  insertRequest,
  listMessages,
  lockDueHolds,
  lockOfficeUnit,
  lockRequestGroup,
  lockRequest as lockRequestRow,
  markAccepted,
  markAnswered,
  markClosed,
  markDeclined,
  peekRequest,
  requestableUnits,
  runningForCase,
  selectKnownCodes,
  touchRequest,
  type LockedRequest,
  type Scope,
} from './queries';
import { present, scopeOf } from './reads';

export { getRequest, listMine, requestsOfCase, scopeOf } from './reads';

async function announce(tx: Db, r: Omit<LockedRequest, 'holdExpiresAt' | 'createdBy' | 'txNow'>, what: DomainEventMap['request:changed']['what']) {
  await publishEvent(tx, 'request:changed', [rooms.org(r.officeId), rooms.org(r.providerId)], {
    requestId: r.id,
    groupId: r.groupId,
    unitId: r.unitId,
    officeId: r.officeId,
    providerId: r.providerId,
    status: r.status,
    urgency: r.urgency,
    what,
  });
}

async function notifyOtherSide(ctx: AppContext, tx: Db, requestId: string, to: 'office' | 'provider', what: string) {
  await ctx.jobs.send('requests.notify', { requestId, to, what }, { db: tx });
}

async function lockRequest(tx: Db, id: string, scope: Scope): Promise<LockedRequest> {
  const row = await lockRequestRow(tx, id, scope);
  if (!row) throw notFound('Request');
  return row;
}

async function checkCodes(ctx: AppContext, table: 'specialisations' | 'exclusions', codes: string[], path: string) {
  if (codes.length === 0) return;
  const known = await selectKnownCodes(ctx.sql, table, codes);
  const unknown = codes.filter((c) => !known.includes(c));
  if (unknown.length) throw invalid(path, `unknown code(s): ${unknown.join(', ')}`, 'unknown_code', { value: unknown.join(', ') });
}

export interface CreatedGroup {
  groupId: string;
  items: PlacementRequest[];
}

/**
 * Sends one request per unit; refuses a unit already asked for the same case reference (nobody
 * asks twice for one child; colleagues may ask the same unit for other children).
 * `within` runs in the same transaction after the requests are written (the emergency flow adds
 * its escalation there), so a crash leaves either all of it or nothing.
 */
export async function createRequests(
  ctx: AppContext,
  origin: AuditOrigin,
  idem: IdempotencyKey,
  actor: UserActor,
  body: CreateRequestBody,
  within?: (tx: Db, created: CreatedGroup) => Promise<void>,
) {
  if (scopeOf(actor).side !== 'office') throw forbidden('Only offices send placement requests');
  await checkCodes(ctx, 'specialisations', body.needs, 'body.needs');
  await checkCodes(ctx, 'exclusions', body.conditions, 'body.conditions');
  const unitIds = [...new Set(body.unitIds)];
  return idempotent(ctx, idem, actor, async (tx) => {
    const units = await requestableUnits(tx, unitIds);
    const missing = unitIds.filter((id) => !units.some((u) => u.id === id));
    if (missing.length) throw invalid('body.unitIds', `unit(s) not found or not requestable: ${missing.join(', ')}`);
    // serialise requests of this office per unit, so two colleagues clicking at once cannot both ask
    for (const id of unitIds.toSorted()) await lockOfficeUnit(tx, actor.orgId, id);
    const running = await runningForCase(tx, actor.orgId, body.caseRef, unitIds);
    if (running.length) {
      throw conflict(`A request for case ${body.caseRef} is already running for ${running.length === 1 ? 'this unit' : 'these units'}`, {
        reason: 'duplicate-request',
        running,
        issues: [{ path: 'body.caseRef', message: 'a request for this case reference to this unit is already running', code: 'duplicate' }],
      });
    }
    const groupId = randomUUID();
    const ids: string[] = [];
    for (const u of units) {
      const id = await insertRequest(tx, { groupId, officeId: actor.orgId, createdBy: actor.userId, unitId: u.id, providerId: u.ownerId, body });
      ids.push(id);
      await writeAudit(tx, actor, origin, { action: 'request.create', objectType: 'placement_request', objectId: id, details: { unitId: u.id, urgency: body.urgency } });
      await announce(tx, { id, groupId, unitId: u.id, officeId: actor.orgId, providerId: u.ownerId, status: 'open', urgency: body.urgency }, 'created');
      await notifyOtherSide(ctx, tx, id, 'provider', 'created');
    }
    const items = [];
    for (const id of ids) items.push((await findRequest(tx, id, { officeId: actor.orgId }))!);
    if (within) await within(tx, { groupId, items });
    return { groupId, items };
  });
}

/**
 * The provider accepts: the place is held until the deadline. Refused with 409 when nothing is
 * available. When many offers race for a unit's last places, most are refused: those whose refusal
 * the committed state already shows (answered, or no place left) are refused from one plain read,
 * before a transaction, so they neither write nor wait on the unit's row.
 */
export async function acceptRequest(ctx: AppContext, origin: AuditOrigin, actor: UserActor, id: string, body: { holdHours?: number; message?: string }) {
  const scope = scopeOf(actor);
  if (scope.side !== 'provider') throw forbidden('Only the provider accepts a request');
  const peek = await peekRequest(ctx.sql, id, scope);
  if (!peek) throw notFound('Request');
  if (!ANSWERABLE_STATUSES.includes(peek.status)) throw notAcceptable(peek.status);
  if (!placeAvailable(peek)) throw noPlaceConflict();
  return ctx.sql.begin(async (tx) => {
    const r = await lockRequest(tx, id, scope);
    if (!ANSWERABLE_STATUSES.includes(r.status)) throw notAcceptable(r.status);
    const hours = body.holdHours ?? (r.urgency === 'emergency' ? ctx.config.HOLD_HOURS_EMERGENCY : ctx.config.HOLD_HOURS_REGULAR);
    // from the database's clock (the transaction's now()), so the deadline is the one it compares with
    const holdExpiresAt = new Date(Date.parse(r.txNow) + Math.round(hours * 3600) * 1000).toISOString();
    // the writes of one transaction, sent together (postgres.js pipelines them on its connection, in
    // this order): one round trip instead of nine. The unit's hold and its announcement last: every
    // other offer for the unit waits on its row until this commit, so it is held for them and the
    // commit only; a 409 there rolls back all of the above
    const [, accepted] = await Promise.all([
      markAccepted(tx, id, holdExpiresAt),
      findRequest(tx, id, scope),
      body.message ? insertMessage(tx, { requestId: id, userId: actor.userId, orgId: actor.orgId, kind: 'message', body: body.message }) : undefined,
      ctx.jobs.send('requests.expire-hold', { requestId: id }, { db: tx, startAfter: new Date(Date.parse(holdExpiresAt) + 1000) }),
      writeAudit(tx, actor, origin, { action: 'request.accept', objectType: 'placement_request', objectId: id, details: { holdExpiresAt } }),
      announce(tx, { ...r, status: 'accepted' }, 'accepted'),
      notifyOtherSide(ctx, tx, id, 'office', 'accepted'),
      holdPlace(tx, r.unitId),
    ]);
    return present(accepted!, 'provider');
  });
}

function notAcceptable(status: string) {
  return conflict(`The request is ${status} and can no longer be accepted`);
}

export async function declineRequest(ctx: AppContext, origin: AuditOrigin, actor: UserActor, id: string, body: { reason: string; text?: string }) {
  const scope = scopeOf(actor);
  if (scope.side !== 'provider') throw forbidden('Only the provider declines a request');
  if (!(await declineReasonExists(ctx.sql, body.reason))) throw invalid('body.reason', 'is not a known decline reason');
  return ctx.sql.begin(async (tx) => {
    const r = await lockRequest(tx, id, scope);
    if (!ANSWERABLE_STATUSES.includes(r.status)) throw conflict(`The request is ${r.status} and can no longer be declined`);
    await markDeclined(tx, id, body.reason, body.text ?? null);
    await writeAudit(tx, actor, origin, { action: 'request.decline', objectType: 'placement_request', objectId: id, details: { reason: body.reason } });
    await announce(tx, { ...r, status: 'declined' }, 'declined');
    await notifyOtherSide(ctx, tx, id, 'office', 'declined');
    return present((await findRequest(tx, id, scope))!, 'provider');
  });
}

/** A message in the request's thread; a provider's question sets the request to "question". */
export async function postMessage(ctx: AppContext, origin: AuditOrigin, actor: UserActor, id: string, body: { body: string; question: boolean }) {
  const scope = scopeOf(actor);
  return ctx.sql.begin(async (tx) => {
    const r = await lockRequest(tx, id, scope);
    if (!RUNNING_STATUSES.includes(r.status)) throw conflict(`The request is ${r.status}; its thread is closed`);
    let status = r.status;
    if (scope.side === 'provider' && body.question && r.status === 'open') status = 'question';
    if (scope.side === 'office' && r.status === 'question') status = 'open';
    await insertMessage(tx, { requestId: id, userId: actor.userId, orgId: actor.orgId, kind: body.question && scope.side === 'provider' ? 'question' : 'message', body: body.body });
    if (status !== r.status) await markAnswered(tx, id, status);
    else await touchRequest(tx, id);
    await writeAudit(tx, actor, origin, { action: 'request.message', objectType: 'placement_request', objectId: id });
    await announce(tx, { ...r, status }, status === 'question' && r.status !== 'question' ? 'question' : 'message');
    await notifyOtherSide(ctx, tx, id, scope.side === 'office' ? 'provider' : 'office', 'message');
    const full = (await findRequest(tx, id, scope))!;
    return { ...present(full, scope.side), messages: (await listMessages(tx, id)) as never };
  });
}

/**
 * Ends a hold or a running request and frees its held place. Used by withdraw, release, expiry and
 * group closing; `freePlace: false` leaves the place to the caller (confirm frees the places of a
 * group's other holds itself, in the order it takes all its units' rows).
 */
async function closeRunning(
  ctx: AppContext,
  tx: Db,
  r: LockedRequest,
  status: 'withdrawn' | 'released' | 'expired',
  notifySide: 'office' | 'provider' | 'both',
  freePlace = true,
) {
  if (freePlace && r.status === 'accepted') await releasePlace(tx, r.unitId);
  await markClosed(tx, r.id, status);
  await announce(tx, { ...r, status }, status);
  if (notifySide !== 'provider') await notifyOtherSide(ctx, tx, r.id, 'office', status);
  if (notifySide !== 'office') await notifyOtherSide(ctx, tx, r.id, 'provider', status);
}

/**
 * The office confirms an accepted hold: the placement is recorded and the free count drops in the
 * same transaction; the group's other requests end. Refused with 409 when the hold is not active.
 * Without an Idempotency-Key (no stored answer to give back) a request that is no hold is refused
 * from one plain read, before a transaction.
 *
 * Two holds of one group confirmed at once: both transactions lock the group's running requests in
 * id order, so one waits for the other and is then refused (its request was withdrawn), never a
 * deadlock. The units' rows are written last and in unit id order, so two groups holding places in
 * the same units do not wait on each other the other way round either.
 */
export async function confirmRequest(ctx: AppContext, origin: AuditOrigin, idem: IdempotencyKey, actor: UserActor, id: string) {
  const scope = scopeOf(actor);
  if (scope.side !== 'office') throw forbidden('Only the office confirms a placement');
  if (idem.key === undefined) {
    const peek = await peekRequest(ctx.sql, id, scope);
    if (!peek) throw notFound('Request');
    if (peek.status !== 'accepted') throw notConfirmable(peek.status);
  }
  return idempotent(ctx, idem, actor, async (tx) => {
    const locked = await lockRequestGroup(tx, id, scope);
    const r = locked.find((x) => x.id === id);
    if (!r) throw notFound('Request');
    if (r.status !== 'accepted') throw notConfirmable(r.status);
    if (Date.parse(r.holdExpiresAt!) <= Date.now()) throw conflict('The hold has expired; the place is no longer held for you');
    const others = locked.filter((x) => x.id !== id);
    // independent writes and reads of one transaction, sent together (pipelined, in this order); the
    // unit's row last (as in acceptRequest), in the same round trip when no other request is to end
    const [, confirmed] = await Promise.all([
      markClosed(tx, id, 'confirmed'),
      findRequest(tx, id, scope),
      writeAudit(tx, actor, origin, { action: 'request.confirm', objectType: 'placement_request', objectId: id, details: { unitId: r.unitId } }),
      announce(tx, { ...r, status: 'confirmed' }, 'confirmed'),
      notifyOtherSide(ctx, tx, id, 'provider', 'confirmed'),
      others.length === 0 ? takeHeldPlace(tx, r.unitId) : undefined,
    ]);
    // the child is placed: the other requests sent for it end (locked above), and their holds free their places
    for (const other of others) {
      await insertMessage(tx, { requestId: other.id, userId: null, orgId: null, kind: 'system', body: 'Das Kind wurde anderweitig untergebracht; die Anfrage ist beendet.' });
      await closeRunning(ctx, tx, other, 'withdrawn', 'provider', false);
      await writeAudit(tx, actor, origin, { action: 'request.withdraw', objectType: 'placement_request', objectId: other.id, details: { because: 'placed-elsewhere' } });
    }
    // the units' rows last (held for these round trips and the commit), in unit id order
    if (others.length) {
      const held = others.filter((o) => o.status === 'accepted').map((o) => o.unitId);
      for (const unitId of [r.unitId, ...held].toSorted()) {
        if (unitId === r.unitId) await takeHeldPlace(tx, unitId);
        else await releasePlace(tx, unitId);
      }
    }
    return present(confirmed!, 'office');
  });
}

function notConfirmable(status: string) {
  return conflict(`The request is ${status}; only an accepted hold can be confirmed`);
}

export async function withdrawRequest(ctx: AppContext, origin: AuditOrigin, actor: UserActor, id: string, message?: string) {
  const scope = scopeOf(actor);
  if (scope.side !== 'office') throw forbidden('Only the office withdraws its request');
  return ctx.sql.begin(async (tx) => {
    const r = await lockRequest(tx, id, scope);
    if (!RUNNING_STATUSES.includes(r.status)) throw conflict(`The request is ${r.status} and can no longer be withdrawn`);
    if (message) await insertMessage(tx, { requestId: id, userId: actor.userId, orgId: actor.orgId, kind: 'message', body: message });
    await closeRunning(ctx, tx, r, 'withdrawn', 'provider');
    await writeAudit(tx, actor, origin, { action: 'request.withdraw', objectType: 'placement_request', objectId: id });
    return present((await findRequest(tx, id, scope))!, 'office');
  });
}

export async function releaseHold(ctx: AppContext, origin: AuditOrigin, actor: UserActor, id: string, message?: string) {
  const scope = scopeOf(actor);
  if (scope.side !== 'provider') throw forbidden('Only the provider releases its hold');
  return ctx.sql.begin(async (tx) => {
    const r = await lockRequest(tx, id, scope);
    if (r.status !== 'accepted') throw conflict(`The request is ${r.status}; only a hold can be released`);
    if (message) await insertMessage(tx, { requestId: id, userId: actor.userId, orgId: actor.orgId, kind: 'message', body: message });
    await closeRunning(ctx, tx, r, 'released', 'office');
    await writeAudit(tx, actor, origin, { action: 'request.release', objectType: 'placement_request', objectId: id });
    return present((await findRequest(tx, id, scope))!, 'provider');
  });
}

/** Ends every hold past its deadline (job; also run by a sweeper, so a crash loses nothing). */
export async function expireHolds(ctx: AppContext, onlyId?: string): Promise<number> {
  return ctx.sql.begin(async (tx) => {
    const due = await lockDueHolds(tx, onlyId);
    for (const r of due) {
      await closeRunning(ctx, tx, r, 'expired', 'both');
      await writeAudit(tx, 'system', {}, { action: 'request.expire', objectType: 'placement_request', objectId: r.id });
    }
    return due.length;
  });
}
