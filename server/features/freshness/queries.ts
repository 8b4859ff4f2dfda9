import type { Db } from '../../db';
import { freshnessOf, reminderDue, type FreshnessPeriods } from './periods';

export interface Transition {
  id: string;
  ownerId: string;
  freePlaces: number | null;
  lastConfirmedAt: string | null;
  freshness: 'fresh' | 'unconfirmed' | 'hidden';
  before: 'fresh' | 'unconfirmed' | 'hidden';
}

/**
 * Records the freshness each unit with places has at `at`, where it differs from what was last
 * announced. Rows another transaction holds (a confirmation in flight) are left for the next run.
 */
export async function markFreshness(db: Db, p: FreshnessPeriods, at: Date, ownerId: string | null): Promise<Transition[]> {
  return db<Transition[]>`
    with due as (
      select u.id, u.freshness_state as before, ${freshnessOf(db, p, at)} as now_state
      from units u
      where u.archived_at is null and u.capacity_total is not null
        and (${ownerId}::uuid is null or u.owner_id = ${ownerId}::uuid)
        and u.freshness_state is distinct from ${freshnessOf(db, p, at)}
      for update of u skip locked
    )
    update units u set freshness_state = due.now_state, freshness_state_at = ${at}
    from due where due.id = u.id
    returning u.id, u.owner_id, u.free_places, u.last_confirmed_at, u.freshness_state as freshness, due.before`;
}

export interface DueUnit {
  id: string;
  name: string;
  freePlaces: number;
  lastConfirmedAt: string | null;
  freshness: string;
}

export interface DueOwner {
  ownerId: string;
  ownerName: string;
  ownerKind: 'provider' | 'office';
  units: DueUnit[];
}

/** Owners with units with places whose confirmation is older than their remind period. */
export async function selectDueOwners(db: Db, p: FreshnessPeriods, at: Date, ownerId: string | null): Promise<DueOwner[]> {
  return db<DueOwner[]>`
    select o.id as owner_id, o.name as owner_name, o.kind as owner_kind,
      json_agg(json_build_object('id', u.id, 'name', u.name, 'freePlaces', u.free_places, 'lastConfirmedAt', u.last_confirmed_at,
                                 'freshness', ${freshnessOf(db, p, at)})
               order by u.last_confirmed_at nulls first, u.name) as units
    from units u join organisations o on o.id = u.owner_id
    where u.archived_at is null and u.capacity_total is not null
      and (${ownerId}::uuid is null or u.owner_id = ${ownerId}::uuid)
      and ${reminderDue(db, p, at)}
    group by o.id, o.name, o.kind`;
}

/** The owner's reminder cycle, locked (created as "never sent" when there is none). */
export async function lockReminder(db: Db, ownerId: string): Promise<{ lastSentAt: string; escalatedAt: string | null }> {
  await db`insert into freshness_reminders (provider_id, last_sent_at, unit_count, recipients)
    values (${ownerId}, 'epoch', 0, 0) on conflict (provider_id) do nothing`;
  const [r] = await db<{ lastSentAt: string; escalatedAt: string | null }[]>`
    select last_sent_at, escalated_at from freshness_reminders where provider_id = ${ownerId} for update`;
  return r;
}

export async function recordStaffReminder(db: Db, ownerId: string, at: Date, unitCount: number, recipients: number): Promise<void> {
  await db`update freshness_reminders set last_sent_at = ${at}, escalated_at = null, unit_count = ${unitCount}, recipients = ${recipients}
    where provider_id = ${ownerId}`;
}

export async function recordEscalation(db: Db, ownerId: string, at: Date): Promise<void> {
  await db`update freshness_reminders set escalated_at = ${at} where provider_id = ${ownerId}`;
}

/** Owners with nothing due any more answered: their next reminder starts a new cycle. */
export async function endAnsweredCycles(db: Db, dueOwnerIds: string[], ownerId: string | null): Promise<void> {
  await db`delete from freshness_reminders
    where not (provider_id = any(${dueOwnerIds}::uuid[])) and (${ownerId}::uuid is null or provider_id = ${ownerId}::uuid)`;
}

/**
 * Who is reminded: 'staff' are the organisation's address and its users who keep units (not the
 * admins); 'admin' are its admins (provider admin, or the office admin of foster places).
 */
export async function selectRecipients(db: Db, ownerId: string, level: 'staff' | 'admin'): Promise<string[]> {
  const rows =
    level === 'staff'
      ? await db<{ email: string }[]>`
          select email::text from organisations where id = ${ownerId} and email is not null
          union
          select email::text from users
          where organisation_id = ${ownerId} and disabled_at is null and role = 'provider_staff'`
      : await db<{ email: string }[]>`
          select email::text from users
          where organisation_id = ${ownerId} and disabled_at is null and role in ('provider_admin', 'office_admin')`;
  return rows.map((r) => r.email);
}

export interface EndedPause {
  id: string;
  ownerId: string;
  name: string;
  freePlaces: number | null;
  lastConfirmedAt: string | null;
  reason: string;
  until: string;
}

/** Ends pauses: one unit (`id`), or every pause whose last day lies before `today`. */
export async function clearPauses(db: Db, f: { id?: string; before?: string }) {
  return db<EndedPause[]>`
    update units u set paused_reason = null, paused_until = null, paused_note = null, paused_at = null, version = u.version + 1
    from units before
    where before.id = u.id and u.paused_at is not null
      and (${f.id ?? null}::uuid is null or u.id = ${f.id ?? null}::uuid)
      and (${f.before ?? null}::date is null or u.paused_until < ${f.before ?? null}::date)
    returning u.id, u.owner_id, u.name, u.free_places, u.last_confirmed_at, before.paused_reason as reason, before.paused_until::text as until`;
}
