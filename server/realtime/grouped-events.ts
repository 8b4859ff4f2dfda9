import type { EventEnvelope } from '../../shared/events';
import { rooms } from '../events';

/** An events row as the nodes read it: one event, or (search events) one per concerned search. */
export interface EventRow {
  seq: number;
  type: string;
  at: string;
  payload: unknown;
}

/** One search's part of a grouped row: [seq, searchId] (removed) or [seq, searchId, distanceKm, availableFrom]. */
type SearchPart = [number, string, number?, string?];

interface GroupedPayload {
  unitId: string;
  searches: SearchPart[];
  [field: string]: unknown;
}

function isGrouped(row: EventRow): row is EventRow & { payload: GroupedPayload } {
  return row.type.startsWith('search:match-') && Array.isArray((row.payload as { searches?: unknown }).searches);
}

/**
 * The events a client receives from one events row, for the rooms `hears` accepts, each with its
 * room. A re-match writes one row per event type for all the searches a unit's change concerns
 * (migrations/functions/search_rematch_unit.sql); its payload holds the unit's figures once and,
 * per search, the search's own number and fields. Split here, each search's event is exactly the
 * one a row of its own used to be: its own `seq`, payload with `searchId`, `distanceKm` and
 * `availableFrom`, in number order. Only the parts numbered above `since` are returned (a row's
 * number is the highest of its parts', so `seq > since` finds every row with such a part).
 * Any other row is one event for its rooms.
 */
export function splitEventRow(row: EventRow, hears: (room: string) => boolean, since = 0): { room: string | null; event: EventEnvelope }[] {
  if (!isGrouped(row)) return [{ room: null, event: row as EventEnvelope }];
  const { searches, ...unit } = row.payload;
  const removed = row.type === 'search:match-removed';
  const out: { room: string | null; event: EventEnvelope }[] = [];
  for (const [seq, searchId, distanceKm, availableFrom] of searches) {
    const room = rooms.search(searchId);
    if (seq <= since || !hears(room)) continue;
    const payload = removed ? { searchId, unitId: unit.unitId } : { searchId, ...unit, availableFrom, distanceKm };
    out.push({ room, event: { seq, type: row.type, at: row.at, payload } as EventEnvelope });
  }
  return out;
}

/** The events of rows (in number order) that a client in `heard` rooms replays after `since`. */
export function replayEventRows(rows: EventRow[], heard: Iterable<string>, since: number): EventEnvelope[] {
  const set = new Set(heard);
  return rows.flatMap((r) => splitEventRow(r, (room) => set.has(room), since).map((p) => p.event));
}
