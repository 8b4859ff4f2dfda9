import type { AuditOrigin } from '../../audit';
import { writeAudit } from '../../audit';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import type { UserActor } from '../../http/actor';
import { AppError, forbidden, notFound } from '../../http/errors';
import { hashPassword, verifyPassword } from '../../passwords';
import { announceSessionEnd } from '../../realtime/control';
import { hashSecret, newToken } from './sessions';

/** How long a reset link works, and how many may be open per account at once. */
export const RESET_MINUTES = 30;
const OPEN_RESETS_MAX = 3;

/** Sets a new password and ends every session of the user except `keepSessionId`, on every node. */
async function setPassword(tx: Db, userId: string, password: string, keepSessionId?: string) {
  await tx`update users set password_hash = ${await hashPassword(password)} where id = ${userId}`;
  const ended = await tx<{ id: string }[]>`
    delete from sessions where user_id = ${userId} and id is distinct from ${keepSessionId ?? null} returning id`;
  for (const s of ended) await announceSessionEnd(tx, { sessionId: s.id, reason: 'logout' });
}

/** The logged-in user changes their own password; their other sessions end. */
export async function changeOwnPassword(ctx: AppContext, actor: UserActor, origin: AuditOrigin, current: string, next: string): Promise<void> {
  const [u] = await ctx.sql`select password_hash from users where id = ${actor.userId}`;
  if (!u || !(await verifyPassword(u.passwordHash, current))) {
    throw new AppError('VALIDATION_FAILED', 'body.currentPassword: is wrong', { issues: [{ path: 'body.currentPassword', message: 'is wrong' }] });
  }
  await ctx.sql.begin(async (tx) => {
    await setPassword(tx, actor.userId, next, actor.sessionId);
    await writeAudit(tx, actor, origin, { action: 'auth.password-change', objectType: 'user', objectId: actor.userId });
  });
}

function resetMail(ctx: AppContext, token: string, byAdmin: boolean) {
  const link = `${ctx.config.PUBLIC_URL ?? ''}/passwort-neu#token=${token}`;
  return {
    subject: 'Heimplatzbörse: neues Passwort festlegen',
    text:
      (byAdmin ? 'Ihre Administration hat ein neues Passwort für Sie angestoßen.\n\n' : 'Für Ihr Konto wurde ein neues Passwort angefordert.\n\n') +
      `Legen Sie es innerhalb von ${RESET_MINUTES} Minuten hier fest (der Link gilt einmal):\n${link}\n\n` +
      'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.',
  };
}

async function issueReset(ctx: AppContext, user: { id: string; email: string }, byAdmin: boolean): Promise<void> {
  const [{ open }] = await ctx.sql`
    select count(*)::int as open from password_resets where user_id = ${user.id} and used_at is null and expires_at > now()`;
  if (open >= OPEN_RESETS_MAX) return; // no mail flood: the links already sent still work
  const token = newToken();
  await ctx.sql`insert into password_resets (token_hash, user_id, expires_at)
    values (${hashSecret(ctx.config.SESSION_SECRET, token)}, ${user.id}, now() + make_interval(mins => ${RESET_MINUTES}))`;
  // not awaited: the answer takes as long for an unknown address as for a known one
  void ctx.mailer.send({ to: user.email, ...resetMail(ctx, token, byAdmin) }).catch((e) => ctx.log.error({ err: e }, 'reset mail failed'));
}

/** "Forgot password": a link by mail if the account exists and is enabled; the answer is always the same. */
export async function requestPasswordReset(ctx: AppContext, origin: AuditOrigin, email: string): Promise<void> {
  const [user] = await ctx.sql`select id, email from users where email = ${email} and disabled_at is null`;
  await writeAudit(ctx.sql, { kind: 'anonymous' }, origin, {
    action: 'auth.password-reset-request',
    outcome: user ? 'ok' : 'failed',
    ...(user ? { objectType: 'user', objectId: user.id } : {}),
  });
  if (user) await issueReset(ctx, { id: user.id, email: user.email }, false);
}

/** An admin sends a user of their organisation (the platform admin: anyone) a reset link. */
export async function adminPasswordReset(ctx: AppContext, actor: UserActor, origin: AuditOrigin, userId: string): Promise<void> {
  const [user] = await ctx.sql`select id, email, organisation_id, disabled_at from users where id = ${userId}`;
  if (!user || (actor.role !== 'platform_admin' && user.organisationId !== actor.orgId)) throw notFound('User');
  if (user.disabledAt) throw forbidden('The account is disabled; enable it first');
  await ctx.sql.begin(async (tx) => {
    // the old password stops working now: whoever knew it is out
    await setPassword(tx, user.id, newToken(), undefined);
    await writeAudit(tx, actor, origin, { action: 'auth.password-reset-admin', objectType: 'user', objectId: user.id });
  });
  await issueReset(ctx, { id: user.id, email: user.email }, true);
}

/** Uses a reset token once: sets the password and ends every session of the user. */
export async function completePasswordReset(ctx: AppContext, origin: AuditOrigin, token: string, password: string): Promise<void> {
  const hash = hashSecret(ctx.config.SESSION_SECRET, token);
  await ctx.sql.begin(async (tx) => {
    const [reset] = await tx`
      update password_resets r set used_at = now()
      from users u
      where r.token_hash = ${hash} and r.used_at is null and r.expires_at > now() and u.id = r.user_id and u.disabled_at is null
      returning r.user_id, u.organisation_id`;
    if (!reset) {
      throw new AppError('VALIDATION_FAILED', 'body.token: the link is invalid, used or expired; request a new one', {
        issues: [{ path: 'body.token', message: 'is invalid, used or expired' }],
      });
    }
    await setPassword(tx, reset.userId, password);
    await tx`update password_resets set used_at = now() where user_id = ${reset.userId} and used_at is null`;
    await writeAudit(tx, { kind: 'user', userId: reset.userId, orgId: reset.organisationId } as UserActor, origin, {
      action: 'auth.password-reset',
      objectType: 'user',
      objectId: reset.userId,
    });
  });
}
