-- Repeatable: applied after the numbered migrations and again whenever this file changes
-- (server/migrate.ts). Edit the function here; never redefine it in a numbered migration.

-- Brings every open search up to date with one unit's committed state and records
-- search:match-added / -removed / -changed events for the rooms of the affected searches.
-- "Matched before" is the unit's snapshot (search_unit_state, migration 0180) or, for a search
-- opened while the unit's change waited, what that search was shown (open_search_matches);
-- "matches now" is the unit. Afterwards the snapshot is the unit's state. Returns the number of
-- search events written (one events row per type holds those of all the searches it concerns).
-- Generic plans (planned once per connection): it runs at the commit of holds and confirmations,
-- while the unit's row is locked, and a custom plan of its statement (search_diff inlined) took
-- ~7-10 ms against ~0.5 ms of running; the generic plan uses the same index scans at 50k/30k.
create or replace function search_rematch_unit(p_unit uuid) returns integer
language plpgsql set plan_cache_mode = force_generic_plan as $$
declare
  n integer;
  v_old search_unit_state;
  v_new search_unit_state;
begin
  -- creating an open search takes this lock exclusively while it computes its first match set
  perform pg_advisory_xact_lock_shared(4242020);
  -- one unit is matched by one transaction at a time: no duplicate announcements
  perform pg_advisory_xact_lock(4242021, hashtext(p_unit::text));
  -- first forget the marks of changes committed so far, then read the state, which holds them all
  -- (a change committed in between keeps its mark: a later re-match finds nothing more to say)
  delete from search_unit_dirty where unit_id = p_unit;
  select * into v_old from search_unit_state where unit_id = p_unit;
  select * into v_new from search_unit_states(array[p_unit]);

  with d as materialized (
    select d.*,
      case when d.before_from is null and d.now_from is not null then 'search:match-added'
           when d.before_from is not null and d.now_from is null then 'search:match-removed'
           when d.before_from is not null and d.now_from is not null
            and (d.before_from, d.b_free, d.b_held, d.b_avail, d.b_confirmed, d.b_version, d.b_updated)
                is distinct from (d.now_from, v_new.free_places, v_new.held_places, v_new.available, v_new.last_confirmed_at, v_new.version, v_new.updated_at)
           then 'search:match-changed' end as type
    from search_diff(p_unit, v_old, v_new, null) d
  ),
  unit as (
    select u.name, o.name as provider_name from units u join organisations o on o.id = u.owner_id where u.id = p_unit
  ),
  tally as (
    insert into open_search_tally (search_id, delta)
    select d.search_id, case when d.type = 'search:match-added' then 1 else -1 end
    from d where d.type in ('search:match-added', 'search:match-removed')
  ),
  digest_added as (
    -- added while the owner was not connected: goes into the next e-mail digest (presence by its key)
    insert into open_search_digest as g (search_id, unit_id, available_places, available_from)
    select d.search_id, p_unit, v_new.available, d.now_from from d
    where d.type = 'search:match-added'
      and not exists (select 1 from search_presence p where p.user_id = d.owner_user_id and p.seen_at > now() - interval '90 seconds')
    on conflict (search_id, unit_id) do update set available_places = excluded.available_places, available_from = excluded.available_from
  ),
  digest_changed as (
    update open_search_digest g set available_places = v_new.available, available_from = d.now_from
    from d where d.type = 'search:match-changed' and g.search_id = d.search_id and g.unit_id = p_unit
  ),
  digest_removed as (
    delete from open_search_digest g using d
    where d.type = 'search:match-removed' and g.search_id = d.search_id and g.unit_id = p_unit
  ),
  -- one row per type for all the searches it concerns (server/realtime/grouped-events.ts): each
  -- search's event keeps a number of its own, drawn here from the events' sequence, and the row's
  -- number is the highest of them, so "seq > since" still finds every search event after `since`;
  -- numbered by type, then search, each row's numbers lie above the previous row's: the split rows
  -- give every client its events in number order (nextval is evaluated after the sort)
  numbered as (
    select d.*, nextval('events_seq_seq') as event_seq from d where d.type is not null order by d.type, d.search_id
  ),
  grouped as (
    insert into events (seq, type, rooms, payload) overriding system value
    select max(x.event_seq), x.type, array_agg('search:' || x.search_id order by x.event_seq),
      case when x.type = 'search:match-removed' then jsonb_build_object('unitId', p_unit,
        'searches', jsonb_agg(jsonb_build_array(x.event_seq, x.search_id) order by x.event_seq))
      else jsonb_build_object(
        'unitId', p_unit, 'unitName', min(unit.name), 'providerName', min(unit.provider_name),
        'freePlaces', v_new.free_places, 'heldPlaces', v_new.held_places, 'availablePlaces', v_new.available,
        'lastConfirmedAt', v_new.last_confirmed_at,
        'searches', jsonb_agg(jsonb_build_array(x.event_seq, x.search_id, round(x.distance_km::numeric, 1), x.now_from) order by x.event_seq)) end
    from numbered x left join unit on true
    group by x.type
    returning cardinality(rooms) as n
  )
  select coalesce(sum(g.n), 0) into n from grouped g;

  -- every search now knows the unit's state: no exceptions left, the snapshot is the state
  delete from open_search_matches where unit_id = p_unit;
  delete from search_unit_state where unit_id = p_unit;
  if v_new.unit_id is not null then
    insert into search_unit_state select (v_new).*;
  end if;
  return n;
end $$;
