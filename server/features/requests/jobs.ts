import { writeAudit } from '../../audit';
import type { AppContext } from '../../context';
import { publishEvent, rooms } from '../../events';
import type { JobDef } from '../../jobs/registry';
import { findEmergencyUnits } from '../emergency/queries';
import { expireHolds } from './service';

const WHAT_DE: Record<string, string> = {
  created: 'Neue Belegungsanfrage',
  accepted: 'Zusage mit Platzreservierung',
  declined: 'Absage',
  message: 'Neue Nachricht',
  question: 'Rückfrage',
  confirmed: 'Belegung bestätigt',
  withdrawn: 'Anfrage zurückgezogen',
  released: 'Reservierung aufgehoben',
  expired: 'Reservierung abgelaufen',
};

/** Users of an organisation who are not online now (no session seen for 5 minutes) get an e-mail. */
async function absentRecipients(ctx: AppContext, orgId: string, roles: string[], onlyUserId?: string) {
  return ctx.sql`
    select u.email from users u
    where u.organisation_id = ${orgId} and u.disabled_at is null and u.role = any(${roles}::user_role[])
      and (${onlyUserId ?? null}::uuid is null or u.id = ${onlyUserId ?? null}::uuid)
      and not exists (select 1 from sessions s where s.user_id = u.id and s.last_seen_at > now() - interval '5 minutes')`;
}

export const notifyJob: JobDef<'requests.notify'> = {
  name: 'requests.notify',
  handler: async (ctx, { requestId, to, what }) => {
    const [r] = await ctx.sql`
      select r.id, r.office_id, r.provider_id, r.created_by, r.urgency, u.name as unit_name
      from placement_requests r join units u on u.id = r.unit_id where r.id = ${requestId}`;
    if (!r) return; // deleted meanwhile
    const recipients =
      to === 'provider'
        ? await absentRecipients(ctx, r.providerId, ['provider_staff', 'provider_admin'])
        : await absentRecipients(ctx, r.officeId, ['caseworker', 'oncall', 'office_admin'], r.createdBy);
    const subject = `${r.urgency === 'emergency' ? 'NOTFALL: ' : ''}${WHAT_DE[what] ?? 'Änderung'} – ${r.unitName}`;
    // no child data in e-mails: only what happened and where to look
    const base = ctx.config.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}`;
    const text = `${WHAT_DE[what] ?? 'Änderung'} zur Anfrage für "${r.unitName}".\n\nBitte in der Heimplatzbörse ansehen: ${base}/anfragen/${r.id}\n\nDiese E-Mail enthält bewusst keine Angaben zum Kind.`;
    for (const rec of recipients) await ctx.mailer.send({ to: rec.email, subject, text });
  },
};

export const expireHoldJob: JobDef<'requests.expire-hold'> = {
  name: 'requests.expire-hold',
  handler: async (ctx, { requestId }) => {
    await expireHolds(ctx, requestId);
  },
};

/** A sweeper for holds whose job was lost (crash, restore): every minute. */
export const expireHoldsSweepJob: JobDef<'requests.expire-holds-sweep'> = {
  name: 'requests.expire-holds-sweep',
  schedule: '* * * * *',
  handler: async (ctx) => {
    await expireHolds(ctx);
  },
};

/** No answer to an emergency request in time: tell the caseworker and offer the next units. */
export const escalateJob: JobDef<'requests.escalate'> = {
  name: 'requests.escalate',
  handler: async (ctx, { groupId }) => {
    await ctx.sql.begin(async (tx) => {
      const [esc] = await tx`select * from emergency_escalations where group_id = ${groupId} and escalated_at is null for update`;
      if (!esc) return;
      const reqs = await tx`select id, unit_id, status, answered_at from placement_requests where group_id = ${groupId}`;
      if (reqs.some((r) => r.answeredAt !== null || r.status === 'confirmed')) return; // someone answered
      const asked = reqs.map((r) => r.unitId as string);
      const next = await findEmergencyUnits(tx, { lat: esc.refLat, lon: esc.refLon, age: esc.childAge, gender: esc.childGender, limit: 5, excludeUnitIds: asked, officeId: esc.officeId });
      await tx`update emergency_escalations set escalated_at = now() where group_id = ${groupId}`;
      await publishEvent(tx, 'request:escalated', [rooms.user(esc.userId), rooms.org(esc.officeId)], {
        groupId,
        requestIds: reqs.map((r) => r.id),
        suggestions: next.map((n) => ({ unitId: n.unitId, unitName: n.unitName, providerName: n.providerName, distanceKm: n.distanceKm, emergencyPhone: n.emergencyPhone })),
      });
      await writeAudit(tx, 'system', {}, { action: 'request.escalate', objectType: 'request_group', objectId: groupId, details: { suggestions: next.length } });
      const [user] = await tx`select email from users where id = ${esc.userId}`;
      const lines = next.map((n) => `- ${n.unitName} (${n.providerName}), ${n.distanceKm.toFixed(1)} km, Tel. ${n.emergencyPhone}`).join('\n');
      await ctx.mailer.send({
        to: user.email,
        subject: 'NOTFALL: Noch keine Antwort auf Ihre Notfallanfrage',
        text: `Auf Ihre Notfallanfrage hat noch keine Einrichtung geantwortet.\n\nNächste Einrichtungen mit Notaufnahme und freiem Platz:\n${lines || '- keine weiteren gefunden'}\n\nBitte direkt anrufen oder in der Heimplatzbörse weitere Anfragen senden.`,
      });
    });
  },
};

/** Closed requests and their messages go after the retention period; anonymous counts remain. */
export const retentionJob: JobDef<'requests.retention'> = {
  name: 'requests.retention',
  schedule: '23 2 * * *',
  handler: async (ctx) => {
    await deleteExpiredRequests(ctx);
  },
};

export async function deleteExpiredRequests(ctx: AppContext): Promise<number> {
  return ctx.sql.begin(async (tx) => {
    const gone = await tx`
      delete from placement_requests r
      where r.closed_at < now() - make_interval(days => ${ctx.config.REQUEST_RETENTION_DAYS})
      returning r.id, r.office_id, r.unit_id, r.urgency, r.status, r.created_at, r.closed_at`;
    for (const g of gone) {
      await tx`insert into placement_stats (month, district_ags, service_types, urgency, outcome, minutes_to_close)
        select date_trunc('month', ${g.createdAt}::timestamptz)::date, o.district_ags, coalesce(u.service_types, '{}'), ${g.urgency}, ${g.status},
               round(extract(epoch from (${g.closedAt}::timestamptz - ${g.createdAt}::timestamptz)) / 60)::int
        from organisations o left join units u on u.id = ${g.unitId} where o.id = ${g.officeId}`;
    }
    await tx`delete from idempotency_keys where created_at < now() - interval '2 days'`;
    await tx`delete from emergency_escalations e where not exists (select 1 from placement_requests r where r.group_id = e.group_id)`;
    if (gone.length) await writeAudit(tx, 'system', {}, { action: 'request.retention-delete', details: { count: gone.length } });
    return gone.length;
  });
}
