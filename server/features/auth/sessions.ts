import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db';

export const SESSION_COOKIE = 'hpb_session';

/** Cookie values and API tokens are stored only as keyed hashes. */
export function hashSecret(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const COOKIE_MAC_CHARS = 22; // 128 bits of the HMAC, base64url

function cookieMac(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`session-cookie:${token}`).digest('base64url').slice(0, COOKIE_MAC_CHARS);
}

/**
 * A new session cookie value: a random token and its MAC (`token.mac`). The session's id is the keyed
 * hash of the whole value, as before; the MAC lets a node tell a cookie it issued from a made-up one
 * without asking the database (see isIssuedCookie). A cookie of the older form (no MAC) still logs in.
 */
export function newSessionCookie(secret: string): string {
  const token = newToken();
  return `${token}.${cookieMac(secret, token)}`;
}

/**
 * True when the value carries a valid MAC of this secret: some node issued it at a login. It says
 * nothing about whether the session still exists (logout, timeouts, a disabled user): only the
 * sessions table knows that.
 */
export function isIssuedCookie(secret: string, value: string): boolean {
  const dot = value.lastIndexOf('.');
  if (dot <= 0 || value.length - dot - 1 !== COOKIE_MAC_CHARS) return false;
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(cookieMac(secret, value.slice(0, dot)));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface SessionRow {
  sessionId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  userId: string;
  email: string;
  displayName: string;
  role: string;
  locale: 'de' | 'en';
  disabledAt: string | null;
  organisationId: string;
  orgKind: string;
  orgName: string;
  orgVerifiedAt: string | null;
}

export async function insertSession(db: Db, s: { id: string; userId: string; csrfToken: string; ip?: string; userAgent?: string }) {
  await db`insert into sessions (id, user_id, csrf_token, ip, user_agent)
    values (${s.id}, ${s.userId}, ${s.csrfToken}, ${s.ip ?? null}, ${s.userAgent?.slice(0, 300) ?? null})`;
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const [row] = await db<SessionRow[]>`
    select s.id as session_id, s.csrf_token, s.created_at, s.last_seen_at,
           u.id as user_id, u.email, u.display_name, u.role, u.locale, u.disabled_at,
           o.id as organisation_id, o.kind as org_kind, o.name as org_name, o.verified_at as org_verified_at
    from sessions s
    join users u on u.id = s.user_id
    join organisations o on o.id = u.organisation_id
    where s.id = ${id}`;
  return row;
}

export async function touchSession(db: Db, id: string): Promise<void> {
  await db`update sessions set last_seen_at = now() where id = ${id}`;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db`delete from sessions where id = ${id}`;
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db`delete from sessions where user_id = ${userId}`;
}
