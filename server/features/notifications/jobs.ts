import { OFFICE_ROLES, PROVIDER_ROLES } from '../../../shared/roles';
import type { PushPayload } from '../../../shared/schemas/notifications';
import type { JobDef } from '../../jobs/registry';
import { pushConfigured, pushTo } from './push';
import { selectPushRequest, selectPushTargets } from './queries';

const WHAT_DE: Record<string, string> = {
  created: 'Neue Notfallanfrage',
  accepted: 'Zusage mit Platzreservierung',
  declined: 'Absage',
  question: 'Rückfrage',
};

/** Push about one request to the other side's devices: which unit and what happened, nothing about the child. */
export const pushRequestJob: JobDef<'push.request'> = {
  name: 'push.request',
  handler: async (ctx, { requestId, to, what }) => {
    if (!pushConfigured(ctx)) return;
    const r = await selectPushRequest(ctx.sql, requestId);
    if (!r) return;
    const targets =
      to === 'provider'
        ? await selectPushTargets(ctx.sql, { orgId: r.providerId, roles: PROVIDER_ROLES })
        : await selectPushTargets(ctx.sql, { orgId: r.officeId, roles: OFFICE_ROLES, onlyUserId: r.createdBy });
    const emergency = r.urgency === 'emergency';
    const payload: PushPayload = {
      title: `${emergency ? 'NOTFALL: ' : ''}${WHAT_DE[what] ?? 'Änderung'}`,
      body: `${r.unitName} – bitte in der Heimplatzbörse ansehen.`,
      url: `/anfragen/${r.id}`,
      tag: `request-${r.id}`,
      emergency,
    };
    await pushTo(ctx, targets, payload);
  },
};

/** Push to the sender's devices: nobody answered the emergency request in time. */
export const pushEscalationJob: JobDef<'push.escalation'> = {
  name: 'push.escalation',
  handler: async (ctx, { groupId, officeId, userId }) => {
    if (!pushConfigured(ctx)) return;
    const targets = await selectPushTargets(ctx.sql, { orgId: officeId, roles: OFFICE_ROLES, onlyUserId: userId });
    await pushTo(ctx, targets, {
      title: 'NOTFALL: Noch keine Antwort',
      body: 'Auf Ihre Notfallanfrage hat noch niemand geantwortet. Nächste Einrichtungen und Notrufnummern ansehen.',
      url: `/notfall?gruppe=${groupId}`,
      tag: `escalation-${groupId}`,
      emergency: true,
    });
  },
};

/**
 * Push of a freshness reminder (sent in the reminder's transaction, beside its e-mail) to the devices
 * of those the e-mail went to: staff, or the admins when the staff reminder stayed unanswered. A tap
 * opens the reminder's "Alles unverändert" page, which confirms on its button without a login.
 */
export const pushFreshnessJob: JobDef<'push.freshness'> = {
  name: 'push.freshness',
  handler: async (ctx, { ownerId, level, path, units }) => {
    if (!pushConfigured(ctx)) return;
    const roles = level === 'staff' ? ['provider_staff'] : ['provider_admin', 'office_admin'];
    await pushTo(ctx, await selectPushTargets(ctx.sql, { orgId: ownerId, roles }), {
      title: 'Belegung bitte bestätigen',
      body: `${units === 1 ? '1 Angebot ist' : `${units} Angebote sind`} länger nicht bestätigt. Tippen: „Alles unverändert“ bestätigen oder ändern.`,
      url: path,
      tag: `freshness-${ownerId}`,
      emergency: false,
    });
  },
};
