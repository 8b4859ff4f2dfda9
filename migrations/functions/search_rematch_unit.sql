-- Repeatable: applied after the numbered migrations and again whenever this file changes
-- (server/migrate.ts). Edit the function here; never redefine it in a numbered migration.

-- Brings every open search's match set up to date with one unit's committed state and records
-- search:match-added / -removed / -changed events for the rooms of the affected searches.
-- Returns the number of events written.
create or replace function search_rematch_unit(p_unit uuid) returns integer
language plpgsql as $$
declare
  n integer;
begin
  -- creating an open search takes this lock exclusively while it computes its first match set
  perform pg_advisory_xact_lock_shared(4242020);
  -- one unit is matched by one transaction at a time: no duplicate announcements
  perform pg_advisory_xact_lock(4242021, hashtext(p_unit::text));
  with unit as (
    select u.id, u.name, u.free_places, u.last_confirmed_at, u.version, u.updated_at,
           u.held_places as held,
           greatest(0, least(u.free_places, coalesce(u.admittable_places, u.free_places)) - u.held_places) as available,
           o.name as provider_name
    from units u
    join organisations o on o.id = u.owner_id
    where u.id = p_unit
  ),
  now_matching as (
    select a.search_id, a.available_from, a.distance_km, unit.*
    from search_affected(p_unit) a cross join unit
  ),
  added as (
    insert into open_search_matches as m (search_id, unit_id, free_places, held_places, available_places,
      available_from, last_confirmed_at, unit_version, unit_updated_at, digest_pending)
    select nm.search_id, p_unit, nm.free_places, nm.held, nm.available, nm.available_from, nm.last_confirmed_at,
           nm.version, nm.updated_at,
           -- the owner by its key, then their presence by (user_id, seen_at): two index lookups per
           -- added row, never a join of every open search with presence
           not exists (select 1 from search_presence p
                       where p.user_id = (select s.owner_user_id from open_searches s where s.id = nm.search_id)
                         and p.seen_at > now() - interval '90 seconds')
    from now_matching nm
    on conflict (search_id, unit_id) do nothing
    returning m.search_id
  ),
  changed as (
    update open_search_matches m
       set free_places = nm.free_places, held_places = nm.held, available_places = nm.available,
           available_from = nm.available_from, last_confirmed_at = nm.last_confirmed_at,
           unit_version = nm.version, unit_updated_at = nm.updated_at
      from now_matching nm
     where m.search_id = nm.search_id and m.unit_id = p_unit
       and (m.free_places, m.held_places, m.available_places, m.available_from, m.last_confirmed_at, m.unit_version, m.unit_updated_at)
           is distinct from (nm.free_places, nm.held, nm.available, nm.available_from, nm.last_confirmed_at, nm.version, nm.updated_at)
    returning m.search_id
  ),
  removed as (
    delete from open_search_matches m
     where m.unit_id = p_unit
       and not exists (select 1 from now_matching nm where nm.search_id = m.search_id)
    returning m.search_id
  ),
  announced as (
    select 'search:match-added' as type, nm.* from added a join now_matching nm using (search_id)
    union all
    select 'search:match-changed', nm.* from changed c join now_matching nm using (search_id)
  )
  insert into events (type, rooms, payload)
  select x.type, array['search:' || x.search_id], x.payload
  from (
    select a.type, a.search_id, jsonb_build_object(
             'searchId', a.search_id, 'unitId', p_unit, 'unitName', a.name, 'providerName', a.provider_name,
             'freePlaces', a.free_places, 'heldPlaces', a.held, 'availablePlaces', a.available,
             'availableFrom', a.available_from, 'lastConfirmedAt', a.last_confirmed_at,
             'distanceKm', round(a.distance_km::numeric, 1)) as payload
    from announced a
    union all
    select 'search:match-removed', r.search_id, jsonb_build_object('searchId', r.search_id, 'unitId', p_unit)
    from removed r
  ) x
  order by x.search_id;
  get diagnostics n = row_count;
  return n;
end $$;
