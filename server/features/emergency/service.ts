import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { invalid } from '../../http/errors';
import type { IdempotencyKey } from '../../http/idempotency';
import { answerTimesOf } from '../requests/answer-times';
import { createRequests } from '../requests/service';
import { findEmergencyUnits, insertEscalation, resolvePostcode, selectUnitPoint } from './queries';

async function reference(ctx: AppContext, q: { postcode?: string; lat?: number; lon?: number }) {
  if (q.lat !== undefined && q.lon !== undefined) return { lat: q.lat, lon: q.lon, label: 'Standort' };
  const p = await resolvePostcode(ctx.sql, q.postcode!);
  if (!p) throw invalid('query.postcode', 'is not a known German postcode');
  return { lat: p.lat, lon: p.lon, label: `${q.postcode} ${p.towns[0] ?? ''}`.trim() };
}

export async function emergencyUnits(
  ctx: AppContext,
  actor: UserActor,
  q: { age: number; gender: string; postcode?: string; lat?: number; lon?: number; limit: number; excludeUnitIds?: string },
) {
  const ref = await reference(ctx, q);
  const exclude = (q.excludeUnitIds ?? '').split(',').filter((s) => /^[0-9a-f-]{36}$/i.test(s));
  const units = await findEmergencyUnits(ctx.sql, { ...ref, age: q.age, gender: q.gender, limit: q.limit, excludeUnitIds: exclude, officeId: actor.orgId });
  const times = await answerTimesOf(ctx.sql, units.map((u) => u.providerId));
  return { reference: ref, items: units.map((u) => ({ ...u, answerTimes: times.get(u.providerId)! })) };
}

/** One action: an emergency request to one or several units, and an escalation if nobody answers. */
export async function sendEmergencyRequests(
  ctx: AppContext,
  origin: AuditOrigin,
  idem: IdempotencyKey,
  actor: UserActor,
  body: { unitIds: string[]; caseRef: string; childAge: number; childGender: 'female' | 'male' | 'diverse'; note?: string },
) {
  const created = await createRequests(ctx, origin, idem, actor, {
    ...body,
    needs: [],
    conditions: [],
    siblings: 0,
    desiredStart: new Date().toISOString().slice(0, 10),
    urgency: 'emergency',
  });
  const first = await selectUnitPoint(ctx.sql, body.unitIds[0]);
  await ctx.sql.begin(async (tx) => {
    const due = new Date(Date.now() + ctx.config.EMERGENCY_ESCALATION_MINUTES * 60_000);
    const inserted = await insertEscalation(tx, {
      groupId: created.groupId,
      officeId: actor.orgId,
      userId: actor.userId,
      dueAt: due.toISOString(),
      lat: first.lat,
      lon: first.lon,
      childAge: body.childAge,
      childGender: body.childGender,
    });
    // a retried call (same Idempotency-Key) schedules no second escalation
    if (inserted) {
      await ctx.jobs.send('requests.escalate', { groupId: created.groupId }, { db: tx, startAfter: due });
      await writeAudit(tx, actor, origin, { action: 'request.emergency', objectType: 'request_group', objectId: created.groupId, details: { units: body.unitIds.length } });
    }
  });
  return created;
}
