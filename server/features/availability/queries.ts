import type { Db } from '../../db';
import { freshnessOf, type FreshnessPeriods } from '../freshness/periods';
import type { UnitState } from '../units/service';

const RETURNING = (db: Db) => db`returning u.id, u.owner_id, u.free_places, u.last_confirmed_at`;

/** A confirmation resets what the freshness job announced. */
const CONFIRM = (db: Db) => db`
  last_confirmed_at = now(),
  freshness_state = 'fresh',
  freshness_state_at = case when u.freshness_state <> 'fresh' then now() else u.freshness_state_at end`;

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
 * bulk updates), with their freshness and planned vacancies.
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
    for update of u`;
}

export async function confirmUnit(db: Db, id: string): Promise<UnitState> {
  const [u] = await db<UnitState[]>`update units u set ${CONFIRM(db)} where u.id = ${id} ${RETURNING(db)}`;
  return u;
}

/** Sets the free count; the CHECK constraint keeps it between 0 and the capacity. */
export async function setFreePlaces(db: Db, id: string, free: number): Promise<UnitState & { changed: boolean }> {
  const [u] = await db<(UnitState & { changed: boolean })[]>`
    update units u set ${CONFIRM(db)},
      free_places = ${free},
      availability_changed_at = case when u.free_places is distinct from ${free}::int then now() else u.availability_changed_at end,
      version = case when u.free_places is distinct from ${free}::int then u.version + 1 else u.version end
    from units before where before.id = u.id and u.id = ${id}
    returning u.id, u.owner_id, u.free_places, u.last_confirmed_at, before.free_places is distinct from u.free_places as changed`;
  return u;
}

/**
 * Moves the free count atomically (`free_places + delta` on the current row, never a value read
 * earlier), so two concurrent moves both count. No row: the result would leave 0..capacity.
 */
export async function moveFreePlaces(db: Db, id: string, delta: number): Promise<UnitState | undefined> {
  const [u] = await db<UnitState[]>`
    update units u set ${CONFIRM(db)},
      free_places = u.free_places + ${delta}, availability_changed_at = now(), version = u.version + 1
    where u.id = ${id} and u.free_places + ${delta} between 0 and u.capacity_total
    ${RETURNING(db)}`;
  return u;
}

/** Planned vacancies changed: counts as a confirmation and an availability change. */
export async function touchAvailability(db: Db, id: string): Promise<UnitState> {
  const [u] = await db<UnitState[]>`
    update units u set ${CONFIRM(db)}, availability_changed_at = now(), version = u.version + 1
    where u.id = ${id} ${RETURNING(db)}`;
  return u;
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
  const [r] = await db`select current_date::text as today`;
  return r.today as string;
}
