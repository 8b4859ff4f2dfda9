import { anyOf, equals } from './filters';
import type { Db } from '../../db';
import { ageBand } from './demand-queries';
import type { Split } from './periods';

/** Whose searches: the districts of the searching office (null: all), or one office. */
export interface Who {
  districts: string[] | null;
  officeId: string | null;
}

/** Recorded searches in the raw intervals of a split, of the offices in `w`. */
export const rawSearches = (db: Db, sp: Pick<Split, 'starts' | 'ends'>, w: Who) => db`
  select l.* from unnest(${sp.starts}::timestamptz[], ${sp.ends}::timestamptz[]) iv(a, b)
  join search_log l on l.searched_at >= iv.a and l.searched_at < iv.b
  where true ${anyOf(db, 'l.district_ags', w.districts)} ${equals(db, 'l.office_id', w.officeId)}`;

/**
 * One row per search and dimension it counts in (a search with two needs counts in both): total,
 * kind (search, browse without an age, emergency), type, age band, gender, need, district of the office, hour of day (Europe/Berlin) and, for an
 * empty search, its binding constraint. The source of both the live figures and the rollup.
 */
export const searchPairs = (db: Db, sp: Pick<Split, 'starts' | 'ends'>, w: Who) => db`
  select l.office_id, l.district_ags, p.dim, p.key, l.result_count = 0 as is_empty, coalesce(l.relaxed_found, 0) as relaxed
  from (${rawSearches(db, sp, w)}) l cross join lateral (
    select 'total' as dim, 'total' as key
    union all select 'kind', l.kind
    union all select 'serviceType', coalesce(l.service_type, 'any')
    union all select 'ageBand', ${ageBand(db, 'age')}
    union all select 'gender', coalesce(l.gender, 'any')
    union all select 'district', coalesce(l.district_ags, 'unknown')
    union all select 'hour', extract(hour from l.searched_at at time zone 'Europe/Berlin')::int::text
    union all select 'constraint', coalesce(l.binding_constraint, 'unknown') where l.result_count = 0
    union all select 'need', n from unnest(l.needs) n) p`;

/** Empty searches by criteria and binding constraint, with the office and the rounded reference point. */
export const emptyCells = (db: Db, sp: Pick<Split, 'starts' | 'ends'>, w: Who) => db`
  select l.office_id, l.district_ags, l.service_type, ${ageBand(db, 'age')} as age_band, l.gender,
         (select coalesce(array_agg(n order by n), '{}') from unnest(l.needs) n) as needs, l.binding_constraint,
         l.ref_lat, l.ref_lon, count(*)::int as searches, sum(l.relaxed_found)::int as relaxed_found
  from (${rawSearches(db, sp, w)}) l where l.result_count = 0
  group by 1, 2, 3, 4, 5, 6, 7, 8, 9`;

const COLUMNS = {
  dims: ['office_id', 'district_ags', 'dim', 'key', 'searches', 'empty', 'relaxed_found'],
  empty: ['office_id', 'district_ags', 'service_type', 'age_band', 'gender', 'needs', 'binding_constraint', 'ref_lat', 'ref_lon', 'searches', 'relaxed_found'],
};

/**
 * The summary rows of a split's months and days for `w` (search_{month,day}_{dims,empty}): the
 * national rows when it names no district or office.
 */
export const summaryOf = (db: Db, what: 'dims' | 'empty', sp: Split, w: Who) => {
  const whole = w.districts === null && w.officeId === null;
  const part = (table: string, col: 'day' | 'month', keys: string[]) => db`
    select ${db(COLUMNS[what])} from ${db(table)}
    where ${db(col)} = any(${keys}::date[]) and whole = ${whole}
      ${anyOf(db, 'district_ags', w.districts)} ${equals(db, 'office_id', w.officeId)}`;
  return db`${part(`search_month_${what}`, 'month', sp.months)} union all ${part(`search_day_${what}`, 'day', sp.days)}`;
};

export interface SearchDimRow {
  dim: string;
  key: string;
  searches: number;
  empty: number;
  relaxedFound: number;
}

/** Searches (and empty ones) by each dimension: summarised days plus raw intervals. */
export function selectSearchDims(db: Db, sp: Split, w: Who) {
  return db<SearchDimRow[]>`
    select dim, key, sum(searches)::int as searches, sum(empty)::int as empty, sum(relaxed)::int as relaxed_found from (
      select dim, key, count(*) as searches, count(*) filter (where is_empty) as empty, coalesce(sum(relaxed) filter (where is_empty), 0) as relaxed
      from (${searchPairs(db, sp, w)}) p group by 1, 2
      union all select dim, key, sum(searches), sum(empty), sum(relaxed_found) from (${summaryOf(db, 'dims', sp, w)}) s group by 1, 2) x
    group by 1, 2`;
}

export interface UnmetCell {
  serviceType: string | null;
  ageBand: string;
  gender: string | null;
  needs: string[];
  count: number;
  bindingConstraint: string | null;
  relaxedFound: number | null;
}

/**
 * Empty searches grouped by their criteria, with the most frequent binding constraint of each
 * group (ties: the first by name, as mode() does) and what relaxing found in all of them.
 */
export function selectEmptyByCriteria(db: Db, sp: Split, w: Who, limit = 50) {
  return db<UnmetCell[]>`
    with c as (
      select service_type, age_band, gender, needs, binding_constraint, sum(searches) as n, sum(relaxed_found) as relaxed from (
        select service_type, age_band, gender, needs, binding_constraint, searches, relaxed_found from (${emptyCells(db, sp, w)}) r
        union all select service_type, age_band, gender, needs, binding_constraint, searches, relaxed_found from (${summaryOf(db, 'empty', sp, w)}) s) x
      group by 1, 2, 3, 4, 5)
    select service_type, age_band, gender, needs, sum(n)::int as count,
           (array_agg(binding_constraint order by n desc, binding_constraint) filter (where binding_constraint is not null))[1] as binding_constraint,
           sum(relaxed)::int as relaxed_found
    from c group by 1, 2, 3, 4 order by count desc, 1, 2, 3 limit ${limit}`;
}

/**
 * Empty searches of the split whose rounded reference point lies within `km` of one of the
 * provider's units, by criteria. The 0.1° grid points near its units are enumerated first
 * (`gridPointsNear`, from the places in `provider_sites`), so the summaries are read only at
 * those points, each through its (ref_lat, ref_lon) index.
 */
export async function selectUnmetAround(db: Db, sp: Split, providerId: string, km: number) {
  const all: Who = { districts: null, officeId: null };
  const sites = await db<{ lat: number; lon: number }[]>`select lat, lon from provider_sites where provider_id = ${providerId}`;
  const near = gridPointsNear(sites, km);
  if (near.length === 0) return [];
  const lats = near.map((p) => p.lat);
  const lons = near.map((p) => p.lon);
  return db<{ serviceType: string | null; ageBand: string; gender: string | null; needs: string[]; count: number }[]>`
    with near as (select * from unnest(${lats}::numeric[], ${lons}::numeric[]) as n(ref_lat, ref_lon)),
    x as (
      select service_type, age_band, gender, needs, ref_lat, ref_lon, searches from (${emptyCells(db, sp, all)}) r where ref_lat is not null
      -- per point through the (ref_lat, ref_lon, day|month) index: "offset 0" keeps the planner from turning
      -- this into a scan of the whole summary with a hash join (48 ms instead of a few for a year)
      union all select p.service_type, p.age_band, p.gender, p.needs, p.ref_lat, p.ref_lon, p.searches
        from near cross join lateral (select * from search_day_points d
          where d.ref_lat = near.ref_lat and d.ref_lon = near.ref_lon and d.day = any(${sp.days}::date[]) offset 0) p
      union all select p.service_type, p.age_band, p.gender, p.needs, p.ref_lat, p.ref_lon, p.searches
        from near cross join lateral (select * from search_month_points m
          where m.ref_lat = near.ref_lat and m.ref_lon = near.ref_lon and m.month = any(${sp.months}::date[]) offset 0) p)
    select service_type, age_band, gender, needs, sum(searches)::int as count
    from x join near using (ref_lat, ref_lon) group by 1, 2, 3, 4 order by count desc, 1, 2, 3 limit 20`;
}

/** earthdistance's earth(): the sphere's radius in metres. */
const EARTH_M = 6378168;
/** earthdistance's `earth_distance(ll_to_earth(a), ll_to_earth(b))`, in the same arithmetic: the chord, then the arc. */
export function earthDistanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const xyz = (p: { lat: number; lon: number }) => {
    const la = (p.lat * Math.PI) / 180;
    const lo = (p.lon * Math.PI) / 180;
    return [EARTH_M * Math.cos(la) * Math.cos(lo), EARTH_M * Math.cos(la) * Math.sin(lo), EARTH_M * Math.sin(la)];
  };
  const [p, q] = [xyz(a), xyz(b)];
  const chord = Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
  if (chord === 0) return 0;
  if (chord / EARTH_M > 2) return Math.PI * EARTH_M;
  return 2 * EARTH_M * Math.asin(chord / (2 * EARTH_M));
}

/**
 * The 0.1° grid points (as the recorded searches round their reference point) within `km` of one
 * of `sites`: the points in a box around each site that holds every point within `km`, kept when
 * their distance says so. Returned as numeric text ("50.9"), once each.
 */
export function gridPointsNear(sites: { lat: number; lon: number }[], km: number): { lat: string; lon: string }[] {
  // degrees of latitude per km (a degree is at least 110.5 km), and of longitude at the box's far edge
  const dLat = km / 110.5;
  const seen = new Map<string, { lat: string; lon: string }>();
  for (const s of sites) {
    const dLon = dLat / Math.cos((Math.min(Math.abs(s.lat) + dLat, 89) * Math.PI) / 180);
    for (let la = Math.floor((s.lat - dLat) * 10); la <= Math.ceil((s.lat + dLat) * 10); la++) {
      for (let lo = Math.floor((s.lon - dLon) * 10); lo <= Math.ceil((s.lon + dLon) * 10); lo++) {
        const key = `${la}:${lo}`;
        if (seen.has(key)) continue;
        if (earthDistanceM(s, { lat: la / 10, lon: lo / 10 }) <= km * 1000) seen.set(key, { lat: (la / 10).toFixed(1), lon: (lo / 10).toFixed(1) });
      }
    }
  }
  return [...seen.values()];
}
