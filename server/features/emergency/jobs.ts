import { writeAudit } from '../../audit';
import { publishEvent, rooms } from '../../events';
import type { JobDef } from '../../jobs/registry';
import { selectFallbackContacts } from './fallback';
import { findEmergencyUnits, lockPendingEscalation, markEscalated, selectGroupRequests, selectGroupsWithoutEscalation, selectUserEmail } from './queries';
import { scheduleEscalation } from './service';

/**
 * No answer to an emergency request in time: tell the caseworker and offer the next units.
 * The queue keeps its first name, `requests.escalate`, so jobs already scheduled still run.
 */
export const escalateJob: JobDef<'requests.escalate'> = {
  name: 'requests.escalate',
  handler: async (ctx, { groupId }) => {
    await ctx.sql.begin(async (tx) => {
      const esc = await lockPendingEscalation(tx, groupId);
      if (!esc) return;
      const reqs = await selectGroupRequests(tx, groupId);
      if (reqs.some((r) => r.answeredAt !== null || r.status === 'confirmed')) return; // someone answered
      const asked = reqs.map((r) => r.unitId);
      const next = await findEmergencyUnits(tx, { lat: esc.refLat, lon: esc.refLon, age: esc.childAge, gender: esc.childGender, limit: 5, excludeUnitIds: asked, officeId: esc.officeId });
      await markEscalated(tx, groupId);
      // when the suggestions run out the worker must still have someone to call
      const fallbackContacts = await selectFallbackContacts(tx, esc.officeId);
      await publishEvent(tx, 'request:escalated', [rooms.user(esc.userId), rooms.org(esc.officeId)], {
        groupId,
        requestIds: reqs.map((r) => r.id),
        suggestions: next.map((n) => ({ unitId: n.unitId, unitName: n.unitName, providerName: n.providerName, distanceKm: n.distanceKm, emergencyPhone: n.emergencyPhone })),
        fallbackContacts,
      });
      if (ctx.config.VAPID_PUBLIC_KEY) await ctx.jobs.send('push.escalation', { groupId, officeId: esc.officeId, userId: esc.userId }, { db: tx });
      await writeAudit(tx, 'system', {}, { action: 'request.escalate', objectType: 'request_group', objectId: groupId, details: { suggestions: next.length } });
      const email = await selectUserEmail(tx, esc.userId);
      const lines = next.map((n) => `- ${n.unitName} (${n.providerName}), ${n.distanceKm.toFixed(1)} km, Tel. ${n.emergencyPhone}`).join('\n');
      const fallback = fallbackContacts.map((c) => `- ${c.label}: Tel. ${c.phone}`).join('\n');
      await ctx.mailer.send({
        to: email!,
        subject: 'NOTFALL: Noch keine Antwort auf Ihre Notfallanfrage',
        text: `Auf Ihre Notfallanfrage hat noch keine Einrichtung geantwortet.\n\nNächste Einrichtungen mit Notaufnahme und freiem Platz:\n${lines || '- keine weiteren gefunden'}\n\nWeitere Ansprechpartner:\n${fallback || '- keine hinterlegt'}\n\nBitte direkt anrufen oder in der Heimplatzbörse weitere Anfragen senden.`,
      });
    });
  },
};

/**
 * Every minute: an emergency request group without escalation gets one, due when it would have
 * been (or now, if that has passed), so no emergency stays unanswered unnoticed.
 */
export const escalationSweepJob: JobDef<'emergency.escalation-sweep'> = {
  name: 'emergency.escalation-sweep',
  schedule: '* * * * *',
  handler: async (ctx) => {
    const groups = await selectGroupsWithoutEscalation(ctx.sql, 100);
    for (const g of groups) {
      const due = Math.max(Date.now(), Date.parse(g.createdAt) + ctx.config.EMERGENCY_ESCALATION_MINUTES * 60_000);
      const added = await ctx.sql.begin((tx) =>
        scheduleEscalation(ctx, tx, { groupId: g.groupId, officeId: g.officeId, userId: g.userId, dueAt: new Date(due), lat: g.lat, lon: g.lon, childAge: g.childAge, childGender: g.childGender }),
      );
      if (added) ctx.log.warn({ groupId: g.groupId }, 'emergency request without escalation found; escalation scheduled');
    }
  },
};
