import type { Db } from './db';
import type { Actor } from './http/actor';

export interface AuditEntry {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  objectType?: string;
  objectId?: string;
  details?: Record<string, unknown>;
}

export interface AuditOrigin {
  ip?: string;
  requestId?: string;
}

/** Appends one line to the audit log. Call it inside the transaction of the change it records. */
export async function writeAudit(db: Db, actor: Actor | 'system', origin: AuditOrigin, e: AuditEntry): Promise<void> {
  const actorKind = actor === 'system' ? 'system' : actor.kind;
  if (actor === 'system') actor = { kind: 'anonymous' };
  const userId = actor.kind === 'user' ? actor.userId : null;
  const tokenId = actor.kind === 'token' ? actor.tokenId : null;
  // who acted, for the rest of the transaction: the confirmation history (unit_confirmations,
  // migration 0120) reads it at commit; transaction-local, so it never outlives this change
  const source = e.outcome && e.outcome !== 'ok' ? null : JSON.stringify({ actorKind, userId, tokenId, action: e.action, objectId: e.objectId ?? null });
  await db`
    with source as (select case when ${source}::text is null then null else set_config('hpb.audit', ${source}::text, true) end)
    insert into audit_log (actor_kind, actor_user_id, actor_token_id, actor_org_id, action, outcome, object_type, object_id, ip, request_id, details)
    select
      ${actorKind},
      ${userId},
      ${tokenId},
      ${actor.kind === 'anonymous' ? null : actor.orgId},
      ${e.action}, ${e.outcome ?? 'ok'}, ${e.objectType ?? null}, ${e.objectId ?? null},
      ${origin.ip ?? null}, ${origin.requestId ?? null}, ${db.json((e.details ?? {}) as never)}
    from source`;
}
