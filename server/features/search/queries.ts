import type { SearchSort } from '../../../shared/schemas/search';
import postgres from 'postgres';
import type { Db } from '../../db';
import type { ResolvedCriteria } from './criteria';

/**
 * The forward search: units satisfying every hard criterion, with what the explanation and the
 * order need. The same criteria run in reverse (which open searches does one unit satisfy?) in
 * search_affected() of migrations/0020_search.sql; tests hold both to one reference filter.
 *
 * Only the conditions a search uses are put into the statement, so a radius search always carries
 * the `earth_box(...) @> u.pt` condition the GiST index units_location answers (u.pt is the unit's
 * stored earth point, migration 0180: no row computes ll_to_earth at query time).
 */
export function matchingUnits(db: Db, c: ResolvedCriteria, onlyUnit?: string, which: 'available' | 'paused' = 'available') {
  const needed = Math.max(1, c.siblings);
  const p = c.point;
  const here = p ? db`ll_to_earth(${p.lat}::float8, ${p.lon}::float8)` : null;
  const radiusM = c.radiusKm !== undefined ? c.radiusKm * 1000 : null;
  // what can be requested: free minus held, or the admittable figure when the unit gives one;
  // nothing while paused (Aufnahmestopp)
  const avail = db`(case when u.paused_at is not null then 0 else greatest(0, least(u.free_places, coalesce(u.admittable_places, u.free_places)) - u.held_places) end)`;
  const cond = [
    onlyUnit ? db`and u.id = ${onlyUnit}::uuid` : db``,
    c.serviceType !== undefined ? db`and u.service_types @> array[${c.serviceType}::text]` : db``,
    c.age !== undefined ? db`and u.age_min <= ${c.age}::int and u.age_max >= ${c.age}::int` : db``,
    c.gender ? db`and ${c.gender}::text = any (u.genders)` : db``,
    c.needs.length ? db`and u.specialisations @> ${c.needs}::text[]` : db``,
    c.conditions.length ? db`and not (u.exclusions && ${c.conditions}::text[])` : db``,
    c.secureSetting ? db`and u.secure_setting` : db``,
    c.siblings >= 2 ? db`and u.siblings_max >= ${c.siblings}::int` : db``,
    c.emergencyIntake ? db`and u.emergency_intake` : db``,
  ];
  // distances by search_earth_m() (migrations/functions/search_match_store.sql): earth_distance() written
  // out so the planner inlines it (the same value; the extension's runs as a call of its own per row)
  const within = here && radiusM !== null ? db`and search_earth_m(${here}, u.pt) <= ${radiusM}::float8` : db``;
  const box = here && radiusM !== null ? db`and earth_box(${here}, ${radiusM}::float8) @> u.pt` : db``;
  // free_places >= needed follows from the next line (held >= 0); stated so the units_free index applies
  const available = c.availableBy
    ? db`and u.paused_at is null and (${avail} >= ${needed}::int or r.reach is not null)`
    : db`and u.free_places > 0 and u.paused_at is null and ${avail} >= ${needed}::int`;
  const availableBranch = db`${box} ${within} ${available}`;
  // paused units (Aufnahmestopp) are listed apart, as paused with their date, never as "0 free"
  // (selectPausedMatches); a query of their own keeps this one's index plan
  const pausedBranch = db`${box} ${within} and u.paused_until is not null`;
  // planned vacancies: the earliest date by which free + planned places reach what is needed
  const reach = c.availableBy
    ? db`left join lateral (
        select min(x.available_from) as reach from (
          select pv.available_from, sum(pv.places) over (order by pv.available_from) as cum
          from planned_vacancies pv where pv.unit_id = u.id and pv.available_from <= ${c.availableBy}::date
        ) x where ${avail} + x.cum >= ${needed}::int
      ) r on true`
    : db`left join lateral (select null::date as reach) r on true`;
  const distance = here ? db`search_earth_m(${here}, u.pt) / 1000.0` : db`null::float8`;
  const pref = c.preferences;
  const missed = [
    pref.languages.length ? db`+ (select count(*) from unnest(${pref.languages}::text[]) l where not (l = any (u.languages)))` : db``,
    pref.specialisations.length
      ? db`+ (select count(*) from unnest(${pref.specialisations}::text[]) s where not (s = any (u.specialisations)))`
      : db``,
    here && pref.withinKm !== undefined ? db`+ (search_earth_m(${here}, u.pt) > ${pref.withinKm * 1000}::float8)::int` : db``,
    pref.maxDailyRate !== undefined ? db`+ (u.daily_rate is null or u.daily_rate > ${pref.maxDailyRate}::numeric)::int` : db``,
  ];
  const freshPref =
    pref.confirmedWithinDays !== undefined
      ? db`coalesce(u.last_confirmed_at > now() - make_interval(days => ${pref.confirmedWithinDays}::int), false)`
      : db`null::boolean`;
  // only what the order, the counts and the explanation need: the details are read for one page
  const select = (branch: typeof pausedBranch) => db`
    select u.id as unit_id,
      ${distance} as distance_km,
      u.daily_rate::float8 as daily_rate,
      ${avail} as available_places,
      (case when ${avail} >= ${needed}::int then current_date when u.paused_at is not null then u.paused_until + 1
            else greatest(r.reach, current_date) end)::text as available_from,
      u.last_confirmed_at,
      case when u.paused_at is not null then 'fresh'
           when u.last_confirmed_at is null or u.last_confirmed_at <= now() - make_interval(secs => ${c.staleAfterSecs}::float8) then 'stale'
           when u.last_confirmed_at <= now() - make_interval(secs => ${c.unconfirmedAfterSecs}::float8) then 'unconfirmed'
           else 'fresh' end as freshness,
      ${freshPref} as fresh_pref_met,
      (0 ${missed})::int + (case when ${freshPref} = false then 1 else 0 end) as missed
    from units u
    ${reach}
    where u.archived_at is null and u.capacity_total is not null
      and not exists (select 1 from organisations o where o.id = u.owner_id and o.kind = 'provider' and o.verified_at is null)
      and not exists (select 1 from facilities f where f.id = u.facility_id and f.archived_at is not null)
      ${cond} ${branch}`;
  return select(which === 'paused' ? pausedBranch : availableBranch);
}

/** The details of the units of one page (CTE `p`, or the one named, holds the rows of matchingUnits plus `pos`). */
function withDetails(db: Db, cte = 'p') {
  return db`
    select p.*, u.name, u.setting, u.service_types, u.age_min, u.age_max, u.genders, u.specialisations,
      u.exclusions, u.languages, u.secure_setting, u.siblings_max, u.step_free, u.emergency_intake, u.therapy_in_house,
      u.schooling_on_site, u.staffing_ratio, u.max_answer_hours,
      u.capacity_total, u.free_places, u.held_places, u.admittable_places, u.paused_reason, u.paused_until::text as paused_until,
      u.lat, u.lon, u.location_is_coarse, coalesce(u.postcode, f.postcode) as postcode, coalesce(u.city, f.city) as city,
      u.version, u.updated_at, u.availability_changed_at,
      (extract(epoch from now() - u.last_confirmed_at) / 3600)::int as confirmed_age_hours,
      o.id as owner_id, o.kind as owner_kind, o.name as owner_name,
      f.id as facility_id, f.name as facility_name, f.postcode as facility_postcode, f.city as facility_city,
      coalesce(u.contact_phone, f.phone, o.phone) as contact_phone,
      coalesce(u.contact_email, f.email, o.email)::text as contact_email,
      coalesce(f.website, o.website) as contact_website,
      coalesce(u.emergency_phone, o.emergency_phone) as emergency_phone,
      (select coalesce(json_agg(json_build_object('from', pv.available_from, 'places', pv.places) order by pv.available_from), '[]')
         from planned_vacancies pv where pv.unit_id = u.id) as planned_vacancies
    from ${db(cte)} p
    join units u on u.id = p.unit_id
    join organisations o on o.id = u.owner_id
    left join facilities f on f.id = u.facility_id`;
}

const ORDER: Record<SearchSort, string[]> = {
  fit: ['missed', 'distance', 'freshness'],
  distance: ['distance', 'missed', 'freshness'],
  freshness: ['freshness', 'missed', 'distance'],
  dailyRate: ['dailyRate', 'missed', 'distance'],
  availablePlaces: ['availablePlaces', 'missed', 'distance'],
  availableFrom: ['availableFrom', 'missed', 'distance'],
};

/** The order keys of a sort, as the response explains them. */
export const ORDER_EXPLAINED: Record<string, string> = {
  missed: 'preferencesMissed ascending',
  distance: 'distanceKm ascending (no reference: not used)',
  freshness: 'lastConfirmedAt descending (most recently confirmed first)',
  dailyRate: 'dailyRate ascending (unknown rate last)',
  availablePlaces: 'availablePlaces descending',
  availableFrom: 'availableFrom ascending',
};

export function orderKeys(sort: SearchSort): string[] {
  return [...ORDER[sort], 'unitId'];
}

function orderBy(db: Db, sort: SearchSort) {
  const key = {
    missed: db`m.missed asc`,
    distance: db`m.distance_km asc nulls last`,
    freshness: db`m.last_confirmed_at desc nulls last`,
    dailyRate: db`m.daily_rate asc nulls last`,
    availablePlaces: db`m.available_places desc`,
    availableFrom: db`m.available_from asc`,
  } as const;
  const keys = ORDER[sort].map((k) => key[k as keyof typeof key]);
  return db`order by ${keys[0]}, ${keys[1]}, ${keys[2]}, m.unit_id`;
}

export interface SearchRow {
  unitId: string;
  name: string;
  setting: string;
  serviceTypes: string[];
  ageMin: number;
  ageMax: number;
  genders: string[];
  specialisations: string[];
  exclusions: string[];
  languages: string[];
  secureSetting: boolean;
  siblingsMax: number;
  stepFree: boolean;
  emergencyIntake: boolean;
  therapyInHouse: boolean;
  schoolingOnSite: boolean;
  staffingRatio: string | null;
  maxAnswerHours: number | null;
  dailyRate: number | null;
  capacityTotal: number;
  freePlaces: number;
  heldPlaces: number;
  availablePlaces: number;
  admittablePlaces: number | null;
  pausedReason: 'staff-shortage' | 'group-crisis' | 'renovation' | 'other' | null;
  pausedUntil: string | null;
  lat: number;
  lon: number;
  locationIsCoarse: boolean;
  postcode: string | null;
  city: string | null;
  ownerId: string;
  ownerKind: 'provider' | 'office';
  ownerName: string;
  facilityId: string | null;
  facilityName: string | null;
  facilityPostcode: string | null;
  facilityCity: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactWebsite: string | null;
  emergencyPhone: string | null;
  distanceKm: number | null;
  availableFrom: string;
  lastConfirmedAt: string | null;
  availabilityChangedAt: string | null;
  confirmedAgeHours: number | null;
  freshness: 'fresh' | 'unconfirmed' | 'stale';
  freshPrefMet: boolean | null;
  missed: number;
  plannedVacancies: { from: string; places: number }[];
}

/**
 * Builds the statement of the answer times (the requests feature's) for the providers a condition on
 * `provider_id` keeps: passed to the page's statement, they come in the same round trip.
 */
export type AnswerTimesPart = (which: postgres.Fragment) => postgres.Fragment;

/** A result row with its owner's answer-time figures (null when it has no request in the period). */
export interface SearchRowWithTimes extends SearchRow {
  atRequests: number | null;
  atMedianMinutes: number | null;
  atEmergencyRequests: number | null;
  atEmergencyWithin30: number | null;
  atRegularRequests: number | null;
  atRegularWithin24h: number | null;
}

/** The owners of the rows of CTE `p` joined with their answer times (`t`), for the final select. */
function timesJoin(db: Db, times: AnswerTimesPart | undefined) {
  if (!times) return { columns: db``, join: db`` };
  return {
    columns: db`, t.requests as at_requests, t.median_minutes as at_median_minutes, t.emergency_requests as at_emergency_requests,
      t.emergency_within30 as at_emergency_within30, t.regular_requests as at_regular_requests, t.regular_within24h as at_regular_within24h`,
    join: db`left join (${times(db`provider_id in (select pu.owner_id from p join units pu on pu.id = p.unit_id)`)}) t on t.provider_id = d.owner_id`,
  };
}

export interface SearchPage {
  rows: SearchRow[];
  total: number;
  hiddenStale: number;
  /** The event stream position of the same snapshot. */
  lastSeq: number;
}

/**
 * The page's common table expressions: `m` the matching units, `counts` (total, stale units left out,
 * the event stream's position) and `p` the page, by a top-N sort (a window over all of m sorted every
 * matching unit), numbered after.
 */
function pageCtes(db: Db, c: ResolvedCriteria, sort: SearchSort, limit: number, offset: number): postgres.Fragment {
  return db`m as materialized (${matchingUnits(db, c)}),
    counts as (
      select count(*) filter (where m.freshness <> 'stale' or ${c.includeStale}::boolean)::int as total,
             count(*) filter (where m.freshness = 'stale' and not ${c.includeStale}::boolean)::int as hidden_stale,
             (select coalesce(max(seq), 0) from events)::bigint as last_seq
      from m
    ),
    p as (
      select m.*, ${offset}::int + row_number() over (${orderBy(db, sort)}) as pos from (
        select m.* from m
        where m.freshness <> 'stale' or ${c.includeStale}::boolean
        ${orderBy(db, sort)}
        limit ${limit}::int offset ${offset}::int
      ) m
    )`;
}

/** The paused units that satisfy every criterion but availability, nearest first, numbered. */
function pausedRows(db: Db, c: ResolvedCriteria, limit: number): postgres.Fragment {
  return db`
    select m.*, row_number() over (order by m.distance_km asc nulls last, m.unit_id) as pos
    from (${matchingUnits(db, c, undefined, 'paused')}) m
    order by pos limit ${limit}::int`;
}

/** One page of results in the chosen order, with the total and how many stale units were left out. */
export async function selectSearchPage(db: Db, c: ResolvedCriteria, sort: SearchSort, limit: number, offset: number, times?: AnswerTimesPart): Promise<SearchPage> {
  return (await selectSearchPageWith(db, c, sort, limit, offset, times)).page;
}

/**
 * selectSearchPage with `extra` columns read in the same statement (so in the same snapshot), e.g.
 * `pg_current_snapshot()::text as snapshot`; they come back as `extra` (camel-cased; an empty object without).
 */
export async function selectSearchPageWith<E extends object = Record<string, never>>(
  db: Db, c: ResolvedCriteria, sort: SearchSort, limit: number, offset: number, times?: AnswerTimesPart, extra?: postgres.Fragment,
): Promise<{ page: SearchPage; extra: E }> {
  const t = timesJoin(db, times);
  const rows = await db`
    with ${pageCtes(db, c, sort, limit, offset)},
    x as (select ${extra ?? db`null::int as none`})
    select counts.total, counts.hidden_stale, counts.last_seq, row_to_json(x) as x_extra, d.* ${t.columns}
    from counts cross join x left join lateral (${withDetails(db)}) d on true
    ${t.join}
    order by d.pos`;
  const first = rows[0] as { total: number; hiddenStale: number; lastSeq: number; xExtra: Record<string, unknown> };
  // camel-cased as the client's columns are (postgres.camel)
  const extraRow = Object.fromEntries(Object.entries(first.xExtra).map(([k, v]) => [postgres.toCamel(k), v]));
  return {
    page: {
      total: first.total,
      hiddenStale: first.hiddenStale,
      lastSeq: first.lastSeq,
      // the rows as read (their extra page columns unused): a copy without them cost a visible share
      // of a search's CPU (an object rest of some 60 columns per row); results are built field by field
      rows: rows.filter((r) => r.unitId !== null) as unknown as SearchRow[],
    },
    extra: (extra ? extraRow : {}) as E,
  };
}

/**
 * selectSearchPage and selectPausedMatches in one statement (one round trip, one snapshot), each
 * with its providers' answer times when `times` is given: what an ad-hoc search reads.
 */
export async function selectSearchPageAndPaused(
  db: Db, c: ResolvedCriteria, sort: SearchSort, limit: number, offset: number, times?: AnswerTimesPart, pausedLimit = 50,
): Promise<{ page: SearchPage; paused: SearchRow[] }> {
  const columns = times
    ? db`, t.requests as at_requests, t.median_minutes as at_median_minutes, t.emergency_requests as at_emergency_requests,
      t.emergency_within30 as at_emergency_within30, t.regular_requests as at_regular_requests, t.regular_within24h as at_regular_within24h`
    : db``;
  const timesCte = times
    ? db`, t as (${times(db`provider_id in (select pu.owner_id from (select unit_id from p union all select unit_id from pp) q join units pu on pu.id = q.unit_id)`)})`
    : db``;
  const join = times ? db`left join t on t.provider_id = d.owner_id` : db``;
  const rows = await db`
    with ${pageCtes(db, c, sort, limit, offset)},
    pp as (${pausedRows(db, c, pausedLimit)}) ${timesCte}
    (select false as paused_part, counts.total, counts.hidden_stale, counts.last_seq, d.* ${columns}
      from counts left join lateral (${withDetails(db)}) d on true ${join})
    union all
    (select true, null::int, null::int, null::bigint, d.* ${columns} from (${withDetails(db, 'pp')}) d ${join})
    order by paused_part, pos`;
  const first = rows[0] as { total: number; hiddenStale: number; lastSeq: number };
  const pageRows: SearchRow[] = [];
  const paused: SearchRow[] = [];
  for (const r of rows) {
    if (r.pausedPart) paused.push(r as unknown as SearchRow);
    else if (r.unitId !== null) pageRows.push(r as unknown as SearchRow);
  }
  return { page: { total: first.total, hiddenStale: first.hiddenStale, lastSeq: first.lastSeq, rows: pageRows }, paused };
}

/**
 * Units that satisfy every criterion but availability because they are paused (Aufnahmestopp):
 * listed apart from the results, nearest first, with the date they take requests again.
 */
export async function selectPausedMatches(db: Db, c: ResolvedCriteria, limit = 50, times?: AnswerTimesPart): Promise<SearchRow[]> {
  const t = timesJoin(db, times);
  const rows = await db`
    with p as (${pausedRows(db, c, limit)})
    select d.* ${t.columns} from (${withDetails(db)}) d ${t.join} order by d.pos`;
  return rows as unknown as SearchRow[];
}

/** One unit, if it satisfies the criteria (staleness included). */
export async function selectSearchUnit(db: Db, c: ResolvedCriteria, unitId: string): Promise<SearchRow | undefined> {
  const [row] = await db`
    with p as (
      select m.*, 1 as pos from (${matchingUnits(db, c, unitId)}) m
      where m.freshness <> 'stale' or ${c.includeStale}::boolean
    )
    ${withDetails(db)}`;
  return row as unknown as SearchRow | undefined;
}

/** EXPLAIN of the search statement (tests and the benchmark show it uses the GiST index). */
export async function explainSearch(db: Db, c: ResolvedCriteria, sort: SearchSort = 'fit'): Promise<unknown> {
  const [row] = await db`explain (format json) select m.unit_id from (${matchingUnits(db, c)}) m ${orderBy(db, sort)} limit 25`;
  return Object.values(row as Record<string, unknown>)[0];
}
