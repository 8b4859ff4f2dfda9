import { UNIT_KEEPER_ROLES } from '../../../shared/roles';
import type { Db } from '../../db';
import { freshnessOf, type FreshnessPeriods } from './periods';

export interface Transition {
  id: string;
  ownerId: string;
  freePlaces: number | null;
  lastConfirmedAt: string | null;
  freshness: 'fresh' | 'unconfirmed' | 'hidden';
  before: 'fresh' | 'unconfirmed' | 'hidden';
}

/**
 * Records the freshness each unit with places has now, where it differs from what was last
 * announced. Rows another transaction holds (a confirmation in flight) are left for the next run.
 */
export async function markFreshness(db: Db, p: FreshnessPeriods, ownerId: string | null): Promise<Transition[]> {
  return db<Transition[]>`
    with due as (
      select u.id, u.freshness_state as before, ${freshnessOf(db, p)} as now_state
      from units u
      where u.archived_at is null and u.capacity_total is not null
        and (${ownerId}::uuid is null or u.owner_id = ${ownerId}::uuid)
        and u.freshness_state is distinct from ${freshnessOf(db, p)}
      for update of u skip locked
    )
    update units u set freshness_state = due.now_state, freshness_state_at = now()
    from due where due.id = u.id
    returning u.id, u.owner_id, u.free_places, u.last_confirmed_at, u.freshness_state as freshness, due.before`;
}

export interface StaleOwner {
  ownerId: string;
  ownerName: string;
  ownerKind: 'provider' | 'office';
  units: { name: string; lastConfirmedAt: string | null; freshness: string }[];
}

/** Owners with unconfirmed or hidden units with places. */
export async function selectStaleOwners(db: Db, p: FreshnessPeriods, ownerId: string | null): Promise<StaleOwner[]> {
  return db<StaleOwner[]>`
    select o.id as owner_id, o.name as owner_name, o.kind as owner_kind,
      json_agg(json_build_object('name', u.name, 'lastConfirmedAt', u.last_confirmed_at, 'freshness', ${freshnessOf(db, p)})
               order by u.last_confirmed_at nulls first) as units
    from units u join organisations o on o.id = u.owner_id
    where u.archived_at is null and u.capacity_total is not null
      and (${ownerId}::uuid is null or u.owner_id = ${ownerId}::uuid)
      and ${freshnessOf(db, p)} <> 'fresh'
    group by o.id, o.name, o.kind`;
}

/**
 * Claims the owner's reminder for this period: true at most once per `periodSecs`, also with
 * several nodes running the job at once.
 */
export async function claimReminder(db: Db, ownerId: string, periodSecs: number, unitCount: number, recipients: number): Promise<boolean> {
  const rows = await db`
    insert into freshness_reminders (provider_id, last_sent_at, unit_count, recipients)
    values (${ownerId}, now(), ${unitCount}, ${recipients})
    on conflict (provider_id) do update set last_sent_at = now(), unit_count = excluded.unit_count, recipients = excluded.recipients
      where freshness_reminders.last_sent_at <= now() - make_interval(secs => ${periodSecs}::float8)
    returning provider_id`;
  return rows.length === 1;
}

/** Who hears of stale units: the organisation's address and its users who keep units. */
export async function selectRecipients(db: Db, ownerId: string): Promise<string[]> {
  const rows = await db<{ email: string }[]>`
    select email::text from organisations where id = ${ownerId} and email is not null
    union
    select email::text from users
    where organisation_id = ${ownerId} and disabled_at is null and role = any(${UNIT_KEEPER_ROLES}::user_role[])`;
  return rows.map((r) => r.email);
}
