import type { NextFunction, Request, Response } from 'express';
import type { OrgKind, Role } from '../../shared/schemas/common';
import type { AppContext } from '../context';
import { deleteSession, findSession, hashSecret, isIssuedCookie, SESSION_COOKIE, touchSession } from '../features/auth/sessions';
import type { Actor } from './actor';

declare module 'express-serve-static-core' {
  interface Request {
    actor: Actor;
    requestId: string;
    /** Why a presented session was not accepted, for a clearer 401. */
    sessionProblem?: 'expired';
  }
}

const TOUCH_EVERY_MS = 30_000;

export interface SessionCheck {
  actor: Actor;
  expired: boolean;
}

const SESSION_IDS_MAX = 10_000;

interface CookieFacts {
  /** The session's id: the keyed hash of the cookie value. */
  id: string;
  /** The value carries this secret's MAC (a node issued it; see isIssuedCookie). */
  issued: boolean;
}
const cookieFacts = new Map<string, Map<string, CookieFacts>>();

/**
 * A cookie's session id (its HMAC) and whether a node issued it, remembered per secret: a browser
 * sends the same cookie with every call, and an HMAC per call was a visible share of a short
 * request's CPU. Bounded: emptied when full.
 */
function factsOf(secret: string, cookieValue: string): CookieFacts {
  let known = cookieFacts.get(secret);
  if (!known) cookieFacts.set(secret, (known = new Map()));
  let facts = known.get(cookieValue);
  if (facts === undefined) {
    if (known.size >= SESSION_IDS_MAX) known.clear();
    facts = { id: hashSecret(secret, cookieValue), issued: isIssuedCookie(secret, cookieValue) };
    known.set(cookieValue, facts);
  }
  return facts;
}

/** Resolves a session cookie value to an actor, enforcing idle and absolute timeouts. */
export async function actorFromSessionCookie(ctx: AppContext, cookieValue: string | undefined): Promise<SessionCheck> {
  if (!cookieValue) return { actor: { kind: 'anonymous' }, expired: false };
  const id = factsOf(ctx.config.SESSION_SECRET, cookieValue).id;
  const s = await findSession(ctx.sql, id);
  if (!s || s.disabledAt) return { actor: { kind: 'anonymous' }, expired: false };
  const now = Date.now();
  const idleOver = now - Date.parse(s.lastSeenAt) > ctx.config.SESSION_IDLE_MINUTES * 60_000;
  const absoluteOver = now - Date.parse(s.createdAt) > ctx.config.SESSION_ABSOLUTE_HOURS * 3_600_000;
  if (idleOver || absoluteOver) {
    await deleteSession(ctx.sql, id);
    return { actor: { kind: 'anonymous' }, expired: true };
  }
  if (now - Date.parse(s.lastSeenAt) > TOUCH_EVERY_MS) await touchSession(ctx.sql, id);
  return {
    expired: false,
    actor: {
      kind: 'user',
      userId: s.userId,
      orgId: s.organisationId,
      orgKind: s.orgKind as OrgKind,
      role: s.role as Role,
      sessionId: id,
      csrfToken: s.csrfToken,
      orgVerified: s.orgVerifiedAt !== null,
    },
  };
}

async function actorFromApiToken(ctx: AppContext, token: string): Promise<Actor> {
  const hash = hashSecret(ctx.config.SESSION_SECRET, token);
  const [row] = await ctx.sql`
    update api_tokens t set last_used_at = now()
    from organisations o
    where t.token_hash = ${hash} and t.revoked_at is null and o.id = t.organisation_id
    returning t.id, t.organisation_id, o.verified_at`;
  if (!row) return { kind: 'anonymous' };
  return { kind: 'token', tokenId: row.id, orgId: row.organisationId, orgKind: 'provider', role: 'api_token', orgVerified: row.verifiedAt !== null };
}

/**
 * Sets `req.actor` from a Bearer API token or the session cookie. Never refuses by itself.
 * `beside`: called once the session's lookup is under way, for a cookie a node issued (valid MAC), so
 * that work needing no identity can run meanwhile; `req.actor` is set, as for every call, only from
 * the looked-up session, and nothing is answered before it is.
 */
export function authenticate(ctx: AppContext, beside?: (req: Request) => void) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.actor = { kind: 'anonymous' };
    const auth = req.get('authorization');
    if (auth?.startsWith('Bearer ')) {
      req.actor = await actorFromApiToken(ctx, auth.slice(7).trim());
      return next();
    }
    const cookie: string | undefined = req.cookies?.[SESSION_COOKIE];
    const checking = actorFromSessionCookie(ctx, cookie);
    if (beside && cookie && factsOf(ctx.config.SESSION_SECRET, cookie).issued) beside(req);
    const check = await checking;
    req.actor = check.actor;
    if (check.expired) req.sessionProblem = 'expired';
    next();
  };
}
