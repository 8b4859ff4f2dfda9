import type { Db } from '../../db';

/** What a vacancy:changed event carries. */
export interface UnitState {
  id: string;
  ownerId: string;
  freePlaces: number | null;
  lastConfirmedAt: string | null;
}

const RETURNING = (db: Db) => db`returning u.id, u.owner_id, u.free_places, u.last_confirmed_at`;

/** A confirmation resets what the freshness job announced. */
const CONFIRM = (db: Db) => db`
  last_confirmed_at = now(),
  freshness_state = 'fresh',
  freshness_state_at = case when u.freshness_state <> 'fresh' then now() else u.freshness_state_at end`;

// ---------------------------------------------------------------- holds (placement requests)

/**
 * Holds one place for an accepted request: a conditional update on the current row, so two
 * providers' accepts (or an accept and a lowered free count) can never hold more than is free.
 * No row: nothing is available.
 */
export async function incrementHeld(db: Db, unitId: string): Promise<UnitState | undefined> {
  const [u] = await db<UnitState[]>`update units u set held_places = u.held_places + 1
    where u.id = ${unitId} and u.held_places < coalesce(u.free_places, 0) ${RETURNING(db)}`;
  return u;
}

/**
 * vacancy:changed for the unit as its row stands in this transaction, written by one statement with
 * the payload announceVacancy builds (timestamps as ISO 8601 with milliseconds, like every
 * response). Sent in the same round trip as the write before it: the unit's row, locked by that
 * write until the commit, is not held across a round trip to the node for the announcement.
 */
export async function insertVacancyEvent(db: Db, unitId: string, reason: string): Promise<void> {
  await db`insert into events (type, rooms, payload)
    select 'vacancy:changed', array['org:' || u.owner_id::text], jsonb_build_object(
      'unitId', u.id, 'providerId', u.owner_id, 'freePlaces', u.free_places,
      'lastConfirmedAt', to_char(u.last_confirmed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'reason', ${reason}::text)
    from units u where u.id = ${unitId}`;
}

/** Ends one hold (withdrawn, released, expired): the place is available again. */
export async function decrementHeld(db: Db, unitId: string): Promise<UnitState> {
  const [u] = await db<UnitState[]>`update units u set held_places = u.held_places - 1 where u.id = ${unitId} ${RETURNING(db)}`;
  return u;
}

/**
 * A confirmed placement takes the held place: free and held drop together. No row: nothing was held.
 * (An admittable figure falls with the free places; none given stays none: PostgreSQL's least()
 * ignores a null and would turn "as many as free" into a fixed number.)
 */
export async function takeHeld(db: Db, unitId: string): Promise<UnitState | undefined> {
  const [u] = await db<UnitState[]>`update units u set free_places = u.free_places - 1, held_places = u.held_places - 1, availability_changed_at = now(),
      admittable_places = case when u.admittable_places is null then null else least(u.admittable_places, u.free_places - 1) end
    where u.id = ${unitId} and u.held_places >= 1 and u.free_places >= 1 ${RETURNING(db)}`;
  return u;
}

// ---------------------------------------------------------------- the provider's figures

export async function confirmUnit(db: Db, id: string): Promise<UnitState> {
  const [u] = await db<UnitState[]>`update units u set ${CONFIRM(db)} where u.id = ${id} ${RETURNING(db)}`;
  return u;
}

/** Sets the free count; the CHECK constraints keep it between the held places and the capacity. */
export async function setFreePlaces(db: Db, id: string, free: number): Promise<UnitState & { changed: boolean }> {
  const [u] = await db<(UnitState & { changed: boolean })[]>`
    update units u set ${CONFIRM(db)},
      free_places = ${free},
      admittable_places = case when u.admittable_places is null then null else least(u.admittable_places, ${free}::int) end,
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
      free_places = u.free_places + ${delta}, admittable_places = case when u.admittable_places is null then null else least(u.admittable_places, u.free_places + ${delta}) end,
      availability_changed_at = now(), version = u.version + 1
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

/** Every live unit of an owner, for announcing a change of the owner's visibility (verification). */
export async function selectUnitStates(db: Db, ownerId: string): Promise<UnitState[]> {
  return db<UnitState[]>`select id, owner_id, free_places, last_confirmed_at from units where owner_id = ${ownerId} and archived_at is null`;
}

/** Sets what the unit can admit now (null: as many as are free); counts as a confirmation. */
export async function setAdmittable(db: Db, id: string, admittable: number | null): Promise<UnitState> {
  const [u] = await db<UnitState[]>`
    update units u set ${CONFIRM(db)}, admittable_places = ${admittable}, availability_changed_at = now(), version = u.version + 1
    where u.id = ${id} ${RETURNING(db)}`;
  return u;
}
