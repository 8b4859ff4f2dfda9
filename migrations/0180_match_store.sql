-- The match store at stress scale (issue 18): no stored match set per open search.
--
-- Before, every open search kept one row per unit it matched (681 rows per search at 150,000 units,
-- ~12.6 GB at 100,000 searches, 84 % of them for searches without a radius). Now each unit keeps
-- one snapshot of the attributes it was last matched with (search_unit_state). A re-match diffs,
-- per open search, "matched before" (the snapshot, evaluated at the later of its time and the
-- search's opening) against "matches now" (the unit) and announces the difference; the snapshot
-- then takes the unit's state. A search opened while a unit's change is not yet re-matched (a bulk
-- change waiting in the queue, or a change made without an event) knows the unit's newer state:
-- for such units (search_unit_dirty) opening records what it was shown, where that differs from
-- the snapshot, in open_search_matches (then only these exceptions, dropped at the unit's next
-- re-match). The listing's match count is a tally of +1/-1 rows; the digest keeps its own rows.

-- A stored earth point: no row computes ll_to_earth at query time (~10 µs a row); the location
-- indexes are built on it.
alter table units add column pt earth generated always as (ll_to_earth(lat, lon)) stored;
drop index units_location;
create index units_location on units using gist (pt) where archived_at is null;
drop index units_location_free;
create index units_location_free on units using gist (pt)
  where archived_at is null and capacity_total is not null and free_places > 0;

-- What every open search was last told about a unit (the columns in the order of
-- search_unit_states() in migrations/functions/search_match_store.sql).
create table search_unit_state (
  unit_id uuid primary key,
  live boolean not null,             -- matchable at all: not archived, places, not paused, verified owner, open facility
  codes text[] not null,             -- its types of service and '*'
  age_min integer not null,
  age_max integer not null,
  genders text[] not null,
  specialisations text[] not null,
  exclusions text[] not null,
  secure_setting boolean not null,
  siblings_max integer not null,
  emergency_intake boolean not null,
  last_confirmed_at timestamptz,
  pt earth not null,
  available integer,
  pv_from date[],                    -- planned vacancies, by date
  pv_places integer[],
  free_places integer,
  held_places integer not null,
  version integer not null,
  updated_at timestamptz not null,
  seen_at timestamptz not null,      -- when this state was matched
  xid xid8 not null,
  born boolean not null default false -- inserted by this xid and not yet re-matched
);

-- Units changed since their last re-match (insert-only: a provider's transaction never locks a
-- row a re-match writes). A re-match deletes the rows it has seen.
create table search_unit_dirty (
  unit_id uuid not null,
  at timestamptz not null default now()
);
create index search_unit_dirty_unit on search_unit_dirty (unit_id);

-- The listing's match count: +1 per unit added, -1 per unit removed (the sweep sums them up).
create table open_search_tally (
  search_id uuid not null references open_searches (id) on delete cascade,
  delta integer not null
);
create index open_search_tally_search on open_search_tally (search_id);

-- Matches added while the owner was not connected: the next e-mail digest.
create table open_search_digest (
  search_id uuid not null references open_searches (id) on delete cascade,
  unit_id uuid not null,
  available_places integer not null,
  available_from date not null,
  primary key (search_id, unit_id)
);

-- open_search_matches keeps only exceptions: listed = what this search was shown of the unit.
alter table open_search_matches add column listed boolean not null default true;
insert into open_search_digest (search_id, unit_id, available_places, available_from)
  select search_id, unit_id, available_places, available_from from open_search_matches where digest_pending;
insert into open_search_tally (search_id, delta) select search_id, count(*) from open_search_matches group by search_id;
alter table open_search_matches drop column digest_pending;

insert into search_unit_state
select u.id,
  (u.archived_at is null and u.capacity_total is not null and u.paused_at is null
    and (o.kind <> 'provider' or o.verified_at is not null) and (f.id is null or f.archived_at is null)),
  (select array_agg(distinct x order by x) from unnest(array_append(u.service_types, '*')) x),
  u.age_min, u.age_max, u.genders, u.specialisations, u.exclusions, u.secure_setting, u.siblings_max, u.emergency_intake,
  u.last_confirmed_at, u.pt,
  greatest(0, least(u.free_places, coalesce(u.admittable_places, u.free_places)) - u.held_places),
  pv.f, pv.p, u.free_places, u.held_places, u.version, u.updated_at, now(), pg_current_xact_id(), false
from units u
join organisations o on o.id = u.owner_id
left join facilities f on f.id = u.facility_id
left join lateral (
  select array_agg(p.available_from order by p.available_from) as f, array_agg(p.places order by p.available_from) as p
  from planned_vacancies p where p.unit_id = u.id) pv on true;

-- Searches already open keep what they were told: their stored rows stay (as exceptions), and a
-- unit that matches one now without a stored row gets a "not listed" exception.
insert into open_search_matches (search_id, unit_id, free_places, held_places, available_places, available_from,
  last_confirmed_at, unit_version, unit_updated_at, listed)
select a.search_id, u.id, null, 0, 0, current_date, null, 0, now(), false
from units u cross join lateral search_affected(u.id) a
where exists (select 1 from open_searches where closed_at is null)
  and not exists (select 1 from open_search_matches m where m.search_id = a.search_id and m.unit_id = u.id);

-- "Which open searches does an older freshness limit concern": the drift check reads it each minute.
create index open_searches_staleness on open_searches (stale_after) where closed_at is null and not include_stale;

grant select, insert, update, delete on search_unit_state, search_unit_dirty, open_search_tally, open_search_digest to {{APP_ROLE}};
