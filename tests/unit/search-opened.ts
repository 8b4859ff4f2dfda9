import { expect } from 'vitest';
import { rooms } from '../../server/events';
import type { SearchCriteria } from '../../shared/schemas/search';
import { fx } from './search-reference';

/**
 * What the match-store property tests (search-store-property, search-bulk-property) keep of an open
 * search they opened, and how they replay its room's events against what it holds at the end.
 */

/** The figures a search's owner was told of a unit it holds (as search_matched() and the events give them). */
export interface Figures {
  freePlaces: number;
  availablePlaces: number;
}

export interface Opened {
  id: string;
  criteria: SearchCriteria;
  byDay: number | null;
  first: Set<string>;
  /** The figures of its first match set, per unit. */
  firstFigures: Map<string, Figures>;
  since: number;
}

/** The units of the run a search holds as matches (what its owner was told), with the figures told: search_matched() per unit. */
export async function heldFigures(searchId: string, unitIds: string[]): Promise<Map<string, Figures>> {
  const rows = await fx.t.ctx.sql<{ unitId: string; freePlaces: number; availablePlaces: number }[]>`
    select u as unit_id, m.free_places, m.available_places
    from unnest(${unitIds}::uuid[]) u cross join lateral search_matched(u) m where m.search_id = ${searchId}`;
  return new Map(rows.map((r) => [r.unitId, { freePlaces: r.freePlaces, availablePlaces: r.availablePlaces }]));
}

/** The units of the run a search holds as matches. */
export async function held(searchId: string, unitIds: string[]): Promise<Set<string>> {
  return new Set((await heldFigures(searchId, unitIds)).keys());
}

/**
 * Applies the events the search's room received since it opened to its first match set: nothing
 * added twice, removed or changed without being held. Returns the match set and, per unit, the
 * figures the last event (or the first match set) told.
 */
export async function replayEvents(s: Opened): Promise<Map<string, Figures>> {
  const events = await fx.t.ctx.sql<{ type: string; unitId: string; freePlaces: number | null; availablePlaces: number | null }[]>`
    select type, payload ->> 'unitId' as unit_id, (payload ->> 'freePlaces')::int as free_places,
      (payload ->> 'availablePlaces')::int as available_places
    from events
    where seq > ${s.since} and rooms @> array[${rooms.search(s.id)}]::text[] order by seq`;
  const replay = new Map(s.firstFigures);
  for (const e of events) {
    const figures = { freePlaces: e.freePlaces!, availablePlaces: e.availablePlaces! };
    if (e.type === 'search:match-added') {
      if (replay.has(e.unitId)) throw new Error(`unit ${e.unitId} announced as added twice to search ${s.id}`);
      replay.set(e.unitId, figures);
    } else if (e.type === 'search:match-removed') {
      if (!replay.delete(e.unitId)) throw new Error(`unit ${e.unitId} removed from search ${s.id} without being in it`);
    } else if (e.type === 'search:match-changed') {
      if (!replay.has(e.unitId)) throw new Error(`unit ${e.unitId} announced as changed to search ${s.id} without being in it`);
      replay.set(e.unitId, figures);
    }
  }
  return replay;
}

/**
 * After every change was re-matched: the replayed events give exactly the units the search holds,
 * with the figures it holds, and those are the units' figures now (`now`: free and available places
 * per unit). A change of figures not announced to a search that holds the unit fails here.
 */
export async function expectReplayed(s: Opened, unitIds: string[], now: Map<string, Figures>): Promise<Set<string>> {
  const kept = await heldFigures(s.id, unitIds);
  const replay = await replayEvents(s);
  expect([...replay.keys()].sort()).toEqual([...kept.keys()].sort());
  for (const [unitId, told] of replay) {
    expect({ unitId, ...told }).toEqual({ unitId, ...kept.get(unitId) });
    expect({ unitId, ...told }).toEqual({ unitId, ...now.get(unitId) });
  }
  return new Set(kept.keys());
}

/** The units' figures now, as a search is told them (free places, and what can be requested). */
export async function figuresNow(unitIds: string[]): Promise<Map<string, Figures>> {
  const rows = await fx.t.ctx.sql<{ id: string; freePlaces: number; availablePlaces: number }[]>`
    select id, free_places, greatest(0, least(free_places, coalesce(admittable_places, free_places)) - held_places) as available_places
    from units where id = any (${unitIds}::uuid[])`;
  return new Map(rows.map((r) => [r.id, { freePlaces: r.freePlaces, availablePlaces: r.availablePlaces }]));
}
