import type { PlacementRequest } from '../../../shared/schemas/requests';
import type { Db } from '../../db';

/** The request DTO; `caseRef` is included only for the office (the caller decides). */
const select = (db: Db) => db`
  select r.id, r.group_id, r.office_id, o.name as office_name, r.provider_id, p.name as provider_name,
         r.unit_id, u.name as unit_name, u.emergency_phone as unit_emergency_phone, r.case_ref,
         r.child_age, r.child_gender, r.needs, r.conditions, r.siblings, to_char(r.desired_start, 'YYYY-MM-DD') as desired_start,
         r.urgency, r.note, r.status, r.hold_expires_at, r.decline_reason, r.decline_text,
         cu.display_name as created_by_name, r.answered_at, r.closed_at, r.created_at, r.updated_at
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
  f: { status: 'running' | 'closed' | 'all'; unitId?: string; groupId?: string },
): Promise<PlacementRequest[]> {
  return db<PlacementRequest[]>`${select(db)}
    where (${scope.officeId ?? null}::uuid is null or r.office_id = ${scope.officeId ?? null}::uuid)
      and (${scope.providerId ?? null}::uuid is null or r.provider_id = ${scope.providerId ?? null}::uuid)
      and (${f.status} = 'all'
           or (${f.status} = 'running' and r.status in ('open', 'question', 'accepted'))
           or (${f.status} = 'closed' and r.closed_at is not null))
      and (${f.unitId ?? null}::uuid is null or r.unit_id = ${f.unitId ?? null}::uuid)
      and (${f.groupId ?? null}::uuid is null or r.group_id = ${f.groupId ?? null}::uuid)
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
 * Units an office may request: active, with places, of a verified provider. Foster places of an
 * office's own foster service are arranged inside that office, not through requests.
 */
export async function requestableUnits(db: Db, unitIds: string[]) {
  return db`
    select u.id, u.owner_id, u.owner_kind, u.service_types, u.age_min, u.age_max, u.genders, u.emergency_intake
    from units u join organisations p on p.id = u.owner_id
    where u.id = any(${unitIds}::uuid[]) and u.archived_at is null and u.capacity_total is not null
      and u.owner_kind = 'provider' and p.verified_at is not null`;
}

/** Requests of this office already running for these units (so nobody asks twice). */
export async function runningForUnits(db: Db, officeId: string, unitIds: string[]) {
  return db`
    select r.unit_id, r.id as request_id, r.status, u.display_name as created_by_name, r.created_at
    from placement_requests r left join users u on u.id = r.created_by
    where r.office_id = ${officeId} and r.unit_id = any(${unitIds}::uuid[]) and r.status in ('open', 'question', 'accepted')
    order by r.created_at`;
}
