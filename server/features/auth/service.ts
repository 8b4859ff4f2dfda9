import type { Me } from '../../../shared/schemas/auth';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { announceSessionEnd } from '../../realtime/control';
import { burnVerify, verifyPassword } from '../../passwords';
import { deleteSession, hashSecret, insertSession, newSessionCookie, newToken } from './sessions';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './throttle';

interface LoginInput {
  email: string;
  password: string;
  ip?: string;
  userAgent?: string;
  requestId: string;
  /** The session the browser presented, if any: it is replaced (session fixation). */
  previousCookie?: string;
}

/**
 * Checks the password and opens a fresh session. Failures are throttled per e-mail and address
 * (see throttle.ts); known, unknown and disabled accounts get the same answers.
 */
export async function login(ctx: AppContext, input: LoginInput): Promise<{ cookie: string; userId: string }> {
  const origin: AuditOrigin = { ip: input.ip, requestId: input.requestId };
  const ip = input.ip ?? 'unknown';
  const anon = { kind: 'anonymous' } as const;
  try {
    await assertLoginAllowed(ctx, input.email, ip);
  } catch (e) {
    await writeAudit(ctx.sql, anon, origin, { action: 'auth.login', outcome: 'denied', details: { email: input.email, reason: 'throttled' } });
    throw e;
  }
  const [user] = await ctx.sql`
    select u.id, u.organisation_id, u.password_hash, u.disabled_at
    from users u where u.email = ${input.email}`;
  // an unknown e-mail costs the same time as a wrong password
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : (await burnVerify(input.password), false);
  if (!user || !ok || user.disabledAt) {
    await recordLoginFailure(ctx.sql, ctx.config.LOGIN_LOCK_MINUTES, input.email, ip);
    const reason = !user ? 'unknown-email' : ok ? 'disabled' : 'wrong-password';
    await writeAudit(ctx.sql, anon, origin, {
      action: 'auth.login',
      outcome: 'failed',
      ...(user ? { objectType: 'user', objectId: user.id as string } : {}),
      details: { ...(user ? {} : { email: input.email }), reason },
    });
    throw new AppError('INVALID_CREDENTIALS', 'E-mail or password is wrong');
  }
  const subject = { objectType: 'user', objectId: user.id as string };
  const cookie = newSessionCookie(ctx.config.SESSION_SECRET);
  const sessionId = hashSecret(ctx.config.SESSION_SECRET, cookie);
  await ctx.sql.begin(async (tx) => {
    if (input.previousCookie) await deleteSession(tx, hashSecret(ctx.config.SESSION_SECRET, input.previousCookie));
    await insertSession(tx, { id: sessionId, userId: user.id, csrfToken: newToken(24), ip: input.ip, userAgent: input.userAgent });
    await tx`update users set last_login_at = now() where id = ${user.id}`;
    await clearLoginFailures(tx, input.email, ip);
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
    sessionIdleMinutes: ctx.config.SESSION_IDLE_MINUTES,
    sessionAbsoluteEndsAt: new Date(absoluteEnd).toISOString(),
  };
}
