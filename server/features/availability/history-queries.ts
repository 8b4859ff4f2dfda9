import type { Db } from '../../db';

export interface ConfirmationRow {
  at: string;
  actorKind: string | null;
  action: string | null;
  userName: string | null;
  tokenName: string | null;
  linkSentTo: 'staff' | 'admin' | null;
}

/** The latest confirmations of one unit of the owner (none for another organisation's unit). */
export async function selectConfirmations(db: Db, ownerId: string, unitId: string, limit: number): Promise<ConfirmationRow[]> {
  return db<ConfirmationRow[]>`
    select c.confirmed_at as at, c.actor_kind, c.action, usr.display_name as user_name, tok.name as token_name, l.sent_to as link_sent_to
    from unit_confirmations c
    join units u on u.id = c.unit_id and u.owner_id = ${ownerId}
    left join users usr on usr.id = c.user_id
    left join api_tokens tok on tok.id = c.token_id
    left join confirm_links l on l.id = c.confirm_link_id
    where c.unit_id = ${unitId}
    order by c.confirmed_at desc
    limit ${limit}`;
}

export async function ownsUnit(db: Db, ownerId: string, unitId: string): Promise<boolean> {
  return (await db`select 1 from units where id = ${unitId} and owner_id = ${ownerId}`).length === 1;
}

/** Deletes confirmations older than `days`, keeping each unit's latest (the board still says who). */
export async function pruneConfirmations(db: Db, days: number): Promise<number> {
  const rows = await db`
    delete from unit_confirmations c
    where c.confirmed_at < now() - make_interval(days => ${days}::int)
      and exists (select 1 from unit_confirmations n where n.unit_id = c.unit_id and n.confirmed_at > c.confirmed_at)
    returning c.id`;
  return rows.length;
}
