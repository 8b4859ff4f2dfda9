import type { SearchSort } from '../../../shared/schemas/search';
import type { Db, Sql } from '../../db';
import type { ResolvedCriteria } from './criteria';
import { matchingUnits, selectSearchPageWith, type SearchPage } from './queries';

// The match store of open searches (migration 0180, migrations/functions/search_match_store.sql):
// no stored match set; each unit's snapshot says which open searches it matched.

/** The size of a new open search's first match set, as the listing counts it (its first tally row). */
export async function insertInitialCount(db: Db, searchId: string, total: number): Promise<number> {
  await db`insert into open_search_tally (search_id, delta) values (${searchId}::uuid, ${total}::int)`;
  return total;
}

/**
 * Records what a new open search starts from, in one insert-select: the size of its first match set
 * (the listing's count). Which units it matched needs no rows: each unit's snapshot says it
 * (migration 0180). Only for units changed but not yet re-matched (search_unit_dirty), where what
 * the search is shown differs from the snapshot, an exception row records what it was shown.
 */
export async function insertInitialMatches(db: Db, searchId: string, c: ResolvedCriteria, known?: { total: number }): Promise<number> {
  // the size is known when the caller ran the same search in this transaction (its first page's total)
  const [row] = known
    ? [{ delta: await insertInitialCount(db, searchId, known.total) }]
    : await db`
      insert into open_search_tally (search_id, delta)
      select ${searchId}::uuid, count(*) from (${matchingUnits(db, c)}) m
      where m.freshness <> 'stale' or ${c.includeStale}::boolean
      returning delta`;
  // marked units this search may concern: their type, age and place now or in their snapshot fit
  // it (usually none: then nothing more to do). Per marked unit by its key: a join planned on the
  // statistics of an often empty table read all units and snapshots.
  const [{ ids }] = await db<{ ids: string[] }[]>`
    with s as materialized (
      select s.any_service_type, s.service_type, s.age, s.radius_km,
        case when s.radius_km is not null then earth_box(s.ref_pt, s.radius_km * 1000) end as box
      from open_searches s where s.id = ${searchId}::uuid)
    select array(
      select d.unit_id from (select distinct unit_id from search_unit_dirty) d cross join s
      where exists (
          select from units u where u.id = d.unit_id
            and (s.any_service_type = '*' or s.service_type = any (u.service_types))
            and s.age between u.age_min and u.age_max and (s.radius_km is null or s.box @> u.pt))
        or exists (
          select from search_unit_state o where o.unit_id = d.unit_id
            and s.any_service_type = any (o.codes)
            and s.age between o.age_min and o.age_max and (s.radius_km is null or s.box @> o.pt))
    )::text[] as ids`;
  if (!ids.length) return row.delta as number;
  // the units' states as a parameter: search_unit_states() is inlined (with a sub-select for an
  // argument it ran as a function of its own, planned for any array: ~10 ms at 50,000 units)
  await db`
    insert into open_search_matches (search_id, unit_id, free_places, held_places, available_places, available_from,
      last_confirmed_at, unit_version, unit_updated_at, listed)
    select x.search_id, nw.unit_id, nw.free_places, nw.held_places, coalesce(nw.available, 0), coalesce(x.now_from, current_date),
      nw.last_confirmed_at, nw.version, nw.updated_at, x.now_from is not null
    from search_unit_states(${ids}::uuid[]) nw
    left join search_unit_state od on od.unit_id = nw.unit_id
    cross join lateral search_diff(nw.unit_id, od, nw, ${searchId}::uuid) x
    where (x.before_from is null) <> (x.now_from is null)
      or (x.now_from is not null and (x.before_from, x.b_free, x.b_held, x.b_avail, x.b_confirmed, x.b_version, x.b_updated)
            is distinct from (x.now_from, nw.free_places, nw.held_places, nw.available, nw.last_confirmed_at, nw.version, nw.updated_at))`;
  return row.delta as number;
}

/** A new search's first page read before the opening lock, with what confirming it under the lock needs. */
export interface FirstPage {
  page: SearchPage;
  /** The snapshot the page was read in (pg_snapshot as text). */
  snapshot: string;
  /** Its now() (timestamptz as text: exact to the microsecond): the search's opening time. */
  at: string;
  /** Units changed but not yet re-matched that the search may concern: then the lock must read the page again. */
  dirty: boolean;
  /** Whether a paused unit of the search's type and age lies in its circle (or anywhere without one): else the paused list is empty. */
  paused: boolean;
}

/**
 * Reads a new search's first page without the opening lock (one snapshot for the page and the
 * check), so that the lock is held only to confirm it (confirmFirstPage). `dirty`: a unit with a
 * change not yet re-matched (search_unit_dirty) whose type, age and place now or in its snapshot
 * fit the search; its snapshot is not what the page showed, and the opening must record that.
 */
export async function readFirstPage(sql: Sql, c: ResolvedCriteria, o: { sort: SearchSort; perPage: number; offset: number }): Promise<FirstPage> {
  const p = c.point && c.radiusKm !== undefined ? { lat: c.point.lat, lon: c.point.lon, m: c.radiusKm * 1000 } : null;
  const type = c.serviceType ?? '*';
  const age = c.age ?? null;
  // one statement: the page and the check share its snapshot, with no transaction around them
  // (no begin and commit to wait for); its now() is the statement's
  const box = p ? sql`earth_box(ll_to_earth(${p.lat}::float8, ${p.lon}::float8), ${p.m}::float8)` : sql`null::cube`;
  const { page, extra } = await selectSearchPageWith<{ snapshot: string; at: string; dirty: boolean; paused: boolean }>(
    sql, c, o.sort, o.perPage, o.offset, undefined,
    sql`pg_current_snapshot()::text as snapshot, now()::text as at,
      -- a superset of the paused list's units (selectPausedMatches), by the few rows of units_paused_until
      exists (
        select from units u where u.paused_until is not null and u.archived_at is null
          and (${type}::text = '*' or ${type}::text = any (u.service_types))
          and (${age}::int is null or ${age}::int between u.age_min and u.age_max) and (${box} is null or ${box} @> u.pt)
      ) as paused,
      exists (
        select from (select distinct unit_id from search_unit_dirty) d
          cross join (select ${box} as box) s
        where exists (
            select from units u where u.id = d.unit_id
              and (${type}::text = '*' or ${type}::text = any (u.service_types))
              and (${age}::int is null or ${age}::int between u.age_min and u.age_max) and (s.box is null or s.box @> u.pt))
          or exists (
            select from search_unit_state o where o.unit_id = d.unit_id and ${type}::text = any (o.codes)
              and (${age}::int is null or ${age}::int between o.age_min and o.age_max) and (s.box is null or s.box @> o.pt))
      ) as dirty`,
  );
  return { page, ...extra };
}

/**
 * Under the opening lock: whether the first page read before it still is what every unit's snapshot
 * says. It is unless a unit was re-matched after the page's snapshot (its snapshot row is newer:
 * the snapshot the page saw is gone) or, as readFirstPage found, a unit the search may concern had
 * a change not yet re-matched. A unit changed since without a re-match keeps the snapshot the page
 * saw, and its re-match (which waits for this lock) diffs against it. Changes of units are never
 * deletions of their rows (a deleted unit would leave no snapshot row to see).
 */
export async function confirmFirstPage(tx: Db, first: FirstPage): Promise<boolean> {
  if (first.dirty) return false;
  const [row] = await tx<{ ok: boolean }[]>`select not search_rematched_since(${first.snapshot}::pg_snapshot) as ok`;
  return row.ok;
}
