-- Repeatable: applied after the numbered migrations and again whenever this file changes
-- (server/migrate.ts). Edit the functions here; never redefine them in a numbered migration.
--
-- The match store of open searches (migration 0180): one snapshot per unit of the attributes it
-- was last matched with; "matched before" is evaluated from it, "matches now" from the unit.

-- an earlier form of the per-search check (taking the search's row)
drop function if exists search_state_fit(open_searches, search_unit_state, timestamptz);
drop function if exists search_state_static(search_unit_state, text, text[], text[], boolean, integer, boolean);
drop function if exists search_state_fit(search_unit_state, timestamptz, text, integer, text, text[], text[], boolean, integer,
  boolean, boolean, interval, earth, double precision, date, timestamptz);
-- one check of both states in one (now search_state_decides() and search_state_when())
drop function if exists search_state_fit(boolean, text[], integer, integer, text[], text[], text[], boolean, integer, boolean,
  timestamptz, earth, integer, date[], integer[], timestamptz, text, integer, text, text[], text[], boolean, integer, boolean,
  boolean, interval, earth, double precision, date, timestamptz);

-- The current state of units, in the columns of search_unit_state.
create or replace function search_unit_states(p_units uuid[], p_born boolean default false)
returns setof search_unit_state language sql stable as $$
  select u.id,
    (u.archived_at is null and u.capacity_total is not null and u.paused_at is null
      and (o.kind <> 'provider' or o.verified_at is not null) and (f.id is null or f.archived_at is null)),
    (select array_agg(distinct x order by x) from unnest(array_append(u.service_types, '*')) x),
    u.age_min, u.age_max, u.genders, u.specialisations, u.exclusions, u.secure_setting, u.siblings_max, u.emergency_intake,
    u.last_confirmed_at, u.pt,
    -- what can be requested: the admittable figure when the unit gives one (as in the forward search)
    greatest(0, least(u.free_places, coalesce(u.admittable_places, u.free_places)) - u.held_places),
    pv.f, pv.p, u.free_places, u.held_places, u.version, u.updated_at, now(), pg_current_xact_id(), p_born
  from units u
  join organisations o on o.id = u.owner_id
  left join facilities f on f.id = u.facility_id
  left join lateral (
    select array_agg(p.available_from order by p.available_from) as f, array_agg(p.places order by p.available_from) as p
    from planned_vacancies p where p.unit_id = u.id) pv on true
  where u.id = any (p_units)
$$;

-- Planned vacancies: the earliest date by which free + planned places reach what is needed (null: never).
create or replace function search_state_reach(pv_from date[], pv_places integer[], available integer, needed integer, by_date date, at timestamptz)
returns date language sql stable as $$
  select case when min(x.f) is not null then greatest(min(x.f), at::date) end
  from (select z.f, sum(z.p) over (order by z.f) as cum
        from unnest(pv_from, pv_places) z(f, p)
        where by_date is not null and z.f <= by_date) x
  where available + x.cum >= needed
$$;

-- The distance in metres between two points on the earth: earth_distance() of the earthdistance
-- extension, written out (the same operations, the same result) so that the planner inlines it;
-- earth_distance() is a strict SQL function around a non-strict body and runs as a function call
-- of its own each time (~5 µs a row).
create or replace function search_earth_m(a earth, b earth)
returns double precision language sql immutable parallel safe as $$
  select case when cube_distance(a, b) / (2 * earth()) > 1 then pi() * earth()
              else (2 * earth()) * asin(cube_distance(a, b) / (2 * earth())) end
$$;

-- The criteria on the unit's attributes alone (no place, age, time): true when the state meets them.
-- The state comes as plain values (a field of a composite value is taken apart anew at each use).
create or replace function search_state_static(live boolean, genders text[], specs text[], excl text[], secure boolean,
  sib_max integer, emerg boolean, s_gender text, s_needs text[], s_conditions text[], s_secure boolean, s_siblings integer,
  s_emergency boolean)
returns boolean language sql stable as $$
  select live and (s_gender is null or s_gender = any (genders)) and specs @> s_needs
    and not (excl && s_conditions) and (not s_secure or secure)
    and (s_siblings < 2 or sib_max >= s_siblings) and (not s_emergency or emerg)
$$;

-- The criteria that do not change with time or places (the unit's attributes, its type, age and
-- place; dist_m: its distance from the search's reference): true when one unit state meets them.
create or replace function search_state_decides(live boolean, codes text[], age_min integer, age_max integer, genders text[],
  specs text[], excl text[], secure boolean, sib_max integer, emerg boolean, dist_m double precision,
  s_type text, s_age integer, s_gender text, s_needs text[], s_conditions text[], s_secure boolean, s_siblings integer,
  s_emergency boolean, s_radius_km double precision, s_expires_at timestamptz)
returns boolean language sql stable as $$
  select search_state_static(live, genders, specs, excl, secure, sib_max, emerg, s_gender, s_needs, s_conditions, s_secure, s_siblings, s_emergency)
    and s_expires_at > now()
    and s_type = any (codes)
    and s_age between age_min and age_max
    and (s_radius_km is null or dist_m <= s_radius_km * 1000)
$$;

-- The rest, for a state that meets search_state_decides(), evaluated at `at` (freshness, the date
-- places are available from): that date; null when it does not match. Together the same hard
-- criteria as the forward search (server/features/search/queries.ts) and search_affected(); tests
-- hold all to one reference filter. Expressions without a sub-select: the planner inlines them.
create or replace function search_state_when(confirmed timestamptz, available integer, pv_from date[], pv_places integer[],
  at timestamptz, s_siblings integer, s_include_stale boolean, s_stale_after interval, s_available_by date)
returns date language sql stable as $$
  select case when s_include_stale or confirmed > at - s_stale_after then case
      when available >= greatest(s_siblings, 1) then at::date
      -- planned vacancies count only by a date (search_state_reach() is a function call of its own)
      when pv_from is not null and s_available_by is not null
        then search_state_reach(pv_from, pv_places, available, greatest(s_siblings, 1), s_available_by, at)
    end end
$$;

-- Per open search that may have matched the unit before (p_old, or what an exception row says the
-- search was shown) or matches it now (p_new): when it was available from before and now (null:
-- no match) and the figures the search was told. p_search: only that search.
--
-- The candidates are the open searches of the unit's types whose circle holds it (or, without a
-- radius, whose age it takes) and whose criteria its attributes meet: one index scan per type and
-- state. When the new state has the same attributes, types, age range and place as the snapshot
-- (a change of places or of the confirmation: most changes), it has the same candidates and decides
-- the same for each: one scan, and per candidate one evaluation of those criteria; only freshness
-- and places are evaluated for both states.
create or replace function search_diff(p_unit uuid, p_old search_unit_state, p_new search_unit_state, p_search uuid default null)
returns table (search_id uuid, owner_user_id uuid, before_from date, b_free integer, b_held integer, b_avail integer,
  b_confirmed timestamptz, b_version integer, b_updated timestamptz, now_from date, distance_km double precision)
language sql stable as $$
  with o as materialized (select (p_old).*),   -- one row each (all null without a state): plain columns
  n as materialized (select (p_new).*),
  same as materialized (
    select coalesce(o.live = n.live and (not n.live or (o.codes = n.codes and o.pt = n.pt
      and o.age_min = n.age_min and o.age_max = n.age_max and o.genders = n.genders and o.specialisations = n.specialisations
      and o.exclusions = n.exclusions and o.secure_setting = n.secure_setting and o.siblings_max = n.siblings_max
      and o.emergency_intake = n.emergency_intake)), false) as same
    from o, n
  ),
  -- the states to scan with: a state without places now or planned matches no search (every
  -- search needs one place at least); the new state only when it may find other candidates
  states as materialized (
    select o.* from o where p_search is null and o.live and (o.available > 0 or o.pv_from is not null)
    union all
    select n.* from n, same where p_search is null and n.live and (n.available > 0 or n.pv_from is not null)
      and not (same.same and exists (select from o where o.live and (o.available > 0 or o.pv_from is not null)))
  ),
  scans as materialized (
    -- one scan per state and type of service ("offset 0" keeps the type and the circle in the GiST
    -- scan); the criteria on the unit's attributes narrow it right there
    select distinct on (s.id) s.* from (
      select s.* from states st cross join unnest(st.codes) c(code) cross join lateral (
        select s.id, s.owner_user_id, s.created_at, s.any_service_type, s.age, s.gender, s.needs, s.conditions, s.secure_setting,
               s.siblings, s.emergency_intake, s.include_stale, s.stale_after, s.ref_pt, s.radius_km, s.available_by, s.expires_at
        from open_searches s
        where s.closed_at is null and s.radius_km is not null and s.any_service_type = c.code
          and earth_box(s.ref_pt, s.radius_km * 1000) @> st.pt
          and search_state_static(st.live, st.genders, st.specialisations, st.exclusions, st.secure_setting, st.siblings_max, st.emergency_intake,
                s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake)
        offset 0) s
      union all
      select s.* from states st cross join unnest(st.codes) c(code) cross join lateral (
        select s.id, s.owner_user_id, s.created_at, s.any_service_type, s.age, s.gender, s.needs, s.conditions, s.secure_setting,
               s.siblings, s.emergency_intake, s.include_stale, s.stale_after, s.ref_pt, s.radius_km, s.available_by, s.expires_at
        from open_searches s
        where s.closed_at is null and s.radius_km is null and s.any_service_type = c.code
          and s.age between st.age_min and st.age_max
          and search_state_static(st.live, st.genders, st.specialisations, st.exclusions, st.secure_setting, st.siblings_max, st.emergency_intake,
                s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake)
        offset 0) s
    ) s
  ),
  cand as (
    select * from scans
    union all
    -- the search asked for, or the searches an exception row names (not found above), by key
    select s.id, s.owner_user_id, s.created_at, s.any_service_type, s.age, s.gender, s.needs, s.conditions, s.secure_setting,
           s.siblings, s.emergency_intake, s.include_stale, s.stale_after, s.ref_pt, s.radius_km, s.available_by, s.expires_at
    from open_searches s
    where s.closed_at is null and s.id = p_search
    union all
    select s.id, s.owner_user_id, s.created_at, s.any_service_type, s.age, s.gender, s.needs, s.conditions, s.secure_setting,
           s.siblings, s.emergency_intake, s.include_stale, s.stale_after, s.ref_pt, s.radius_km, s.available_by, s.expires_at
    from (select distinct m.search_id from open_search_matches m where m.unit_id = p_unit and m.listed and p_search is null) m
    join open_searches s on s.id = m.search_id
    where s.closed_at is null and s.id not in (select id from scans)
  ),
  -- per candidate: the distances and the criteria that do not change with time, once per state
  -- (once in all when the states decide the same); "offset 0": each evaluated once, not per use
  dn as (
    select s.*, search_earth_m(s.ref_pt, n.pt) as dist_n from cand s cross join n offset 0
  ),
  decided as (
    select s.*, k.ok_n, case when same.same then k.ok_n else search_state_decides(o.live, o.codes, o.age_min, o.age_max, o.genders,
        o.specialisations, o.exclusions, o.secure_setting, o.siblings_max, o.emergency_intake,
        case when s.radius_km is not null then search_earth_m(s.ref_pt, o.pt) end,
        s.any_service_type, s.age, s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake,
        s.radius_km, s.expires_at) end as ok_o
    from dn s cross join o cross join same cross join lateral (
      select search_state_decides(n.live, n.codes, n.age_min, n.age_max, n.genders, n.specialisations, n.exclusions,
        n.secure_setting, n.siblings_max, n.emergency_intake, s.dist_n,
        s.any_service_type, s.age, s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake,
        s.radius_km, s.expires_at) as ok_n
      from n offset 0) k
    offset 0
  )
  select s.id, s.owner_user_id,
    case when m.search_id is null then case when s.ok_o then search_state_when(o.last_confirmed_at, o.available, o.pv_from, o.pv_places,
           greatest(o.seen_at, s.created_at), s.siblings, s.include_stale, s.stale_after, s.available_by) end
         when m.listed then m.available_from end,
    case when m.search_id is null then o.free_places else m.free_places end,
    case when m.search_id is null then o.held_places else m.held_places end,
    case when m.search_id is null then o.available else m.available_places end,
    case when m.search_id is null then o.last_confirmed_at else m.last_confirmed_at end,
    case when m.search_id is null then o.version else m.unit_version end,
    case when m.search_id is null then o.updated_at else m.unit_updated_at end,
    case when s.ok_n then search_state_when(n.last_confirmed_at, n.available, n.pv_from, n.pv_places, now(),
      s.siblings, s.include_stale, s.stale_after, s.available_by) end,
    s.dist_n / 1000.0
  from decided s
  cross join o cross join n
  left join (select * from open_search_matches x where x.unit_id = p_unit) m on m.search_id = s.id
$$;

-- The open searches that hold the unit as a match now (what their owners were last told), with
-- the figures they were told: the match set as the re-match diffs against it.
create or replace function search_matched(p_unit uuid)
returns table (search_id uuid, available_from date, free_places integer, held_places integer, available_places integer,
  last_confirmed_at timestamptz, unit_version integer)
language sql stable as $$
  select d.search_id, d.before_from, d.b_free, d.b_held, d.b_avail, d.b_confirmed, d.b_version
  from search_diff(p_unit, (select s from search_unit_state s where s.unit_id = p_unit), null, null) d
  where d.before_from is not null
$$;

-- Whether a unit was re-matched after a snapshot: its snapshot row was written by a transaction
-- that snapshot does not see (index search_unit_state_xid, migration 0181). Opening a search
-- confirms the first page it read before the opening lock with it (server/features/search/match-store.ts).
-- Custom plans: a generic plan cannot tell the range of recent transactions is small and reads every row.
create or replace function search_rematched_since(p_snapshot pg_snapshot) returns boolean language plpgsql stable
set plan_cache_mode = force_custom_plan as $$
begin
  return exists (select from search_unit_state
    where xid >= pg_snapshot_xmin(p_snapshot) and not pg_visible_in_snapshot(xid, p_snapshot));
end $$;

-- Units written without a re-match are marked; a new unit's state is recorded as it is inserted
-- (a unit inserted without an event is known as inserted; with an event, see events_search_rematch).
create or replace function search_units_inserted() returns trigger language plpgsql
set plan_cache_mode = force_generic_plan as $$
begin
  insert into search_unit_state select * from search_unit_states(array(select id from new_units), true)
    on conflict (unit_id) do nothing;
  return null;
end $$;

-- Marks the units a statement wrote. With no open search at all (seeding, a fresh start) nobody
-- was told anything, so the snapshots simply take the new state: under the matching lock, which an
-- opening search waits for, so no search opens in between. Generic plans (as search_rematch_unit):
-- it runs in every statement that writes a unit, while that unit's row is locked.
create or replace function search_units_mark(p_units uuid[]) returns void language plpgsql
set plan_cache_mode = force_generic_plan as $$
begin
  if not exists (select 1 from open_searches where closed_at is null) then
    perform pg_advisory_xact_lock_shared(4242020);
    if not exists (select 1 from open_searches where closed_at is null) then
      delete from search_unit_state where unit_id = any (p_units);
      insert into search_unit_state select * from search_unit_states(p_units);
      return;
    end if;
  end if;
  insert into search_unit_dirty (unit_id) select unnest(p_units);
end $$;

create or replace function search_units_touched() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'units' then
    perform search_units_mark(array(select id from new_rows));
  else
    perform search_units_mark(array(select distinct unit_id from new_rows));
  end if;
  return null;
end $$;

create or replace function search_units_touched_old() returns trigger language plpgsql as $$
begin
  perform search_units_mark(array(select distinct unit_id from old_rows));
  return null;
end $$;

create or replace trigger search_units_inserted after insert on units
  referencing new table as new_units for each statement execute function search_units_inserted();
create or replace trigger search_units_touched after update on units
  referencing new table as new_rows for each statement execute function search_units_touched();
create or replace trigger search_planned_inserted after insert on planned_vacancies
  referencing new table as new_rows for each statement execute function search_units_touched();
create or replace trigger search_planned_updated after update on planned_vacancies
  referencing new table as new_rows for each statement execute function search_units_touched();
create or replace trigger search_planned_deleted after delete on planned_vacancies
  referencing old table as old_rows for each statement execute function search_units_touched_old();
