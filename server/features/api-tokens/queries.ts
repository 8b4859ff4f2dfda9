import type { ApiToken } from '../../../shared/schemas/api-tokens';
import type { Db } from '../../db';

const select = (db: Db) => db`
  select t.id, t.name, t.prefix, t.created_at, u.display_name as created_by_name, t.last_used_at, t.revoked_at
  from api_tokens t left join users u on u.id = t.created_by`;

export async function selectTokens(db: Db, orgId: string): Promise<ApiToken[]> {
  return db<ApiToken[]>`${select(db)} where t.organisation_id = ${orgId} order by t.revoked_at nulls first, t.created_at desc`;
}

export async function selectToken(db: Db, orgId: string, id: string): Promise<ApiToken | undefined> {
  const [t] = await db<ApiToken[]>`${select(db)} where t.id = ${id} and t.organisation_id = ${orgId}`;
  return t;
}

export async function insertToken(db: Db, t: { orgId: string; name: string; hash: string; prefix: string; createdBy: string }): Promise<string> {
  const [r] = await db`insert into api_tokens (organisation_id, name, token_hash, prefix, created_by)
    values (${t.orgId}, ${t.name}, ${t.hash}, ${t.prefix}, ${t.createdBy}) returning id`;
  return r.id as string;
}

/** Revokes; false when the token is not the organisation's or was revoked before. */
export async function revokeTokenRow(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db`update api_tokens set revoked_at = now() where id = ${id} and organisation_id = ${orgId} and revoked_at is null returning id`;
  return rows.length === 1;
}
