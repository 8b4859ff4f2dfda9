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
  name: string | null;
  caseRef: string | null;
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
  s: {
    officeId: string; ownerUserId: string; criteria: SearchCriteria; c: ResolvedCriteria; expiresInHours: number; name: string | null; caseRef: string | null;
    /** When its first match set was read (the text of a timestamptz; default now()). */
    createdAt?: string;
  },
): Promise<string> {
  const c = s.c;
  const [row] = await tx`
    insert into open_searches (office_id, owner_user_id, criteria, reference, service_type, age, gender, needs, conditions,
      secure_setting, siblings, emergency_intake, available_by, ref_lat, ref_lon, radius_km, include_stale, stale_after, expires_at, created_at)
    values (${s.officeId}, ${s.ownerUserId}, ${tx.json(s.criteria as never)}, ${c.point ? tx.json(c.point as never) : null},
      ${c.serviceType ?? null}, ${c.age}, ${c.gender ?? null}, ${c.needs}::text[], ${c.conditions}::text[], ${c.secureSetting},
      ${c.siblings}, ${c.emergencyIntake}, ${c.availableBy ?? null}::date, ${c.point?.lat ?? null}::float8, ${c.point?.lon ?? null}::float8,
      ${c.radiusKm ?? null}::float8, ${c.includeStale}, make_interval(secs => ${c.staleAfterSecs}::float8),
      now() + make_interval(hours => ${s.expiresInHours}::int), coalesce(${s.createdAt ?? null}::timestamptz, now()))
    returning id`;
  if (s.name !== null || s.caseRef !== null) {
    await tx`insert into open_search_cases (search_id, office_id, label, case_ref) values (${row.id}, ${s.officeId}, ${s.name}, ${s.caseRef})`;
  }
  return row.id as string;
}

/** A search opened in this transaction takes its time (now()) as its opening time. */
export async function setOpenedAtNow(tx: Db, id: string): Promise<void> {
  await tx`update open_searches set created_at = now() where id = ${id}`;
}

/** The office's searches (or one of them); nothing of another office. */
export async function selectOpenSearches(
  db: Db,
  officeId: string,
  f: { id?: string; ownerUserId?: string; status?: 'open' | 'closed' | 'all'; caseRef?: string; criteria?: SearchCriteria; sameCaseRef?: string | null },
): Promise<OpenSearchRow[]> {
  const rows = await db`
    select s.id, s.office_id, s.owner_user_id, us.display_name as owner_name, sc.label as name, sc.case_ref, s.criteria, s.reference,
      s.created_at, s.expires_at, s.closed_at, s.close_reason, s.expires_at <= now() as expired,
      extract(epoch from s.stale_after)::float8 as stale_after_secs,
      (select coalesce(sum(t.delta), 0) from open_search_tally t where t.search_id = s.id)::int as match_count
    from open_searches s join users us on us.id = s.owner_user_id
      left join open_search_cases sc on sc.search_id = s.id
    where s.office_id = ${officeId}
      ${f.id ? db`and s.id = ${f.id}` : db``}
      ${f.ownerUserId ? db`and s.owner_user_id = ${f.ownerUserId}` : db``}
      ${f.caseRef !== undefined ? db`and lower(sc.case_ref) = lower(${f.caseRef})` : db``}
      ${f.criteria ? db`and s.criteria = ${db.json(f.criteria as never)}::jsonb and sc.case_ref is not distinct from ${f.sameCaseRef ?? null}` : db``}
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
  // a closed search matches nothing: its count, exceptions and digest items go
  await tx`delete from open_search_matches where search_id = ${id}`;
  await tx`delete from open_search_tally where search_id = ${id}`;
  await tx`delete from open_search_digest where search_id = ${id}`;
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

// ---------------------------------------------------------------- sweep (search.sweep job)

/** Re-matches one unit against every open search (migrations/functions/search_rematch_unit.sql); returns the changes. */
export async function rematchUnitRow(db: Db, unitId: string): Promise<number> {
  const [row] = await db`select search_rematch_unit(${unitId}::uuid) as n`;
  return row.n as number;
}

/** Presence rows of a node that stopped without saying so. */
export async function deleteStalePresence(db: Db): Promise<void> {
  await db`delete from search_presence where seen_at < now() - interval '10 minutes'`;
}

/** A change matched while its search was being closed may have left a row behind. */
export async function deleteMatchesOfClosedSearches(db: Db): Promise<void> {
  for (const table of ['open_search_matches', 'open_search_tally', 'open_search_digest']) {
    await db`delete from ${db(table)} m using open_searches s
      where s.id = m.search_id and s.closed_at is not null and s.closed_at > now() - interval '1 day'`;
  }
}

/** Sums the tally rows of searches with many into one row each (the count stays the same). */
export async function compactTally(db: Db, limit: number): Promise<void> {
  await db`
    with d as (
      delete from open_search_tally where search_id in (
        select search_id from open_search_tally group by search_id having count(*) > 1 limit ${limit})
      returning search_id, delta)
    insert into open_search_tally (search_id, delta) select search_id, sum(delta) from d group by search_id`;
}

/** Units changed without a re-match (no event, or a re-match that failed): the sweep re-matches them. */
export async function selectDirtyUnitIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db`select distinct unit_id from search_unit_dirty limit ${limit}`;
  return rows.map((d) => d.unitId as string);
}

export interface RematchRetry {
  eventSeq: number;
  attempts: number;
  type: string | null;
  payload: Record<string, string> | null;
}

/** Reverse matches that failed after their event committed, with the event that caused them. */
export async function selectRematchRetries(db: Db, limit: number): Promise<RematchRetry[]> {
  return db<RematchRetry[]>`
    select r.event_seq, r.attempts, e.type, e.payload from search_rematch_retry r left join events e on e.seq = r.event_seq
    order by r.event_seq limit ${limit}`;
}

export async function deleteRematchRetry(db: Db, eventSeq: number): Promise<void> {
  await db`delete from search_rematch_retry where event_seq = ${eventSeq}`;
}

export async function countRematchAttempt(db: Db, eventSeq: number, error: string): Promise<void> {
  await db`update search_rematch_retry set attempts = attempts + 1, error = ${error} where event_seq = ${eventSeq}`;
}

/** Every unit of an owner (archived too): an organisation change may touch each. */
export async function selectOwnerUnitIds(db: Db, ownerId: string): Promise<string[]> {
  const rows = await db`select id from units where owner_id = ${ownerId}`;
  return rows.map((u) => u.id as string);
}

/**
 * Units whose figures aged past a matching search's freshness limit with no event announcing it:
 * fresh for that limit when last matched (the snapshot), older than it now. After their re-match
 * the snapshot is fresh for none of them, so each is found once.
 */
export async function selectDriftedUnitIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db`
    select st.unit_id from search_unit_state st
    join (select distinct stale_after from open_searches where closed_at is null and not include_stale) s
      on st.last_confirmed_at > st.seen_at - s.stale_after and st.last_confirmed_at <= now() - s.stale_after
    where st.live
    limit ${limit}`;
  return [...new Set(rows.map((d) => d.unitId as string))];
}

// ---------------------------------------------------------------- digest (search.digest job)

/** Owners of open searches with matches not yet seen or mailed. */
export async function selectDigestOwners(db: Db, limit: number): Promise<string[]> {
  const rows = await db<{ userId: string }[]>`
    select distinct s.owner_user_id as user_id
    from open_search_digest m join open_searches s on s.id = m.search_id
    where s.closed_at is null and s.expires_at > now()
    limit ${limit}`;
  return rows.map((r) => r.userId);
}

/** The digest's recipient, and whether a socket of theirs was seen in the last 90 seconds. */
export async function selectDigestRecipient(db: Db, userId: string) {
  const [user] = await db<{ email: string; displayName: string; online: boolean }[]>`
    select email, display_name,
      exists (select 1 from search_presence p where p.user_id = users.id and p.seen_at > now() - interval '90 seconds') as online
    from users where id = ${userId} and disabled_at is null`;
  return user;
}

export interface DigestItem {
  searchId: string;
  unitId: string;
  unitName: string;
  providerName: string;
  city: string | null;
  availablePlaces: number;
  availableFrom: string;
  createdAt: string;
}

/** Takes the owner's pending matches off the digest and returns them. */
export async function takePendingDigestItems(db: Db, userId: string): Promise<DigestItem[]> {
  return db<DigestItem[]>`
    delete from open_search_digest m
    using open_searches s, units u, organisations o
    where s.id = m.search_id and u.id = m.unit_id and o.id = u.owner_id
      and s.owner_user_id = ${userId} and s.closed_at is null and s.expires_at > now()
    returning m.search_id, m.unit_id, u.name as unit_name, o.name as provider_name, u.city,
      m.available_places, m.available_from::text as available_from, s.created_at`;
}

/** The digest throttle: false when this owner was mailed within the interval (the row lock keeps nodes apart). */
export async function claimDigest(db: Db, userId: string, minutes: number): Promise<boolean> {
  const claimed = await db`
    insert into search_digests (user_id, last_sent_at) values (${userId}, now())
    on conflict (user_id) do update set last_sent_at = now()
      where search_digests.last_sent_at <= now() - make_interval(mins => ${minutes}::int)
    returning user_id`;
  return claimed.length > 0;
}

// ---------------------------------------------------------------- socket: presence and joining rooms

export async function upsertPresence(db: Db, socketId: string, userId: string, nodeId: string): Promise<void> {
  await db`
    insert into search_presence (socket_id, user_id, node_id) values (${socketId}, ${userId}, ${nodeId})
    on conflict (socket_id) do update set seen_at = now()`;
}

export async function deletePresence(db: Db, socketId: string): Promise<void> {
  await db`delete from search_presence where socket_id = ${socketId}`;
}

export async function refreshPresence(db: Db, socketIds: string[]): Promise<void> {
  await db`update search_presence set seen_at = now() where socket_id = any (${socketIds}::text[])`;
}

/** An open search of the office as a socket joins it; undefined for other offices' searches. */
export async function selectJoinableSearch(db: Db, officeId: string, searchId: string) {
  const [s] = await db<{ closeReason: 'closed' | 'expired' | null; expired: boolean }[]>`
    select close_reason, expires_at <= now() as expired from open_searches
    where id = ${searchId} and office_id = ${officeId}`;
  return s;
}

/** The lowest and highest sequence number the events table holds (0 when empty). */
export async function selectEventBounds(db: Db): Promise<{ min: number; max: number }> {
  const [b] = await db`select coalesce(min(seq), 0)::bigint as min, coalesce(max(seq), 0)::bigint as max from events`;
  return { min: b.min as number, max: b.max as number };
}

/** Events of one room after `since`, in order, at most `limit`. */
export async function selectRoomEvents(db: Db, room: string, since: number, limit: number) {
  return db<{ seq: number; type: string; at: string; payload: unknown }[]>`
    select seq, type, at, payload from events
    where seq > ${since} and rooms @> array[${room}]::text[]
    order by seq limit ${limit}`;
}
