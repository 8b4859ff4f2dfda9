import { isOfficeRole, isProviderRole } from '../../../shared/roles';
import type { MySettingsBody, NotificationSummary, PushSubscriptionBody } from '../../../shared/schemas/notifications';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { invalid, notFound } from '../../http/errors';
import { pushConfigured } from './push';
import { countWaitingForProvider, countWaitingForSender, deleteSubscription, selectSettings, updateSettings, upsertSubscription } from './queries';

/** What the badge counts: a provider's unanswered requests; an office worker's answered requests to act on. */
export async function summary(ctx: AppContext, actor: UserActor): Promise<NotificationSummary> {
  if (isProviderRole(actor.role)) return countWaitingForProvider(ctx.sql, actor.orgId);
  if (isOfficeRole(actor.role)) return countWaitingForSender(ctx.sql, actor.orgId, actor.userId);
  return { waiting: 0, emergencyWaiting: 0 };
}

export async function getSettings(ctx: AppContext, actor: UserActor) {
  const s = await selectSettings(ctx.sql, actor.userId);
  if (!s) throw notFound('User');
  return { ...s, pushPublicKey: pushConfigured(ctx) ? ctx.config.VAPID_PUBLIC_KEY! : null };
}

export async function changeSettings(ctx: AppContext, origin: AuditOrigin, actor: UserActor, body: MySettingsBody) {
  await ctx.sql.begin(async (tx) => {
    await updateSettings(tx, actor.userId, body);
    await writeAudit(tx, actor, origin, { action: 'user.settings', objectType: 'user', objectId: actor.userId, details: { fields: Object.keys(body) } });
  });
  return getSettings(ctx, actor);
}

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A device asks for Web Push; only when the server has VAPID keys, and only to an https push service. */
export async function subscribe(ctx: AppContext, actor: UserActor, body: PushSubscriptionBody) {
  if (!pushConfigured(ctx)) throw invalid('body.endpoint', 'Web Push is not configured on this server');
  const url = new URL(body.endpoint);
  // plain http only to a push endpoint on this machine (tests, development)
  if (url.protocol !== 'https:' && !LOCAL.has(url.hostname)) throw invalid('body.endpoint', 'must be an https URL');
  await upsertSubscription(ctx.sql, actor.userId, { endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth });
}

export async function unsubscribe(ctx: AppContext, actor: UserActor, endpoint: string) {
  if (!(await deleteSubscription(ctx.sql, actor.userId, endpoint))) throw notFound('Push subscription');
}
