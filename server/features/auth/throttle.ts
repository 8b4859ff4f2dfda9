import type { AppContext } from '../../context';
import type { Db } from '../../db';
import { AppError } from '../../http/errors';

/**
 * Login throttling, shared by all nodes through PostgreSQL. Only failures count. One e-mail from
 * one address is slowed down more and more after LOGIN_MAX_FAILURES failures (no hard lock a
 * stranger could set off against the owner, who logs in from another address unhindered); one
 * address gets at most LOGIN_RATE_PER_IP failures per window. Known and unknown e-mails are treated
 * alike, so the answers tell nobody which accounts exist.
 */

const MAX_DELAY_S = 15 * 60;

const pairKey = (email: string, ip: string) => `pair:${email.toLowerCase()}|${ip}`;
const addrKey = (ip: string) => `addr:${ip}`;

interface ThrottleRow {
  key: string;
  failures: number;
  sinceLastS: number;
}

/** Seconds to wait after `failures` failures of one e-mail from one address (0: none). */
export function loginDelaySeconds(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(MAX_DELAY_S, 5 * 2 ** (failures - freeFailures)); // 5 s, 10 s, 20 s, ... 15 min
}

/** Throws RATE_LIMITED (with how long to wait) when this attempt must not be checked yet. */
export async function assertLoginAllowed(ctx: AppContext, email: string, ip: string): Promise<void> {
  const windowS = ctx.config.LOGIN_LOCK_MINUTES * 60;
  const rows = await ctx.sql<ThrottleRow[]>`
    select key, failures, extract(epoch from now() - last_failure_at)::float8 as since_last_s
    from login_throttle
    where key in (${pairKey(email, ip)}, ${addrKey(ip)}) and last_failure_at > now() - make_interval(secs => ${windowS})`;
  const addr = rows.find((r) => r.key === addrKey(ip));
  if (addr && addr.failures >= ctx.config.LOGIN_RATE_PER_IP) {
    const wait = Math.max(1, Math.ceil(windowS - addr.sinceLastS));
    throw new AppError('RATE_LIMITED', `Too many login attempts from this address. Wait ${Math.ceil(wait / 60)} minutes and try again.`, { retryAfterSeconds: wait });
  }
  const pair = rows.find((r) => r.key === pairKey(email, ip));
  if (pair) {
    const wait = Math.ceil(loginDelaySeconds(pair.failures, ctx.config.LOGIN_MAX_FAILURES) - pair.sinceLastS);
    if (wait > 0) {
      throw new AppError('RATE_LIMITED', `Too many failed attempts for this e-mail address. Wait ${wait} seconds and try again.`, { retryAfterSeconds: wait });
    }
  }
}

/** Counts a failure for the e-mail from this address and for the address; old counts start over. */
export async function recordLoginFailure(db: Db, windowMinutes: number, email: string, ip: string): Promise<void> {
  await db`
    insert into login_throttle as t (key, failures)
    values (${pairKey(email, ip)}, 1), (${addrKey(ip)}, 1)
    on conflict (key) do update set
      failures = case when t.last_failure_at < now() - make_interval(mins => ${windowMinutes}) then 1 else t.failures + 1 end,
      last_failure_at = now()`;
}

/** After a success the e-mail from this address starts fresh; the address keeps its failures. */
export async function clearLoginFailures(db: Db, email: string, ip: string): Promise<void> {
  await db`delete from login_throttle where key = ${pairKey(email, ip)}`;
}

/** Forgets failures older than the window (run by the session cleanup job). */
export async function pruneLoginThrottle(db: Db, windowMinutes: number): Promise<void> {
  await db`delete from login_throttle where last_failure_at < now() - make_interval(mins => ${windowMinutes})`;
}
