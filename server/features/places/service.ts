/**
 * Places: the last free place is never given twice.
 *
 * This module owns every write to `units.free_places` and `units.held_places` (the provider's
 * figures, bulk and CSV updates, the holds of accepted requests, their release, expiry and
 * confirmation) and builds the one `vacancy:changed` announcement the live matching consumes.
 * The database guards the rule with `units_held_within_free` (held_places <= free_places,
 * migrations/0040_requests.sql); a write that would break it answers 409 with LAST_PLACE_MESSAGE.
 * Everything here runs inside the caller's transaction, so nothing is announced for a rollback.
 */
import type { AvailabilityBody } from '../../../shared/schemas/availability';
import type { DomainEventMap } from '../../../shared/events';
import type { Db } from '../../db';
import { publishEvent, rooms } from '../../events';
import { AppError, conflict, invalid } from '../../http/errors';
import {
  confirmUnit,
  decrementHeld,
  incrementHeld,
  insertVacancyEvent,
  moveFreePlaces,
  selectUnitStates,
  setAdmittable,
  setFreePlaces,
  takeHeld,
  touchAvailability,
  type UnitState,
} from './queries';

export type { UnitState };
export type VacancyReason = DomainEventMap['vacancy:changed']['reason'];

/** The CHECK constraint that protects the last free place, and what a caller breaking it is told. */
export const LAST_PLACE_CONSTRAINT = 'units_held_within_free';
export const LAST_PLACE_MESSAGE = 'Free places cannot drop below the places held for accepted requests; release or let a hold end first';

/** Runs a write of the free or held count; a violation of the last-place rule becomes a 409. */
export async function guardLastPlace<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    const pg = e as { code?: string; constraint_name?: string };
    if (pg?.code === '23514' && pg.constraint_name === LAST_PLACE_CONSTRAINT) {
      throw new AppError('CONFLICT', LAST_PLACE_MESSAGE, { constraint: LAST_PLACE_CONSTRAINT });
    }
    throw e;
  }
}

/**
 * Announces a committed change of a unit's availability or attributes: `vacancy:changed` to the
 * owner's room, written inside the caller's transaction (so nothing is announced for a rollback).
 * Live matching consumes exactly this event; it re-reads the unit, so the payload stays small.
 */
export async function announceVacancy(tx: Db, u: UnitState, reason: VacancyReason): Promise<number> {
  return publishEvent(tx, 'vacancy:changed', [rooms.org(u.ownerId)], {
    unitId: u.id,
    providerId: u.ownerId,
    freePlaces: u.freePlaces,
    lastConfirmedAt: u.lastConfirmedAt,
    reason,
  });
}

/** Announces every live unit of an owner (e.g. when its verification changes). */
export async function announceOwnerUnits(tx: Db, ownerId: string, reason: VacancyReason): Promise<number> {
  const units = await selectUnitStates(tx, ownerId);
  for (const u of units) await announceVacancy(tx, u, reason);
  return units.length;
}

// ---------------------------------------------------------------- holds of placement requests

const NO_PLACE_MESSAGE = 'No place available: every free place is already held or taken';

/**
 * Whether a hold could be taken now, by the committed figures: the same rule as the hold's own
 * conditional update (held < free). A "no" is final for this offer (the hold would be refused
 * too), so the caller refuses at once, before writing anything; a "yes" promises nothing: only
 * holdPlace decides, on the locked row.
 */
export function placeAvailable(u: { freePlaces: number | null; heldPlaces: number }): boolean {
  return u.heldPlaces < (u.freePlaces ?? 0);
}

/** The refusal of an offer when no place is available (the same answer holdPlace gives). */
export function noPlaceConflict() {
  return conflict(NO_PLACE_MESSAGE);
}

/**
 * Holds one place for an accepted request and announces it ('held-changed'); 409 when every free
 * place is already held or taken (the announcement, written in the same round trip, is rolled back
 * with the rest). Callers send it last, after their own request event.
 */
export async function holdPlace(tx: Db, unitId: string): Promise<UnitState> {
  const [held] = await Promise.all([incrementHeld(tx, unitId), insertVacancyEvent(tx, unitId, 'held-changed' satisfies VacancyReason)]);
  if (!held) throw noPlaceConflict();
  return held;
}

/** A hold ended (withdrawn, released, expired): the place is available again, and this is announced. */
export async function releasePlace(tx: Db, unitId: string): Promise<UnitState> {
  const state = await decrementHeld(tx, unitId);
  await announceVacancy(tx, state, 'held-changed');
  return state;
}

/**
 * The office confirmed a hold: the placement takes the held place (free and held drop together)
 * and this is announced ('free-changed', in the same round trip, as in holdPlace); 409 when
 * nothing is held.
 */
export async function takeHeldPlace(tx: Db, unitId: string): Promise<UnitState> {
  const [taken] = await Promise.all([takeHeld(tx, unitId), insertVacancyEvent(tx, unitId, 'free-changed' satisfies VacancyReason)]);
  if (!taken) throw conflict('The place is no longer available');
  return taken;
}

// ---------------------------------------------------------------- the provider's figures

/** "Nothing changed, the figures are current." */
export async function confirmPlaces(tx: Db, unitId: string): Promise<UnitState> {
  return confirmUnit(tx, unitId);
}

/** The figures of a locked unit that a change of the free count is checked against. */
export interface PlacesBefore {
  id: string;
  capacityTotal: number | null;
  freePlaces: number | null;
  heldPlaces: number;
  version: number;
}

/** Sets the free count or moves it by a delta, refusing to drop below the held places. */
export async function changeFreePlaces(tx: Db, u: PlacesBefore, b: AvailabilityBody): Promise<UnitState> {
  const target = b.delta !== undefined ? u.freePlaces! + b.delta : b.freePlaces!;
  if (target < u.heldPlaces && target >= 0) {
    throw conflict(`${u.heldPlaces} place(s) are held for accepted requests; the free places cannot drop below that. Release a hold first.`, { heldPlaces: u.heldPlaces });
  }
  if (b.delta !== undefined) {
    const moved = await guardLastPlace(moveFreePlaces(tx, u.id, b.delta));
    if (!moved) {
      throw invalid('body.delta', `would make the free places ${u.freePlaces! + b.delta}; they must stay between 0 and the capacity of ${u.capacityTotal}`);
    }
    return moved;
  }
  if (b.expectedVersion !== undefined && b.expectedVersion !== u.version) {
    throw conflict('The free places were changed in the meantime; reload and set them again', { currentVersion: u.version, freePlaces: u.freePlaces });
  }
  if (b.freePlaces! > u.capacityTotal!) throw invalid('body.freePlaces', `must not exceed the capacity of ${u.capacityTotal}`);
  return guardLastPlace(setFreePlaces(tx, u.id, b.freePlaces!));
}

/** Bulk and CSV: brings the free count to a wanted value; `changed` says whether it moved. */
export async function setFreePlacesTo(tx: Db, unitId: string, free: number): Promise<UnitState & { changed: boolean }> {
  return guardLastPlace(setFreePlaces(tx, unitId, free));
}

/** Planned vacancies changed: counts as a confirmation and an availability change. */
export async function touchPlaces(tx: Db, unitId: string): Promise<UnitState> {
  return touchAvailability(tx, unitId);
}

/** A new unit: places only with a capacity, none free unless the provider says so (nothing is held yet). */
export function freePlacesOnCreate(capacityTotal: number | null, wanted: number | null | undefined): number | null {
  return capacityTotal === null ? null : (wanted ?? 0);
}

/**
 * Capacity and free count move together: no capacity means no places at all, a new capacity
 * starts with none free. Returns the free count to write with the capacity (undefined: keep it).
 * The unit's update runs under guardLastPlace, so dropping places that are held answers 409.
 */
export function freePlacesForCapacity(cur: { freePlaces: number | null }, capacityTotal: number | null | undefined): number | null | undefined {
  if (capacityTotal === undefined) return undefined;
  if (capacityTotal === null) return null;
  if (cur.freePlaces === null) return 0;
  if (capacityTotal < cur.freePlaces) {
    throw invalid('body.capacityTotal', `is below the current free places (${cur.freePlaces}); lower the free count first`);
  }
  return undefined;
}

/**
 * What the unit can admit now (staff limits), at most its free places; null: as many as are free.
 * The free-count writes above lower it with the free places, so the database rule
 * units_admittable_within_free always holds.
 */
export async function setAdmittablePlaces(tx: Db, u: PlacesBefore, admittable: number | null): Promise<UnitState> {
  if (admittable !== null && admittable > (u.freePlaces ?? 0)) throw invalid('body.admittablePlaces', `must not exceed the free places (${u.freePlaces ?? 0})`);
  return setAdmittable(tx, u.id, admittable);
}
