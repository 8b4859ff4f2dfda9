import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import type { UserActor } from '../../http/actor';
import { invalid } from '../../http/errors';
import type { IdempotencyKey } from '../../http/idempotency';
import { recordEmergencySearchAfterAnswer } from '../monitoring/recording';
import { answerTimesOf } from '../requests/answer-times';
import { createRequests } from '../requests/service';
import { findEmergencyUnits, insertEscalation, resolvePostcode, selectUnitPoint } from './queries';

async function reference(ctx: AppContext, q: { postcode?: string; lat?: number; lon?: number }, where: 'query' | 'body' = 'query') {
  if (q.lat !== undefined && q.lon !== undefined) return { lat: q.lat, lon: q.lon, label: 'Standort' };
  const p = await resolvePostcode(ctx.sql, q.postcode!);
  if (!p) throw invalid(`${where}.postcode`, 'is not a known German postcode');
  return { lat: p.lat, lon: p.lon, label: `${q.postcode} ${p.towns[0] ?? ''}`.trim() };
}

export async function emergencyUnits(
  ctx: AppContext,
  actor: UserActor,
  q: { age: number; gender: string; postcode?: string; lat?: number; lon?: number; limit: number; excludeUnitIds?: string; wider?: 'true' | 'false' },
) {
  const ref = await reference(ctx, q);
  const exclude = (q.excludeUnitIds ?? '').split(',').filter((s) => /^[0-9a-f-]{36}$/i.test(s));
  const maxKm = ctx.config.EMERGENCY_MAX_KM;
  // one query up to 300 km tells both the units within the cap and whether there are more beyond it
  const all = await findEmergencyUnits(ctx.sql, { ...ref, age: q.age, gender: q.gender, limit: q.limit, excludeUnitIds: exclude, officeId: actor.orgId });
  const times = await answerTimesOf(ctx.sql, all.map((u) => u.providerId));
  const withTimes = all.map((u) => ({ ...u, answerTimes: times.get(u.providerId)! }));
  const items = q.wider === 'true' ? withTimes : withTimes.filter((u) => u.distanceKm <= maxKm);
  // the first look goes into the monitoring figures, written after the answer (never fails the search)
  if (exclude.length === 0 && q.wider !== 'true') {
    const unitIds = items.map((u) => u.unitId);
    recordEmergencySearchAfterAnswer(ctx, actor, { age: q.age, gender: q.gender, point: ref, maxKm }, { total: unitIds.length, unitIds, beyond: withTimes.length - items.length });
  }
  return { reference: ref, items, maxKm, moreBeyond: items.length < withTimes.length, preselect: ctx.config.EMERGENCY_PRESELECT };
}

/**
 * One action: an emergency request to one or several units, and an escalation if nobody answers.
 * Requests, escalation row and escalation job are written in one transaction (and under the
 * call's Idempotency-Key): a node that dies in between leaves nothing half done.
 */
export async function sendEmergencyRequests(
  ctx: AppContext,
  origin: AuditOrigin,
  idem: IdempotencyKey,
  actor: UserActor,
  body: { unitIds: string[]; caseRef: string; childAge: number; childGender: 'female' | 'male' | 'diverse'; note?: string; postcode?: string; lat?: number; lon?: number },
) {
  const { postcode, lat, lon, ...rest } = body;
  // the child's point, as searched; checked before anything is sent (an unknown postcode sends nothing)
  const childPoint = postcode || (lat !== undefined && lon !== undefined) ? await reference(ctx, { postcode, lat, lon }, 'body') : null;
  if (childPoint === null && (lat !== undefined) !== (lon !== undefined)) throw invalid('body.lat', 'give both lat and lon');
  const request = { ...rest, needs: [], conditions: [], siblings: 0, desiredStart: new Date().toISOString().slice(0, 10), urgency: 'emergency' as const };
  return createRequests(ctx, origin, idem, actor, request, async (tx, created) => {
    // older clients send no point: then the first unit asked stands in for it
    const first = childPoint ?? (await selectUnitPoint(tx, body.unitIds[0]));
    const due = new Date(Date.now() + ctx.config.EMERGENCY_ESCALATION_MINUTES * 60_000);
    await scheduleEscalation(ctx, tx, { groupId: created.groupId, officeId: actor.orgId, userId: actor.userId, dueAt: due, lat: first.lat, lon: first.lon, childAge: body.childAge, childGender: body.childGender });
    await writeAudit(tx, actor, origin, { action: 'request.emergency', objectType: 'request_group', objectId: created.groupId, details: { units: body.unitIds.length } });
  });
}

/** The escalation row and its job, in the caller's transaction; nothing when the group has one. */
export async function scheduleEscalation(
  ctx: AppContext,
  tx: Db,
  e: { groupId: string; officeId: string; userId: string; dueAt: Date; lat: number; lon: number; childAge: number; childGender: string },
): Promise<boolean> {
  const inserted = await insertEscalation(tx, { ...e, dueAt: e.dueAt.toISOString() });
  if (inserted) await ctx.jobs.send('requests.escalate', { groupId: e.groupId }, { db: tx, startAfter: e.dueAt });
  return inserted;
}
