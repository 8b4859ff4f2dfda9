import { OFFICE_ROLES, PROVIDER_ROLES } from '../../../shared/roles';
import { writeAudit } from '../../audit';
import type { AppContext } from '../../context';
import { oncePerJob, pruneJobEffects } from '../../jobs/effects';
import type { JobDef } from '../../jobs/registry';
import { deleteClosedBefore, deleteOldIdempotencyKeys, deleteOrphanEscalations, insertPlacementStat, selectMailRecipients, selectNotifyTarget } from './queries';
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

/** Web Push goes to locked phones for emergency requests and for answers the office waits for. */
function pushWorthy(urgency: string, to: 'office' | 'provider', what: string): boolean {
  if (to === 'provider') return urgency === 'emergency' && what === 'created';
  return ['accepted', 'declined', 'question'].includes(what);
}

export const notifyJob: JobDef<'requests.notify'> = {
  name: 'requests.notify',
  // run again after a failover (or an expiry), it mails nobody twice: each e-mail is claimed per job
  handler: async (ctx, { requestId, to, what }, job) => {
    const r = await selectNotifyTarget(ctx.sql, requestId);
    if (!r) return; // deleted meanwhile
    const emergency = r.urgency === 'emergency';
    const recipients =
      to === 'provider'
        ? await selectMailRecipients(ctx.sql, r.providerId, PROVIDER_ROLES, { emergency })
        : await selectMailRecipients(ctx.sql, r.officeId, OFFICE_ROLES, { emergency, onlyUserId: r.createdBy });
    const subject = `${r.urgency === 'emergency' ? 'NOTFALL: ' : ''}${WHAT_DE[what] ?? 'Änderung'} – ${r.unitName}`;
    // no child data in e-mails: only what happened and where to look
    const base = ctx.config.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}`;
    const text = `${WHAT_DE[what] ?? 'Änderung'} zur Anfrage für "${r.unitName}".\n\nBitte in der Heimplatzbörse ansehen: ${base}/anfragen/${r.id}\n\nDiese E-Mail enthält bewusst keine Angaben zum Kind.`;
    for (const rec of recipients) await oncePerJob(ctx.sql, job?.id, `mail:${rec.userId}`, () => ctx.mailer.send({ to: rec.email, subject, text }));
    if (ctx.config.VAPID_PUBLIC_KEY && pushWorthy(r.urgency, to, what)) {
      await oncePerJob(ctx.sql, job?.id, 'push', () => ctx.jobs.send('push.request', { requestId, to, what }));
    }
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

/** Closed requests and their messages go after the retention period; anonymous counts remain. */
export const retentionJob: JobDef<'requests.retention'> = {
  name: 'requests.retention',
  schedule: '23 2 * * *',
  expireInSeconds: 600, // large deletes: longer than the default expiry
  handler: async (ctx) => {
    await deleteExpiredRequests(ctx);
  },
};

export async function deleteExpiredRequests(ctx: AppContext): Promise<number> {
  return ctx.sql.begin(async (tx) => {
    const gone = await deleteClosedBefore(tx, ctx.config.REQUEST_RETENTION_DAYS);
    for (const g of gone) await insertPlacementStat(tx, g);
    await deleteOldIdempotencyKeys(tx);
    await deleteOrphanEscalations(tx);
    await pruneJobEffects(tx);
    if (gone.length) await writeAudit(tx, 'system', {}, { action: 'request.retention-delete', details: { count: gone.length } });
    return gone.length;
  });
}
