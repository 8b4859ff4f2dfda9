import { randomUUID } from 'node:crypto';
import type { DomainEventMap } from '../../../shared/events';
import type { CreateRequestBody, PlacementRequest, RequestStatus } from '../../../shared/schemas/requests';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import { publishEvent, rooms } from '../../events';
import type { UserActor } from '../../http/actor';
import { conflict, forbidden, invalid, notFound } from '../../http/errors';
import { idempotent, type IdempotencyKey } from '../../http/idempotency';
import { findRequest, insertMessage, listMessages, listRequests, requestableUnits, runningForUnits, type Scope } from './queries';

const OFFICE_ROLES = ['caseworker', 'oncall', 'office_admin'];
const PROVIDER_ROLES = ['provider_staff', 'provider_admin'];

/** Offices see their own requests, providers the requests to their units; nobody else any. */
export function scopeOf(actor: UserActor): Scope & { side: 'office' | 'provider' } {
  if (OFFICE_ROLES.includes(actor.role)) return { officeId: actor.orgId, side: 'office' };
  if (PROVIDER_ROLES.includes(actor.role)) return { providerId: actor.orgId, side: 'provider' };
  throw forbidden('Only offices and providers take part in placement requests');
}

/** The office's case reference stays with the office. */
function present(r: PlacementRequest, side: 'office' | 'provider'): PlacementRequest {
  if (side === 'office') return r;
  const { caseRef: _hidden, ...rest } = r;
  return rest;
}

async function announce(tx: Db, r: { id: string; groupId: string; unitId: string; officeId: string; providerId: string; status: RequestStatus; urgency: 'emergency' | 'regular' }, what: DomainEventMap['request:changed']['what']) {
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

/** Holds changed what is available: tell the matching (vacancy:changed is its input). */
async function announceAvailability(tx: Db, unitId: string) {
  const [u] = await tx`select owner_id, free_places, last_confirmed_at from units where id = ${unitId}`;
  await publishEvent(tx, 'vacancy:changed', [rooms.org(u.ownerId)], {
    unitId,
    providerId: u.ownerId,
    freePlaces: u.freePlaces,
    lastConfirmedAt: u.lastConfirmedAt,
    reason: 'held-changed',
  });
}

async function notifyOtherSide(ctx: AppContext, tx: Db, requestId: string, to: 'office' | 'provider', what: string) {
  await ctx.jobs.send('requests.notify', { requestId, to, what }, { db: tx });
}

async function lockRequest(tx: Db, id: string, scope: Scope) {
  const [row] = await tx`
    select id, group_id, unit_id, office_id, provider_id, status, urgency, hold_expires_at, created_by
    from placement_requests where id = ${id}
      and (${scope.officeId ?? null}::uuid is null or office_id = ${scope.officeId ?? null}::uuid)
      and (${scope.providerId ?? null}::uuid is null or provider_id = ${scope.providerId ?? null}::uuid)
    for update`;
  if (!row) throw notFound('Request');
  return row as { id: string; groupId: string; unitId: string; officeId: string; providerId: string; status: RequestStatus; urgency: 'emergency' | 'regular'; holdExpiresAt: string | null; createdBy: string };
}

async function checkCodes(ctx: AppContext, table: 'specialisations' | 'exclusions', codes: string[], path: string) {
  if (codes.length === 0) return;
  const known = await ctx.sql`select code from ${ctx.sql(table)} where code = any(${codes})`;
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length) throw invalid(path, `unknown code(s): ${unknown.join(', ')}`);
}

/** Sends one request per unit; refuses units a colleague already asked (nobody phones twice). */
export async function createRequests(ctx: AppContext, origin: AuditOrigin, idem: IdempotencyKey, actor: UserActor, body: CreateRequestBody) {
  if (scopeOf(actor).side !== 'office') throw forbidden('Only offices send placement requests');
  await checkCodes(ctx, 'specialisations', body.needs, 'body.needs');
  await checkCodes(ctx, 'exclusions', body.conditions, 'body.conditions');
  const unitIds = [...new Set(body.unitIds)];
  return idempotent(ctx, idem, actor, async (tx) => {
    const units = await requestableUnits(tx, unitIds);
    const missing = unitIds.filter((id) => !units.some((u) => u.id === id));
    if (missing.length) throw invalid('body.unitIds', `unit(s) not found or not requestable: ${missing.join(', ')}`);
    // serialise requests of this office per unit, so two colleagues clicking at once cannot both ask
    for (const id of unitIds.toSorted()) await tx`select pg_advisory_xact_lock(hashtext(${`${actor.orgId}:${id}`}))`;
    const running = await runningForUnits(tx, actor.orgId, unitIds);
    if (running.length) {
      throw conflict(`A colleague already has a request running for ${running.length === 1 ? 'this unit' : 'these units'}`, { running });
    }
    const groupId = randomUUID();
    const ids: string[] = [];
    for (const u of units) {
      const [row] = await tx`
        insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender,
          needs, conditions, siblings, desired_start, urgency, note)
        values (${groupId}, ${actor.orgId}, ${actor.userId}, ${u.id}, ${u.ownerId}, ${body.caseRef}, ${body.childAge}, ${body.childGender},
          ${body.needs}, ${body.conditions}, ${body.siblings}, ${body.desiredStart}, ${body.urgency}, ${body.note ?? null})
        returning id`;
      ids.push(row.id);
      await writeAudit(tx, actor, origin, { action: 'request.create', objectType: 'placement_request', objectId: row.id, details: { unitId: u.id, urgency: body.urgency } });
      await announce(tx, { id: row.id, groupId, unitId: u.id, officeId: actor.orgId, providerId: u.ownerId, status: 'open', urgency: body.urgency }, 'created');
      await notifyOtherSide(ctx, tx, row.id, 'provider', 'created');
    }
    const items = [];
    for (const id of ids) items.push((await findRequest(tx, id, { officeId: actor.orgId }))!);
    return { groupId, items };
  });
}

export async function getRequest(ctx: AppContext, origin: AuditOrigin, actor: UserActor, id: string): Promise<PlacementRequest> {
  const scope = scopeOf(actor);
  const r = await findRequest(ctx.sql, id, scope);
  if (!r) throw notFound('Request');
  const messages = await listMessages(ctx.sql, id);
  await writeAudit(ctx.sql, actor, origin, { action: 'request.read', objectType: 'placement_request', objectId: id });
  return { ...present(r, scope.side), messages: messages as never };
}

export async function listMine(ctx: AppContext, origin: AuditOrigin, actor: UserActor, f: { status: 'running' | 'closed' | 'all'; unitId?: string; groupId?: string }) {
  const scope = scopeOf(actor);
  const items = await listRequests(ctx.sql, scope, f);
  if (items.length) {
    await writeAudit(ctx.sql, actor, origin, { action: 'request.list', objectType: 'placement_request', details: { ids: items.map((r) => r.id), filter: f } });
  }
  return items.map((r) => present(r, scope.side));
}

/** The provider accepts: the place is held until the deadline. Refused with 409 when nothing is available. */
export async function acceptRequest(ctx: AppContext, origin: AuditOrigin, actor: UserActor, id: string, body: { holdHours?: number; message?: string }) {
  const scope = scopeOf(actor);
  if (scope.side !== 'provider') throw forbidden('Only the provider accepts a request');
  return ctx.sql.begin(async (tx) => {
    const r = await lockRequest(tx, id, scope);
    if (r.status !== 'open' && r.status !== 'question') throw conflict(`The request is ${r.status} and can no longer be accepted`);
    const hours = body.holdHours ?? (r.urgency === 'emergency' ? ctx.config.HOLD_HOURS_EMERGENCY : ctx.config.HOLD_HOURS_REGULAR);
    // the last free place: a conditional update under the CHECK held_places <= free_places
    const held = await tx`update units set held_places = held_places + 1
      where id = ${r.unitId} and held_places < coalesce(free_places, 0) returning held_places, free_places`;
    if (held.length === 0) throw conflict('No place available: every free place is already held or taken');
    const [upd] = await tx`update placement_requests
      set status = 'accepted', hold_expires_at = now() + make_interval(secs => ${Math.round(hours * 3600)}), answered_at = coalesce(answered_at, now()), updated_at = now()
      where id = ${id} returning hold_expires_at`;
    if (body.message) await insertMessage(tx, { requestId: id, userId: actor.userId, orgId: actor.orgId, kind: 'message', body: body.message });
    await ctx.jobs.send('requests.expire-hold', { requestId: id }, { db: tx, startAfter: new Date(Date.parse(upd.holdExpiresAt) + 1000) });
    await writeAudit(tx, actor, origin, { action: 'request.accept', objectType: 'placement_request', objectId: id, details: { holdExpiresAt: upd.holdExpiresAt } });
    await announce(tx, { ...r, status: 'accepted' }, 'accepted');
    await announceAvailability(tx, r.unitId);
    await notifyOtherSide(ctx, tx, id, 'office', 'accepted');
    return present((await findRequest(tx, id, scope))!, 'provider');
  });
}

export async function declineRequest(ctx: AppContext, origin: AuditOrigin, actor: UserActor, id: string, body: { reason: string; text?: string }) {
  const scope = scopeOf(actor);
  if (scope.side !== 'provider') throw forbidden('Only the provider declines a request');
  const [reason] = await ctx.sql`select code from decline_reasons where code = ${body.reason}`;
  if (!reason) throw invalid('body.reason', 'is not a known decline reason');
  return ctx.sql.begin(async (tx) => {
    const r = await lockRequest(tx, id, scope);
    if (r.status !== 'open' && r.status !== 'question') throw conflict(`The request is ${r.status} and can no longer be declined`);
    await tx`update placement_requests set status = 'declined', decline_reason = ${body.reason}, decline_text = ${body.text ?? null},
      answered_at = coalesce(answered_at, now()), closed_at = now(), updated_at = now() where id = ${id}`;
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
    if (['declined', 'withdrawn', 'released', 'expired', 'confirmed'].includes(r.status)) throw conflict(`The request is ${r.status}; its thread is closed`);
    let status = r.status;
    if (scope.side === 'provider' && body.question && r.status === 'open') status = 'question';
    if (scope.side === 'office' && r.status === 'question') status = 'open';
    await insertMessage(tx, { requestId: id, userId: actor.userId, orgId: actor.orgId, kind: body.question && scope.side === 'provider' ? 'question' : 'message', body: body.body });
    if (status !== r.status) await tx`update placement_requests set status = ${status}, answered_at = coalesce(answered_at, now()), updated_at = now() where id = ${id}`;
    else await tx`update placement_requests set updated_at = now() where id = ${id}`;
    await writeAudit(tx, actor, origin, { action: 'request.message', objectType: 'placement_request', objectId: id });
    await announce(tx, { ...r, status }, status === 'question' && r.status !== 'question' ? 'question' : 'message');
    await notifyOtherSide(ctx, tx, id, scope.side === 'office' ? 'provider' : 'office', 'message');
    const full = (await findRequest(tx, id, scope))!;
    return { ...present(full, scope.side), messages: (await listMessages(tx, id)) as never };
  });
}

/** Ends a hold or a running request and frees its held place. Used by withdraw, release, expiry and group closing. */
async function closeRunning(
  ctx: AppContext,
  tx: Db,
  r: Awaited<ReturnType<typeof lockRequest>>,
  status: 'withdrawn' | 'released' | 'expired',
  notifySide: 'office' | 'provider' | 'both',
) {
  if (r.status === 'accepted') {
    await tx`update units set held_places = held_places - 1 where id = ${r.unitId}`;
    await announceAvailability(tx, r.unitId);
  }
  await tx`update placement_requests set status = ${status}, closed_at = now(), updated_at = now() where id = ${r.id}`;
  await announce(tx, { ...r, status }, status);
  if (notifySide !== 'provider') await notifyOtherSide(ctx, tx, r.id, 'office', status);
  if (notifySide !== 'office') await notifyOtherSide(ctx, tx, r.id, 'provider', status);
}

/**
 * The office confirms an accepted hold: the placement is recorded and the free count drops in the
 * same transaction; the group's other requests end. Refused with 409 when the hold is not active.
 */
export async function confirmRequest(ctx: AppContext, origin: AuditOrigin, idem: IdempotencyKey, actor: UserActor, id: string) {
  const scope = scopeOf(actor);
  if (scope.side !== 'office') throw forbidden('Only the office confirms a placement');
  return idempotent(ctx, idem, actor, async (tx) => {
    const r = await lockRequest(tx, id, scope);
    if (r.status !== 'accepted') throw conflict(`The request is ${r.status}; only an accepted hold can be confirmed`);
    if (Date.parse(r.holdExpiresAt!) <= Date.now()) throw conflict('The hold has expired; the place is no longer held for you');
    const taken = await tx`update units set free_places = free_places - 1, held_places = held_places - 1, availability_changed_at = now()
      where id = ${r.unitId} and held_places >= 1 and free_places >= 1 returning owner_id, free_places, last_confirmed_at`;
    if (taken.length === 0) throw conflict('The place is no longer available');
    await tx`update placement_requests set status = 'confirmed', closed_at = now(), updated_at = now() where id = ${id}`;
    await writeAudit(tx, actor, origin, { action: 'request.confirm', objectType: 'placement_request', objectId: id, details: { unitId: r.unitId } });
    await announce(tx, { ...r, status: 'confirmed' }, 'confirmed');
    await publishEvent(tx, 'vacancy:changed', [rooms.org(taken[0].ownerId)], {
      unitId: r.unitId,
      providerId: taken[0].ownerId,
      freePlaces: taken[0].freePlaces,
      lastConfirmedAt: taken[0].lastConfirmedAt,
      reason: 'free-changed',
    });
    await notifyOtherSide(ctx, tx, id, 'provider', 'confirmed');
    // the child is placed: the other requests sent for it end, and their holds free their places
    const others = await tx`select id from placement_requests where group_id = ${r.groupId} and id <> ${id} and status in ('open', 'question', 'accepted') order by id`;
    for (const o of others) {
      const other = await lockRequest(tx, o.id, { officeId: actor.orgId });
      await insertMessage(tx, { requestId: o.id, userId: null, orgId: null, kind: 'system', body: 'Das Kind wurde anderweitig untergebracht; die Anfrage ist beendet.' });
      await closeRunning(ctx, tx, other, 'withdrawn', 'provider');
      await writeAudit(tx, actor, origin, { action: 'request.withdraw', objectType: 'placement_request', objectId: o.id, details: { because: 'placed-elsewhere' } });
    }
    return present((await findRequest(tx, id, scope))!, 'office');
  });
}

export async function withdrawRequest(ctx: AppContext, origin: AuditOrigin, actor: UserActor, id: string, message?: string) {
  const scope = scopeOf(actor);
  if (scope.side !== 'office') throw forbidden('Only the office withdraws its request');
  return ctx.sql.begin(async (tx) => {
    const r = await lockRequest(tx, id, scope);
    if (!['open', 'question', 'accepted'].includes(r.status)) throw conflict(`The request is ${r.status} and can no longer be withdrawn`);
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
    const due = await tx`
      select id, group_id, unit_id, office_id, provider_id, status, urgency, hold_expires_at, created_by
      from placement_requests
      where status = 'accepted' and hold_expires_at <= now() and (${onlyId ?? null}::uuid is null or id = ${onlyId ?? null}::uuid)
      order by id for update skip locked`;
    for (const r of due) {
      await closeRunning(ctx, tx, r as never, 'expired', 'both');
      await writeAudit(tx, 'system', {}, { action: 'request.expire', objectType: 'placement_request', objectId: r.id });
    }
    return due.length;
  });
}

