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

-- When one unit state satisfies one open search (both given by their columns), evaluated at `at`
-- (freshness, the date places are available from): that date; null when it does not. The same hard
-- criteria as the forward search (server/features/search/queries.ts) and search_affected(); tests
-- hold all to one reference filter. One expression without a sub-select: the planner inlines it.
create or replace function search_state_fit(live boolean, codes text[], age_min integer, age_max integer, genders text[],
  specs text[], excl text[], secure boolean, sib_max integer, emerg boolean, confirmed timestamptz, pt earth, available integer,
  pv_from date[], pv_places integer[], at timestamptz,
  s_type text, s_age integer, s_gender text, s_needs text[], s_conditions text[], s_secure boolean, s_siblings integer,
  s_emergency boolean, s_include_stale boolean, s_stale_after interval, s_ref_pt earth, s_radius_km double precision,
  s_available_by date, s_expires_at timestamptz)
returns date language sql stable as $$
  select case
    when search_state_static(live, genders, specs, excl, secure, sib_max, emerg, s_gender, s_needs, s_conditions, s_secure, s_siblings, s_emergency)
      and s_expires_at > now()
      and s_type = any (codes)
      and s_age between age_min and age_max
      and (s_include_stale or confirmed > at - s_stale_after)
      and (s_radius_km is null or earth_distance(s_ref_pt, pt) <= s_radius_km * 1000)
    then case
      when available >= greatest(s_siblings, 1) then at::date
      else search_state_reach(pv_from, pv_places, available, greatest(s_siblings, 1), s_available_by, at)
    end
  end
$$;

-- Per open search that may have matched the unit before (p_old, or what an exception row says the
-- search was shown) or matches it now (p_new): when it was available from before and now (null:
-- no match) and the figures the search was told. p_search: only that search.
create or replace function search_diff(p_unit uuid, p_old search_unit_state, p_new search_unit_state, p_search uuid default null)
returns table (search_id uuid, owner_user_id uuid, before_from date, b_free integer, b_held integer, b_avail integer,
  b_confirmed timestamptz, b_version integer, b_updated timestamptz, now_from date, distance_km double precision)
language sql stable as $$
  with o as materialized (select (p_old).*),   -- one row each (all null without a state): plain columns
  n as materialized (select (p_new).*),
  codes as (
    select distinct c.code from o, n, unnest(
      case when o.live then o.codes else '{}'::text[] end || case when n.live then n.codes else '{}'::text[] end) c(code)
    where p_search is null
  ),
  scans as materialized (
    -- one scan per type of service ("offset 0" keeps the type and the circle in the GiST scan), for
    -- the old and the new state at once; the criteria on the unit's attributes narrow it right there
    select s.* from codes cross join o cross join n cross join lateral (
      select s.id, s.owner_user_id, s.created_at, s.any_service_type, s.age, s.gender, s.needs, s.conditions, s.secure_setting,
             s.siblings, s.emergency_intake, s.include_stale, s.stale_after, s.ref_pt, s.radius_km, s.available_by, s.expires_at
      from open_searches s
      where s.closed_at is null and s.radius_km is not null and s.any_service_type = codes.code
        and ((earth_box(s.ref_pt, s.radius_km * 1000) @> o.pt
              and search_state_static(o.live, o.genders, o.specialisations, o.exclusions, o.secure_setting, o.siblings_max, o.emergency_intake,
                    s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake))
          or (earth_box(s.ref_pt, s.radius_km * 1000) @> n.pt
              and search_state_static(n.live, n.genders, n.specialisations, n.exclusions, n.secure_setting, n.siblings_max, n.emergency_intake,
                    s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake)))
      offset 0) s
    union all
    select s.* from codes cross join o cross join n cross join lateral (
      select s.id, s.owner_user_id, s.created_at, s.any_service_type, s.age, s.gender, s.needs, s.conditions, s.secure_setting,
             s.siblings, s.emergency_intake, s.include_stale, s.stale_after, s.ref_pt, s.radius_km, s.available_by, s.expires_at
      from open_searches s
      where s.closed_at is null and s.radius_km is null and s.any_service_type = codes.code
        and ((s.age between o.age_min and o.age_max
              and search_state_static(o.live, o.genders, o.specialisations, o.exclusions, o.secure_setting, o.siblings_max, o.emergency_intake,
                    s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake))
          or (s.age between n.age_min and n.age_max
              and search_state_static(n.live, n.genders, n.specialisations, n.exclusions, n.secure_setting, n.siblings_max, n.emergency_intake,
                    s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake)))
      offset 0) s
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
  )
  select s.id, s.owner_user_id,
    case when m.search_id is null then search_state_fit(o.live, o.codes, o.age_min, o.age_max, o.genders, o.specialisations, o.exclusions,
           o.secure_setting, o.siblings_max, o.emergency_intake, o.last_confirmed_at, o.pt, o.available, o.pv_from, o.pv_places,
           greatest(o.seen_at, s.created_at),
           s.any_service_type, s.age, s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake,
           s.include_stale, s.stale_after, s.ref_pt, s.radius_km, s.available_by, s.expires_at)
         when m.listed then m.available_from end,
    case when m.search_id is null then o.free_places else m.free_places end,
    case when m.search_id is null then o.held_places else m.held_places end,
    case when m.search_id is null then o.available else m.available_places end,
    case when m.search_id is null then o.last_confirmed_at else m.last_confirmed_at end,
    case when m.search_id is null then o.version else m.unit_version end,
    case when m.search_id is null then o.updated_at else m.unit_updated_at end,
    search_state_fit(n.live, n.codes, n.age_min, n.age_max, n.genders, n.specialisations, n.exclusions,
      n.secure_setting, n.siblings_max, n.emergency_intake, n.last_confirmed_at, n.pt, n.available, n.pv_from, n.pv_places, now(),
      s.any_service_type, s.age, s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake,
      s.include_stale, s.stale_after, s.ref_pt, s.radius_km, s.available_by, s.expires_at),
    earth_distance(s.ref_pt, n.pt) / 1000.0
  from cand s
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

-- Units written without a re-match are marked; a new unit's state is recorded as it is inserted
-- (a unit inserted without an event is known as inserted; with an event, see events_search_rematch).
create or replace function search_units_inserted() returns trigger language plpgsql as $$
begin
  insert into search_unit_state select * from search_unit_states(array(select id from new_units), true)
    on conflict (unit_id) do nothing;
  return null;
end $$;

-- Marks the units a statement wrote. With no open search at all (seeding, a fresh start) nobody
-- was told anything, so the snapshots simply take the new state: under the matching lock, which an
-- opening search waits for, so no search opens in between.
create or replace function search_units_mark(p_units uuid[]) returns void language plpgsql as $$
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
