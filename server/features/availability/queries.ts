import type { Db } from '../../db';
import { freshnessOf, type FreshnessPeriods } from '../freshness/periods';

export interface LockedUnit {
  id: string;
  name: string;
  externalRef: string | null;
  capacityTotal: number | null;
  freePlaces: number | null;
  /** Places held for accepted requests; the free count cannot go below them. */
  heldPlaces: number;
  archivedAt: string | null;
  version: number;
  freshness: 'fresh' | 'unconfirmed' | 'hidden';
  planned: { availableFrom: string; places: number; note: string | null }[];
}

/**
 * Locks the owner's units named by id or external reference, in id order (no deadlocks between two
 * bulk updates), with their freshness and planned vacancies. FOR NO KEY UPDATE, not FOR UPDATE:
 * it keeps other writers of these units out but lets rows that merely refer to a unit (a search's
 * recorded appearances, a request) be inserted meanwhile, so a search does not wait for a bulk.
 */
export async function lockUnits(db: Db, p: FreshnessPeriods, ownerId: string, ids: string[], refs: string[]): Promise<LockedUnit[]> {
  return db<LockedUnit[]>`
    select u.id, u.name, u.external_ref, u.capacity_total, u.free_places, u.held_places, u.archived_at, u.version,
      ${freshnessOf(db, p)} as freshness,
      coalesce((select json_agg(json_build_object('availableFrom', pv.available_from, 'places', pv.places, 'note', pv.note)
                order by pv.available_from, pv.places) from planned_vacancies pv where pv.unit_id = u.id), '[]'::json) as planned
    from units u
    where u.owner_id = ${ownerId} and (u.id = any(${ids}::uuid[]) or u.external_ref = any(${refs}::text[]))
    order by u.id
    for no key update of u`;
}

export async function insertPlannedVacancy(db: Db, unitId: string, v: { availableFrom: string; places: number; note?: string | null }): Promise<string> {
  const [r] = await db`insert into planned_vacancies (unit_id, available_from, places, note)
    values (${unitId}, ${v.availableFrom}, ${v.places}, ${v.note ?? null}) returning id`;
  return r.id as string;
}

export async function deletePlannedVacancy(db: Db, unitId: string, id: string): Promise<boolean> {
  const rows = await db`delete from planned_vacancies where id = ${id} and unit_id = ${unitId} returning id`;
  return rows.length === 1;
}

export async function deletePlannedVacancies(db: Db, unitId: string): Promise<void> {
  await db`delete from planned_vacancies where unit_id = ${unitId}`;
}

export async function selectToday(db: Db): Promise<string> {
  // the calendar day in Germany, as pauses end (freshness/pauses.ts): after 23:00 UTC the database's
  // current_date is still yesterday there, and "yesterday" was accepted as a pause's last day
  const [r] = await db`select (now() at time zone 'Europe/Berlin')::date::text as today`;
  return r.today as string;
}

export async function setPause(db: Db, id: string, p: { reason: string; until: string; note: string | null }) {
  const [u] = await db`update units u set paused_reason = ${p.reason}, paused_until = ${p.until}, paused_note = ${p.note},
      paused_at = coalesce(u.paused_at, now()), version = u.version + 1
    where u.id = ${id} returning u.id, u.owner_id, u.free_places, u.last_confirmed_at`;
  return u as { id: string; ownerId: string; freePlaces: number | null; lastConfirmedAt: string | null };
}

