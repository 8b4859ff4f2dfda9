import type { Me } from '../../../shared/schemas/auth';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { announceSessionEnd } from '../../realtime/control';
import { burnVerify, verifyPassword } from '../../passwords';
import { deleteSession, hashSecret, insertSession, newToken } from './sessions';

interface LoginInput {
  email: string;
  password: string;
  ip?: string;
  userAgent?: string;
  requestId: string;
  /** The session the browser presented, if any: it is replaced (session fixation). */
  previousCookie?: string;
}

/** Checks the password, counts failures per account and opens a fresh session. */
export async function login(ctx: AppContext, input: LoginInput): Promise<{ cookie: string; userId: string }> {
  const origin: AuditOrigin = { ip: input.ip, requestId: input.requestId };
  const [user] = await ctx.sql`
    select u.id, u.organisation_id, u.password_hash, u.disabled_at, u.locked_until, u.failed_logins
    from users u where u.email = ${input.email}`;
  const anon = { kind: 'anonymous' } as const;
  if (!user) {
    await burnVerify(input.password);
    await writeAudit(ctx.sql, anon, origin, { action: 'auth.login', outcome: 'failed', details: { email: input.email, reason: 'unknown-email' } });
    throw new AppError('INVALID_CREDENTIALS', 'E-mail or password is wrong');
  }
  const subject = { objectType: 'user', objectId: user.id as string };
  if (user.lockedUntil && Date.parse(user.lockedUntil) > Date.now()) {
    await writeAudit(ctx.sql, anon, origin, { action: 'auth.login', outcome: 'denied', ...subject, details: { reason: 'locked' } });
    throw new AppError('ACCOUNT_LOCKED', `Too many failed attempts. Try again after ${user.lockedUntil}.`, {
      lockedUntil: user.lockedUntil,
    });
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok || user.disabledAt) {
    if (!ok) {
      await ctx.sql`
        update users set
          failed_logins = case when failed_logins + 1 >= ${ctx.config.LOGIN_MAX_FAILURES} then 0 else failed_logins + 1 end,
          locked_until = case when failed_logins + 1 >= ${ctx.config.LOGIN_MAX_FAILURES}
                              then now() + make_interval(mins => ${ctx.config.LOGIN_LOCK_MINUTES}) else locked_until end
        where id = ${user.id}`;
    }
    await writeAudit(ctx.sql, anon, origin, {
      action: 'auth.login',
      outcome: 'failed',
      ...subject,
      details: { reason: ok ? 'disabled' : 'wrong-password' },
    });
    throw new AppError('INVALID_CREDENTIALS', 'E-mail or password is wrong');
  }
  const cookie = newToken();
  const sessionId = hashSecret(ctx.config.SESSION_SECRET, cookie);
  await ctx.sql.begin(async (tx) => {
    if (input.previousCookie) await deleteSession(tx, hashSecret(ctx.config.SESSION_SECRET, input.previousCookie));
    await insertSession(tx, { id: sessionId, userId: user.id, csrfToken: newToken(24), ip: input.ip, userAgent: input.userAgent });
    await tx`update users set failed_logins = 0, locked_until = null, last_login_at = now() where id = ${user.id}`;
    await writeAudit(tx, { kind: 'user', userId: user.id, orgId: user.organisationId } as UserActor, origin, { action: 'auth.login', ...subject });
  });
  return { cookie, userId: user.id };
}

export async function logout(ctx: AppContext, actor: UserActor, origin: AuditOrigin): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    await deleteSession(tx, actor.sessionId);
    await announceSessionEnd(tx, { sessionId: actor.sessionId, reason: 'logout' });
    await writeAudit(tx, actor, origin, { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
  });
}

export async function getMe(ctx: AppContext, actor: UserActor): Promise<Me> {
  const [row] = await ctx.sql`
    select u.id, u.email, u.display_name, u.role, u.locale, o.id as org_id, o.kind, o.name, o.verified_at, s.created_at as session_created_at
    from users u join organisations o on o.id = u.organisation_id join sessions s on s.id = ${actor.sessionId}
    where u.id = ${actor.userId}`;
  if (!row) throw new AppError('UNAUTHENTICATED', 'Log in first');
  const absoluteEnd = Date.parse(row.sessionCreatedAt) + ctx.config.SESSION_ABSOLUTE_HOURS * 3_600_000;
  return {
    user: { id: row.id, email: row.email, displayName: row.displayName, role: row.role, locale: row.locale },
    organisation: { id: row.orgId, kind: row.kind, name: row.name, verified: row.verifiedAt !== null },
    csrfToken: actor.csrfToken,
    sessionExpiresAt: new Date(Math.min(absoluteEnd, Date.now() + ctx.config.SESSION_IDLE_MINUTES * 60_000)).toISOString(),
  };
}
