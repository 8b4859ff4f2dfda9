-- Repeatable: applied after the numbered migrations and again whenever this file changes
-- (server/migrate.ts). Edit the function here; never redefine it in a numbered migration.

-- Open searches a unit satisfies now, with when it is available for each and how far it is.
-- The same hard criteria as the forward search (server/features/search/queries.ts); both are
-- checked against one reference filter in tests/unit/search-*.test.ts. Reverse matching looks only
-- at open searches for one of the unit's types (or for any type) whose circle contains it.
create or replace function search_affected(p_unit uuid)
returns table (search_id uuid, available_from date, distance_km double precision)
language plpgsql stable as $$
#variable_conflict use_column
begin
  return query
  with u as materialized (
    select u.id, u.service_types, u.age_min, u.age_max, u.genders, u.specialisations, u.exclusions,
           u.secure_setting, u.siblings_max, u.emergency_intake, u.last_confirmed_at, u.pt,
           -- what can be requested: the admittable figure when the unit gives one (as in the forward search)
           greatest(0, least(u.free_places, coalesce(u.admittable_places, u.free_places)) - u.held_places) as available,
           (select array_agg(distinct x) from unnest(array_append(u.service_types, '*')) x) as codes
    from units u
    join organisations o on o.id = u.owner_id
    left join facilities f on f.id = u.facility_id
    -- a paused unit (Aufnahmestopp) is listed apart by the forward search, never as a live match
    where u.id = p_unit and u.archived_at is null and u.capacity_total is not null and u.paused_at is null
      and (o.kind <> 'provider' or o.verified_at is not null)
      and (f.id is null or f.archived_at is null)
      -- every search needs a place at least: without one now or planned, the unit matches none
      and (greatest(0, least(u.free_places, coalesce(u.admittable_places, u.free_places)) - u.held_places) > 0
           or exists (select from planned_vacancies p where p.unit_id = u.id))
  ),
  cand as (
    -- only the columns the checks need: no criteria documents, no wide rows; the criteria on the
    -- unit's attributes are applied in the index scan, before any distance is computed
    select s.* from u cross join unnest(u.codes) t(code)
    -- a lateral scan per type of service ("offset 0" keeps the planner from flattening it into a
    -- join that applies the type only after the index): the type and the circle both bound the
    -- GiST index scan
    cross join lateral (
      select s.id, s.age, s.siblings, s.available_by, s.radius_km, s.include_stale, s.stale_after, s.expires_at, s.ref_pt
      from open_searches s
      where s.closed_at is null and s.radius_km is not null and s.any_service_type = t.code
        and earth_box(s.ref_pt, s.radius_km * 1000) @> u.pt
        and search_state_static(true, u.genders, u.specialisations, u.exclusions, u.secure_setting, u.siblings_max, u.emergency_intake,
              s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake)
      offset 0) s
    union all
    select s.* from u cross join unnest(u.codes) t(code)
    cross join lateral (
      select s.id, s.age, s.siblings, s.available_by, s.radius_km, s.include_stale, s.stale_after, s.expires_at, s.ref_pt
      from open_searches s
      where s.closed_at is null and s.radius_km is null and s.any_service_type = t.code
        and s.age between u.age_min and u.age_max
        and search_state_static(true, u.genders, u.specialisations, u.exclusions, u.secure_setting, u.siblings_max, u.emergency_intake,
              s.gender, s.needs, s.conditions, s.secure_setting, s.siblings, s.emergency_intake)
      offset 0) s
  ),
  -- the distance once per candidate (search_earth_m: earth_distance() inlined)
  c as (
    select cand.*, search_earth_m(cand.ref_pt, u.pt) as dist_m from cand cross join u offset 0
  )
  select c.id,
         case when u.available >= greatest(c.siblings, 1) then current_date
              else greatest(r.reach, current_date) end,
         c.dist_m / 1000.0
  from c
  cross join u
  left join lateral (
    select min(x.available_from) as reach from (
      select pv.available_from, sum(pv.places) over (order by pv.available_from) as cum
      from planned_vacancies pv
      where pv.unit_id = u.id and c.available_by is not null and u.available < greatest(c.siblings, 1)
        and pv.available_from <= c.available_by
    ) x where u.available + x.cum >= greatest(c.siblings, 1)
  ) r on true
  where c.expires_at > now()
    and c.age between u.age_min and u.age_max
    and (c.include_stale or u.last_confirmed_at > now() - c.stale_after)
    and (c.radius_km is null or c.dist_m <= c.radius_km * 1000)
    and (u.available >= greatest(c.siblings, 1) or r.reach is not null);
end $$;
