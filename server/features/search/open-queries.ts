import type { ResolvedReference, SearchCriteria } from '../../../shared/schemas/search';
import type { Db } from '../../db';
import type { ResolvedCriteria } from './criteria';

/** Creating an open search takes this advisory lock exclusively; search_rematch_unit() takes it shared. */
export const OPEN_SEARCH_LOCK = 4_242_020;

export interface OpenSearchRow {
  id: string;
  officeId: string;
  ownerUserId: string;
  ownerName: string;
  criteria: SearchCriteria;
  reference: ResolvedReference | null;
  createdAt: string;
  expiresAt: string;
  closedAt: string | null;
  closeReason: 'closed' | 'expired' | null;
  expired: boolean;
  staleAfterSecs: number;
  matchCount: number;
}

/** Waits until no change is being matched, so the first match set and later announcements fit together. */
export async function lockForOpening(tx: Db): Promise<void> {
  await tx`select pg_advisory_xact_lock(${OPEN_SEARCH_LOCK}::bigint)`;
}

export async function insertOpenSearch(
  tx: Db,
  s: { officeId: string; ownerUserId: string; criteria: SearchCriteria; c: ResolvedCriteria; expiresInHours: number },
): Promise<string> {
  const c = s.c;
  const [row] = await tx`
    insert into open_searches (office_id, owner_user_id, criteria, reference, service_type, age, gender, needs, conditions,
      secure_setting, siblings, emergency_intake, available_by, ref_lat, ref_lon, radius_km, include_stale, stale_after, expires_at)
    values (${s.officeId}, ${s.ownerUserId}, ${tx.json(s.criteria as never)}, ${c.point ? tx.json(c.point as never) : null},
      ${c.serviceType ?? null}, ${c.age}, ${c.gender ?? null}, ${c.needs}::text[], ${c.conditions}::text[], ${c.secureSetting},
      ${c.siblings}, ${c.emergencyIntake}, ${c.availableBy ?? null}::date, ${c.point?.lat ?? null}::float8, ${c.point?.lon ?? null}::float8,
      ${c.radiusKm ?? null}::float8, ${c.includeStale}, make_interval(secs => ${c.staleAfterSecs}::float8),
      now() + make_interval(hours => ${s.expiresInHours}::int))
    returning id`;
  return row.id as string;
}

/** The office's searches (or one of them); nothing of another office. */
export async function selectOpenSearches(
  db: Db,
  officeId: string,
  f: { id?: string; ownerUserId?: string; status?: 'open' | 'closed' | 'all' },
): Promise<OpenSearchRow[]> {
  const rows = await db`
    select s.id, s.office_id, s.owner_user_id, us.display_name as owner_name, s.criteria, s.reference,
      s.created_at, s.expires_at, s.closed_at, s.close_reason, s.expires_at <= now() as expired,
      extract(epoch from s.stale_after)::float8 as stale_after_secs,
      (select count(*) from open_search_matches m where m.search_id = s.id)::int as match_count
    from open_searches s join users us on us.id = s.owner_user_id
    where s.office_id = ${officeId}
      ${f.id ? db`and s.id = ${f.id}` : db``}
      ${f.ownerUserId ? db`and s.owner_user_id = ${f.ownerUserId}` : db``}
      ${f.status === 'open' ? db`and s.closed_at is null and s.expires_at > now()` : db``}
      ${f.status === 'closed' ? db`and (s.closed_at is not null or s.expires_at <= now())` : db``}
    order by s.created_at desc
    limit 500`;
  return rows as unknown as OpenSearchRow[];
}

/** Closes an open search of the office; null when there is none open with that id. */
export async function closeOpenSearch(tx: Db, officeId: string, id: string, reason: 'closed' | 'expired'): Promise<boolean> {
  const rows = await tx`
    update open_searches set closed_at = now(), close_reason = ${reason}
    where id = ${id} and office_id = ${officeId} and closed_at is null
    returning id`;
  if (!rows.length) return false;
  await tx`delete from open_search_matches where search_id = ${id}`;
  return true;
}

/** Open searches past their time, locked for the caller (several nodes may sweep at once). */
export async function selectExpiredSearches(tx: Db, limit: number): Promise<{ id: string; officeId: string }[]> {
  const rows = await tx`
    select id, office_id from open_searches
    where closed_at is null and expires_at <= now()
    order by expires_at limit ${limit}
    for no key update skip locked`;
  return rows as unknown as { id: string; officeId: string }[];
}

/** The open searches of a user, for joining their rooms when a socket connects. */
export async function selectOwnOpenSearchIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db`select id from open_searches where owner_user_id = ${userId} and closed_at is null and expires_at > now()`;
  return rows.map((r) => r.id as string);
}
