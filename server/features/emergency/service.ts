import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { invalid } from '../../http/errors';
import type { IdempotencyKey } from '../../http/idempotency';
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
  const items = q.wider === 'true' ? all : all.filter((u) => u.distanceKm <= maxKm);
  return { reference: ref, items, maxKm, moreBeyond: items.length < all.length, preselect: ctx.config.EMERGENCY_PRESELECT };
}

/** One action: an emergency request to one or several units, and an escalation if nobody answers. */
export async function sendEmergencyRequests(
  ctx: AppContext,
  origin: AuditOrigin,
  idem: IdempotencyKey,
  actor: UserActor,
  body: { unitIds: string[]; caseRef: string; childAge: number; childGender: 'female' | 'male' | 'diverse'; note?: string; postcode?: string; lat?: number; lon?: number },
) {
  const { postcode, lat, lon, ...request } = body;
  // the child's point, as searched; checked before anything is sent (an unknown postcode sends nothing)
  const childPoint = postcode || (lat !== undefined && lon !== undefined) ? await reference(ctx, { postcode, lat, lon }, 'body') : null;
  if (childPoint === null && (lat !== undefined) !== (lon !== undefined)) throw invalid('body.lat', 'give both lat and lon');
  const created = await createRequests(ctx, origin, idem, actor, {
    ...request,
    needs: [],
    conditions: [],
    siblings: 0,
    desiredStart: new Date().toISOString().slice(0, 10),
    urgency: 'emergency',
  });
  // older clients send no point: then the first unit asked stands in for it
  const first = childPoint ?? (await selectUnitPoint(ctx.sql, body.unitIds[0]));
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
