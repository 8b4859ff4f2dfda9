import type { AccessLogEntry, AccessLogQuery } from '../../../shared/schemas/access-log';
import type { Db } from '../../db';

const toTime = (v: string | undefined, endOfDay: boolean) => (v && v.length === 10 ? `${v}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z` : (v ?? null));

/** Who read or changed the office's requests, newest first (reads of lists count for each listed request). */
export async function selectOfficeAccessLog(db: Db, officeId: string, q: AccessLogQuery): Promise<AccessLogEntry[]> {
  return db<AccessLogEntry[]>`
    with mine as (select id::text as id from placement_requests where office_id = ${officeId})
    select a.at, a.actor_kind, a.actor_user_id, u.display_name as actor_name, o.name as actor_org_name,
           a.action, a.outcome, a.object_type, a.object_id, a.details->>'path' as path
    from audit_log a
    left join users u on u.id = a.actor_user_id
    left join organisations o on o.id = a.actor_org_id
    where a.object_type = 'placement_request'
      and (a.object_id in (select id from mine)
           or (a.object_id is null and a.details->'ids' ?| array(select id from mine)))
      and (${toTime(q.from, false)}::timestamptz is null or a.at >= ${toTime(q.from, false)}::timestamptz)
      and (${toTime(q.to, true)}::timestamptz is null or a.at <= ${toTime(q.to, true)}::timestamptz)
      and (${q.action ?? null}::text is null or a.action = ${q.action ?? null})
      and (${q.userId ?? null}::uuid is null or a.actor_user_id = ${q.userId ?? null}::uuid)
      and (${q.objectId ?? null}::text is null or a.object_id = ${q.objectId ?? null} or a.details->'ids' ? ${q.objectId ?? ''})
    order by a.at desc, a.id desc
    limit ${q.limit}`;
}

/** Every refused attempt in the region (403, CSRF, another tenant's object), newest first. */
export async function selectRefusals(db: Db, q: AccessLogQuery): Promise<AccessLogEntry[]> {
  return db<AccessLogEntry[]>`
    select a.at, a.actor_kind, a.actor_user_id, u.display_name as actor_name, o.name as actor_org_name,
           a.action, a.outcome, a.object_type, a.object_id, a.details->>'path' as path
    from audit_log a
    left join users u on u.id = a.actor_user_id
    left join organisations o on o.id = a.actor_org_id
    where a.outcome = 'denied'
      and (${toTime(q.from, false)}::timestamptz is null or a.at >= ${toTime(q.from, false)}::timestamptz)
      and (${toTime(q.to, true)}::timestamptz is null or a.at <= ${toTime(q.to, true)}::timestamptz)
      and (${q.action ?? null}::text is null or a.action = ${q.action ?? null})
      and (${q.userId ?? null}::uuid is null or a.actor_user_id = ${q.userId ?? null}::uuid)
      and (${q.objectId ?? null}::text is null or a.object_id = ${q.objectId ?? null} or a.details->>'path' like ${`%${q.objectId ?? ''}%`})
    order by a.at desc, a.id desc
    limit ${q.limit}`;
}
