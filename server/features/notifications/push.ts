import webpush from 'web-push';
import type { PushPayload } from '../../../shared/schemas/notifications';
import type { AppContext } from '../../context';
import { deleteSubscriptionById, markUsed, type PushTarget } from './queries';

/** A push service that does not answer within this time is given up for this message. */
export const PUSH_TIMEOUT_MS = 10_000;

export const pushConfigured = (ctx: AppContext) => !!(ctx.config.VAPID_PUBLIC_KEY && ctx.config.VAPID_PRIVATE_KEY);

/**
 * Encrypts (RFC 8291, aes128gcm) and signs (VAPID) with the `web-push` library and posts the
 * message to each device's push service. A device the push service no longer knows (404, 410)
 * is forgotten. Returns how many devices took the message.
 */
export async function pushTo(ctx: AppContext, targets: PushTarget[], payload: PushPayload): Promise<number> {
  if (!pushConfigured(ctx) || targets.length === 0) return 0;
  let delivered = 0;
  for (const t of targets) {
    // generateRequestDetails is web-push's own encryption and VAPID header; the POST is ours so that
    // its timeout is explicit and a local push endpoint (tests, development) may speak plain http
    const details = webpush.generateRequestDetails({ endpoint: t.endpoint, keys: { p256dh: t.p256dh, auth: t.auth } }, JSON.stringify(payload), {
      vapidDetails: { subject: ctx.config.VAPID_SUBJECT, publicKey: ctx.config.VAPID_PUBLIC_KEY!, privateKey: ctx.config.VAPID_PRIVATE_KEY! },
      TTL: 3600,
      urgency: payload.emergency ? 'high' : 'normal',
      topic: payload.tag.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32),
    });
    try {
      const res = await fetch(details.endpoint, {
        method: details.method,
        headers: details.headers as Record<string, string>,
        body: details.body ? new Uint8Array(details.body) : null,
        signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
      });
      if (res.status === 404 || res.status === 410) await deleteSubscriptionById(ctx.sql, t.id);
      else if (res.ok) {
        delivered++;
        await markUsed(ctx.sql, t.id);
      } else ctx.log.warn({ status: res.status }, 'push service refused a message');
    } catch (err) {
      // one unreachable device must not stop the others; the endpoint is not logged (it identifies a device)
      ctx.log.warn({ err: (err as Error).message }, 'push service not reachable');
    }
  }
  return delivered;
}
