import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { invalid } from '../../http/errors';
import type { IdempotencyKey } from '../../http/idempotency';
import { createRequests } from '../requests/service';
import { findEmergencyUnits, resolvePostcode } from './queries';

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
  const items = await findEmergencyUnits(ctx.sql, { ...ref, age: q.age, gender: q.gender, limit: q.limit, excludeUnitIds: exclude, officeId: actor.orgId });
  return { reference: ref, items };
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
  const [first] = await ctx.sql`select lat, lon from units where id = ${body.unitIds[0]}`;
  await ctx.sql.begin(async (tx) => {
    const due = new Date(Date.now() + ctx.config.EMERGENCY_ESCALATION_MINUTES * 60_000);
    const inserted = await tx`insert into emergency_escalations (group_id, office_id, user_id, due_at, ref_lat, ref_lon, child_age, child_gender)
      values (${created.groupId}, ${actor.orgId}, ${actor.userId}, ${due.toISOString()}, ${first.lat}, ${first.lon}, ${body.childAge}, ${body.childGender})
      on conflict (group_id) do nothing returning group_id`;
    // a retried call (same Idempotency-Key) schedules no second escalation
    if (inserted.length) {
      await ctx.jobs.send('requests.escalate', { groupId: created.groupId }, { db: tx, startAfter: due });
      await writeAudit(tx, actor, origin, { action: 'request.emergency', objectType: 'request_group', objectId: created.groupId, details: { units: body.unitIds.length } });
    }
  });
  return created;
}
