import { RUNNING_STATUSES, type CreateRequestBody, type PlacementRequest, type RequestStatus } from '../../../shared/schemas/requests';
import type postgres from 'postgres';
import type { Db } from '../../db';

/** The request DTO; `caseRef` is included only for the office (the caller decides). */
const select = (db: Db) => db`
  select r.id, r.group_id, r.office_id, o.name as office_name, r.provider_id, p.name as provider_name,
         r.unit_id, u.name as unit_name, u.emergency_phone as unit_emergency_phone, r.case_ref,
         r.child_age, r.child_gender, r.needs, r.conditions, r.siblings, to_char(r.desired_start, 'YYYY-MM-DD') as desired_start,
         r.urgency, r.note, r.reference_label, r.status, r.hold_expires_at, r.decline_reason, r.decline_text,
         cu.display_name as created_by_name, coalesce(o.emergency_phone, o.phone) as office_phone, cu.direct_phone as sender_phone,
         r.answered_at, r.closed_at, r.created_at, r.updated_at
  from placement_requests r
  join organisations o on o.id = r.office_id
  join organisations p on p.id = r.provider_id
  join units u on u.id = r.unit_id
  left join users cu on cu.id = r.created_by`;

export interface Scope {
  officeId?: string;
  providerId?: string;
}

/** One request, only if it belongs to the given office or provider. */
export async function findRequest(db: Db, id: string, scope: Scope): Promise<PlacementRequest | undefined> {
  const [row] = await db<PlacementRequest[]>`${select(db)}
    where r.id = ${id}
      and (${scope.officeId ?? null}::uuid is null or r.office_id = ${scope.officeId ?? null}::uuid)
      and (${scope.providerId ?? null}::uuid is null or r.provider_id = ${scope.providerId ?? null}::uuid)`;
  return row;
}

export async function listRequests(
  db: Db,
  scope: Scope,
  f: { status: 'running' | 'closed' | 'all'; unitId?: string; groupId?: string; caseRef?: string },
): Promise<PlacementRequest[]> {
  return db<PlacementRequest[]>`${select(db)}
    where (${scope.officeId ?? null}::uuid is null or r.office_id = ${scope.officeId ?? null}::uuid)
      and (${scope.providerId ?? null}::uuid is null or r.provider_id = ${scope.providerId ?? null}::uuid)
      and (${f.status} = 'all'
           or (${f.status} = 'running' and r.status = any(${RUNNING_STATUSES}::request_status[]))
           or (${f.status} = 'closed' and r.closed_at is not null))
      and (${f.unitId ?? null}::uuid is null or r.unit_id = ${f.unitId ?? null}::uuid)
      and (${f.groupId ?? null}::uuid is null or r.group_id = ${f.groupId ?? null}::uuid)
      and (${f.caseRef ?? null}::text is null or lower(r.case_ref) = lower(${f.caseRef ?? null}::text))
    order by r.created_at desc
    limit 500`;
}

export async function listMessages(db: Db, requestId: string) {
  return db`
    select m.id, m.kind, m.body, m.author_org_id, u.display_name as author_name, m.created_at
    from request_messages m left join users u on u.id = m.author_user_id
    where m.request_id = ${requestId} order by m.created_at, m.id`;
}

export async function insertMessage(db: Db, m: { requestId: string; userId: string | null; orgId: string | null; kind: string; body: string }) {
  await db`insert into request_messages (request_id, author_user_id, author_org_id, kind, body)
    values (${m.requestId}, ${m.userId}, ${m.orgId}, ${m.kind}, ${m.body})`;
}

/**
 * Units an office may request: active, with places, not paused (Aufnahmestopp), of a verified provider. Foster places of an
 * office's own foster service are arranged inside that office, not through requests.
 */
export async function requestableUnits(db: Db, unitIds: string[]) {
  return db`
    select u.id, u.owner_id, u.owner_kind, u.service_types, u.age_min, u.age_max, u.genders, u.emergency_intake
    from units u join organisations p on p.id = u.owner_id
    where u.id = any(${unitIds}::uuid[]) and u.archived_at is null and u.capacity_total is not null
      and u.owner_kind = 'provider' and p.verified_at is not null and u.paused_at is null`;
}

/** Requests of this office already running for these units (so nobody asks twice). */
/** The office's running requests to these units, every case (colleagues see them before they send). */
export async function runningForUnits(db: Db, officeId: string, unitIds: string[]) {
  return db`
    select r.unit_id, r.id as request_id, r.status, r.case_ref, u.display_name as created_by_name, r.created_at
    from placement_requests r left join users u on u.id = r.created_by
    where r.office_id = ${officeId} and r.unit_id = any(${unitIds}::uuid[]) and r.status = any(${RUNNING_STATUSES}::request_status[])
    order by r.created_at`;
}

/** The office's running requests for this case reference to these units (the duplicates to refuse). */
export async function runningForCase(db: Db, officeId: string, caseRef: string, unitIds: string[]) {
  return db`
    select r.unit_id, r.id as request_id, r.status, r.case_ref, u.display_name as created_by_name, r.created_at
    from placement_requests r left join users u on u.id = r.created_by
    where r.office_id = ${officeId} and lower(r.case_ref) = lower(${caseRef}) and r.unit_id = any(${unitIds}::uuid[])
      and r.status = any(${RUNNING_STATUSES}::request_status[])
    order by r.created_at`;
}

/** The columns a state change needs, locked for the rest of the transaction. */
export interface LockedRequest {
  id: string;
  groupId: string;
  unitId: string;
  officeId: string;
  providerId: string;
  status: RequestStatus;
  urgency: 'emergency' | 'regular';
  holdExpiresAt: string | null;
  createdBy: string;
  /** The transaction's time (now()): deadlines set in it are computed from the database's clock. */
  txNow: string;
}

const LOCKED_COLUMNS = (db: Db) => db`id, group_id, unit_id, office_id, provider_id, status, urgency, hold_expires_at, created_by, now() as tx_now`;

/**
 * Locks one request of the given office or provider; undefined when it is not theirs. "No key
 * update", not "update": the key never changes, and rows that reference the request (messages, the
 * monitoring facts written at another transaction's commit) need not wait for this one to end.
 */
export async function lockRequest(db: Db, id: string, scope: Scope): Promise<LockedRequest | undefined> {
  const [row] = await db<LockedRequest[]>`
    select ${LOCKED_COLUMNS(db)}
    from placement_requests where id = ${id}
      and (${scope.officeId ?? null}::uuid is null or office_id = ${scope.officeId ?? null}::uuid)
      and (${scope.providerId ?? null}::uuid is null or provider_id = ${scope.providerId ?? null}::uuid)
    for no key update`;
  return row;
}

/**
 * A request's status and its unit's places as committed now, read without a lock: an answer that
 * cannot succeed (status, no place left) is refused from this one read, before a transaction.
 */
export async function peekRequest(
  db: Db,
  id: string,
  scope: Scope,
): Promise<{ status: RequestStatus; freePlaces: number | null; heldPlaces: number } | undefined> {
  const [row] = await db<{ status: RequestStatus; freePlaces: number | null; heldPlaces: number }[]>`
    select r.status, u.free_places, u.held_places
    from placement_requests r join units u on u.id = r.unit_id
    where r.id = ${id}
      and (${scope.officeId ?? null}::uuid is null or r.office_id = ${scope.officeId ?? null}::uuid)
      and (${scope.providerId ?? null}::uuid is null or r.provider_id = ${scope.providerId ?? null}::uuid)`;
  return row;
}

/** Holds past their deadline (all, or the one given), locked; rows another transaction holds are skipped. */
export async function lockDueHolds(db: Db, onlyId?: string): Promise<LockedRequest[]> {
  return db<LockedRequest[]>`
    select ${LOCKED_COLUMNS(db)}
    from placement_requests
    where status = 'accepted' and hold_expires_at <= now() and (${onlyId ?? null}::uuid is null or id = ${onlyId ?? null}::uuid)
    order by id for no key update skip locked`;
}

/** The other requests of a request's group that still run (the child was placed elsewhere). */
/**
 * Locks one request of the given office or provider and its group's other running requests (the
 * holds and offers sent for the same child), all in id order: two confirms of the same group lock
 * them the same way round, so the second waits for the first and then finds its request ended,
 * instead of each holding its own request while waiting for the other's (a deadlock). Empty when
 * the request is not theirs; the asked-for request is in the result whatever its status.
 */
export async function lockRequestGroup(db: Db, id: string, scope: Scope): Promise<LockedRequest[]> {
  return db<LockedRequest[]>`
    select ${LOCKED_COLUMNS(db)}
    from placement_requests
    where group_id = (select group_id from placement_requests where id = ${id})
      and (id = ${id} or status = any(${RUNNING_STATUSES}::request_status[]))
      and (${scope.officeId ?? null}::uuid is null or office_id = ${scope.officeId ?? null}::uuid)
      and (${scope.providerId ?? null}::uuid is null or provider_id = ${scope.providerId ?? null}::uuid)
    order by id
    for no key update`;
}

/** Which of these codes the taxonomy knows. */
export async function selectKnownCodes(db: Db, table: 'specialisations' | 'exclusions', codes: string[]): Promise<string[]> {
  const rows = await db<{ code: string }[]>`select code from ${db(table)} where code = any(${codes})`;
  return rows.map((r) => r.code);
}

export async function declineReasonExists(db: Db, code: string): Promise<boolean> {
  const rows = await db`select code from decline_reasons where code = ${code}`;
  return rows.length > 0;
}

/** Serialises requests of one office for one unit until the transaction ends. */
export async function lockOfficeUnit(db: Db, officeId: string, unitId: string): Promise<void> {
  await db`select pg_advisory_xact_lock(hashtext(${`${officeId}:${unitId}`}))`;
}

export async function insertRequest(
  db: Db,
  r: { groupId: string; officeId: string; createdBy: string; unitId: string; providerId: string; body: CreateRequestBody },
): Promise<string> {
  const b = r.body;
  const [row] = await db`
    insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender,
      needs, conditions, siblings, desired_start, urgency, note, reference_label)
    values (${r.groupId}, ${r.officeId}, ${r.createdBy}, ${r.unitId}, ${r.providerId}, ${b.caseRef}, ${b.childAge}, ${b.childGender},
      ${b.needs}, ${b.conditions}, ${b.siblings}, ${b.desiredStart}, ${b.urgency}, ${b.note ?? null}, ${b.reference ?? null})
    returning id`;
  return row.id as string;
}

/** Accepted: the hold runs until `holdExpiresAt`. */
export async function markAccepted(db: Db, id: string, holdExpiresAt: string): Promise<void> {
  await db`update placement_requests
    set status = 'accepted', hold_expires_at = ${holdExpiresAt}, answered_at = coalesce(answered_at, now()), updated_at = now()
    where id = ${id}`;
}

export async function markDeclined(db: Db, id: string, reason: string, text: string | null): Promise<void> {
  await db`update placement_requests set status = 'declined', decline_reason = ${reason}, decline_text = ${text},
    answered_at = coalesce(answered_at, now()), closed_at = now(), updated_at = now() where id = ${id}`;
}

/** A message changed the status (question asked or answered): that counts as an answer. */
export async function markAnswered(db: Db, id: string, status: RequestStatus): Promise<void> {
  await db`update placement_requests set status = ${status}, answered_at = coalesce(answered_at, now()), updated_at = now() where id = ${id}`;
}

export async function touchRequest(db: Db, id: string): Promise<void> {
  await db`update placement_requests set updated_at = now() where id = ${id}`;
}

/** Ends a request: confirmed, withdrawn, released or expired. */
export async function markClosed(db: Db, id: string, status: 'confirmed' | 'withdrawn' | 'released' | 'expired'): Promise<void> {
  await db`update placement_requests set status = ${status}, closed_at = now(), updated_at = now() where id = ${id}`;
}

// ---------------------------------------------------------------- jobs: notification and retention

/** Users of an organisation with these roles who are not online now (no session seen for 5 minutes). */

/** What a notification e-mail names: no child data. */
export async function selectNotifyTarget(db: Db, requestId: string) {
  const [r] = await db<{ id: string; officeId: string; providerId: string; createdBy: string; urgency: 'emergency' | 'regular'; unitName: string }[]>`
    select r.id, r.office_id, r.provider_id, r.created_by, r.urgency, u.name as unit_name
    from placement_requests r join units u on u.id = r.unit_id where r.id = ${requestId}`;
  return r;
}

export interface ExpiredRequest {
  id: string;
  officeId: string;
  unitId: string;
  urgency: string;
  status: string;
  createdAt: string;
  closedAt: string;
}

/** Deletes requests (and their messages) closed longer than the retention period ago. */
export async function deleteClosedBefore(db: Db, retentionDays: number): Promise<ExpiredRequest[]> {
  return db<ExpiredRequest[]>`
    delete from placement_requests r
    where r.closed_at < now() - make_interval(days => ${retentionDays})
    returning r.id, r.office_id, r.unit_id, r.urgency, r.status, r.created_at, r.closed_at`;
}

/** The anonymous count that remains of a deleted request. */
export async function insertPlacementStat(db: Db, g: ExpiredRequest): Promise<void> {
  await db`insert into placement_stats (month, district_ags, service_types, urgency, outcome, minutes_to_close)
    select date_trunc('month', ${g.createdAt}::timestamptz)::date, o.district_ags, coalesce(u.service_types, '{}'), ${g.urgency}, ${g.status},
           round(extract(epoch from (${g.closedAt}::timestamptz - ${g.createdAt}::timestamptz)) / 60)::int
    from organisations o left join units u on u.id = ${g.unitId} where o.id = ${g.officeId}`;
}

export async function deleteOldIdempotencyKeys(db: Db): Promise<void> {
  await db`delete from idempotency_keys where created_at < now() - interval '2 days'`;
}

/** Escalation rows whose request group is gone. */
export async function deleteOrphanEscalations(db: Db): Promise<void> {
  await db`delete from emergency_escalations e where not exists (select 1 from placement_requests r where r.group_id = e.group_id)`;
}

/**
 * Who gets an e-mail about a request: for an emergency request everybody of these roles, online
 * or not; for a regular one as each user chose (`regular_mail`: when not online, always, never).
 */
export async function selectMailRecipients(
  db: Db,
  orgId: string,
  roles: readonly string[],
  o: { emergency: boolean; onlyUserId?: string },
): Promise<{ userId: string; email: string }[]> {
  return db<{ userId: string; email: string }[]>`
    select u.id as user_id, u.email from users u
    where u.organisation_id = ${orgId} and u.disabled_at is null and u.role = any(${roles}::user_role[])
      and (${o.onlyUserId ?? null}::uuid is null or u.id = ${o.onlyUserId ?? null}::uuid)
      and (${o.emergency}
           or u.regular_mail = 'always'
           or (u.regular_mail = 'absent'
               and not exists (select 1 from sessions s where s.user_id = u.id and s.last_seen_at > now() - interval '5 minutes')))`;
}

export interface AnswerTimeRow {
  providerId: string;
  requests: number;
  medianMinutes: number | null;
  emergencyRequests: number;
  emergencyWithin30: number;
  regularRequests: number;
  regularWithin24h: number;
}

/**
 * The answer-times statement for the providers `which` keeps (a condition on `provider_id`): over
 * the last `days`, request → first answer (accept, decline or question). A request still
 * unanswered counts with its time so far; one withdrawn before any answer does not count. A part
 * of another statement, too: the search reads a page and its providers' times in one round trip.
 */
export function answerTimesStatement(db: Db, which: postgres.Fragment, days: number): postgres.PendingQuery<AnswerTimeRow[]> {
  return db<AnswerTimeRow[]>`
    with r as (
      select provider_id, urgency,
        extract(epoch from coalesce(answered_at, now()) - created_at) / 60 as minutes
      from placement_requests
      where created_at > now() - make_interval(days => ${days}::int)
        and (answered_at is not null or closed_at is null)
        and ${which}
    )
    select provider_id, count(*)::int as requests,
      (percentile_cont(0.5) within group (order by minutes))::float8 as median_minutes,
      count(*) filter (where urgency = 'emergency')::int as emergency_requests,
      count(*) filter (where urgency = 'emergency' and minutes <= 30)::int as emergency_within30,
      count(*) filter (where urgency = 'regular')::int as regular_requests,
      count(*) filter (where urgency = 'regular' and minutes <= 24 * 60)::int as regular_within24h
    from r group by provider_id`;
}

/** Answer times of providers (all when `providerIds` is null) over the last `days` (answerTimesStatement). */
export async function selectAnswerTimes(db: Db, providerIds: string[] | null, days: number): Promise<AnswerTimeRow[]> {
  return answerTimesStatement(db, db`(${providerIds}::uuid[] is null or provider_id = any(${providerIds}::uuid[]))`, days);
}
