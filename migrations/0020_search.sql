-- Search and realtime matching: open searches, their current
-- match sets, reverse matching run at commit of every availability change, presence and digests.

-- Available places are free_places - units.held_places. held_places (the requests feature's holds)
-- is added by migration 0040; the functions below are PL/pgSQL, resolved when first run, after
-- every migration has been applied.

-- A search a caseworker keeps open. Criteria only, never a child's identity. The hard criteria are
-- also kept as columns so that reverse matching (which searches does this unit now satisfy?) is an
-- indexed query, not a loop.
create table open_searches (
  id uuid primary key default gen_random_uuid(),
  office_id uuid not null,
  office_kind org_kind not null default 'office' check (office_kind = 'office'),
  owner_user_id uuid not null references users (id) on delete cascade,
  criteria jsonb not null,            -- as entered and validated (for display and re-running)
  reference jsonb,                    -- the resolved reference point {lat, lon, label, source, approximate}
  service_type text references service_types (code),
  age integer not null check (age between 0 and 27),
  gender text references genders (code),
  needs text[] not null default '{}',
  conditions text[] not null default '{}',   -- exclusion codes that apply to the child
  secure_setting boolean not null default false,
  siblings integer not null default 0 check (siblings between 0 and 10),
  emergency_intake boolean not null default false,
  available_by date,
  ref_lat double precision check (ref_lat between -90 and 90),
  ref_lon double precision check (ref_lon between -180 and 180),
  radius_km double precision check (radius_km > 0 and radius_km <= 1000),
  include_stale boolean not null default false,
  stale_after interval not null check (stale_after > interval '0'),   -- FRESHNESS_HIDDEN_DAYS when opened
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  closed_at timestamptz,
  close_reason text check (close_reason in ('closed', 'expired')),
  foreign key (office_id, office_kind) references organisations (id, kind),
  check ((ref_lat is null) = (ref_lon is null)),
  check (radius_km is null or ref_lat is not null),
  check ((closed_at is null) = (close_reason is null)),
  check (expires_at > created_at)
);
create index open_searches_office on open_searches (office_id, created_at desc);
create index open_searches_owner_open on open_searches (owner_user_id) where closed_at is null;
create index open_searches_expiry on open_searches (expires_at) where closed_at is null;
-- Each radius search as the bounding box of its circle: "which open circles contain this unit"
-- is a GiST lookup. Searches without a radius are few and have their own partial index.
create index open_searches_area on open_searches
  using gist (earth_box(ll_to_earth(ref_lat, ref_lon), radius_km * 1000))
  where closed_at is null and radius_km is not null;
create index open_searches_national on open_searches (age) where closed_at is null and radius_km is null;

-- The units each open search currently matches, with the figures last announced for them, so
-- every change can be told apart as added, removed or changed.
create table open_search_matches (
  search_id uuid not null references open_searches (id) on delete cascade,
  unit_id uuid not null references units (id) on delete cascade,
  free_places integer,
  held_places integer not null,
  available_places integer not null,
  available_from date not null,
  last_confirmed_at timestamptz,
  unit_version integer not null,
  unit_updated_at timestamptz not null,
  matched_at timestamptz not null default now(),
  -- added while the owner was not connected: goes into the next e-mail digest
  digest_pending boolean not null default false,
  primary key (search_id, unit_id)
);
create index open_search_matches_unit on open_search_matches (unit_id);
create index open_search_matches_digest on open_search_matches (search_id) where digest_pending;

-- Which users have a live socket, per socket, refreshed by each node while connected. Rows of a
-- crashed node simply age out.
create table search_presence (
  socket_id text primary key,
  user_id uuid not null references users (id) on delete cascade,
  node_id text not null,
  seen_at timestamptz not null default now()
);
create index search_presence_user on search_presence (user_id, seen_at);

-- Throttle of the e-mail digest, per owner.
create table search_digests (
  user_id uuid primary key references users (id) on delete cascade,
  last_sent_at timestamptz not null
);

-- Events whose reverse matching failed; the sweep job retries them.
create table search_rematch_retry (
  event_seq bigint primary key,
  failed_at timestamptz not null default now(),
  attempts integer not null default 1,
  error text not null
);

-- Open searches a unit satisfies now, with when it is available for each and how far it is.
-- The same hard criteria as the forward search (server/features/search/queries.ts); both are
-- checked against one reference filter in tests/unit/search-*.test.ts.
create function search_affected(p_unit uuid)
returns table (search_id uuid, available_from date, distance_km double precision)
language plpgsql stable as $$
#variable_conflict use_column
begin
  return query
  with u as (
    select u.id, u.service_types, u.age_min, u.age_max, u.genders, u.specialisations, u.exclusions,
           u.secure_setting, u.siblings_max, u.emergency_intake, u.last_confirmed_at,
           ll_to_earth(u.lat, u.lon) as pt,
           u.free_places - u.held_places as available
    from units u
    join organisations o on o.id = u.owner_id
    left join facilities f on f.id = u.facility_id
    where u.id = p_unit and u.archived_at is null and u.capacity_total is not null
      and (o.kind <> 'provider' or o.verified_at is not null)
      and (f.id is null or f.archived_at is null)
  ),
  cand as (
    select s.*, u.available, u.pt,
           earth_distance(ll_to_earth(s.ref_lat, s.ref_lon), u.pt) as dist_m
    from u join open_searches s
      on s.closed_at is null and s.radius_km is not null
     and earth_box(ll_to_earth(s.ref_lat, s.ref_lon), s.radius_km * 1000) @> u.pt
    union all
    select s.*, u.available, u.pt,
           case when s.ref_lat is null then null else earth_distance(ll_to_earth(s.ref_lat, s.ref_lon), u.pt) end
    from u join open_searches s
      on s.closed_at is null and s.radius_km is null
     and s.age between u.age_min and u.age_max
  )
  select c.id,
         case when c.available >= greatest(c.siblings, 1) then current_date
              else greatest(r.reach, current_date) end,
         c.dist_m / 1000.0
  from cand c
  cross join u
  left join lateral (
    select min(x.available_from) as reach from (
      select pv.available_from, sum(pv.places) over (order by pv.available_from) as cum
      from planned_vacancies pv
      where pv.unit_id = u.id and c.available_by is not null and pv.available_from <= c.available_by
    ) x where c.available + x.cum >= greatest(c.siblings, 1)
  ) r on true
  where c.expires_at > now()
    and (c.service_type is null or c.service_type = any (u.service_types))
    and c.age between u.age_min and u.age_max
    and (c.gender is null or c.gender = any (u.genders))
    and u.specialisations @> c.needs
    and not (u.exclusions && c.conditions)
    and (not c.secure_setting or u.secure_setting)
    and (c.siblings < 2 or u.siblings_max >= c.siblings)
    and (not c.emergency_intake or u.emergency_intake)
    and (c.include_stale or u.last_confirmed_at > now() - c.stale_after)
    and (c.radius_km is null or c.dist_m <= c.radius_km * 1000)
    and (c.available >= greatest(c.siblings, 1) or r.reach is not null);
end $$;

-- Brings every open search's match set up to date with one unit's committed state and records
-- search:match-added / -removed / -changed events for the rooms of the affected searches.
-- Returns the number of events written.
create function search_rematch_unit(p_unit uuid) returns integer
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
           u.free_places - u.held_places as available,
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
           not exists (select 1 from open_searches s join search_presence p on p.user_id = s.owner_user_id
                       where s.id = nm.search_id and p.seen_at > now() - interval '90 seconds')
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

-- Runs at commit of every transaction that announced a change of a unit (vacancy:changed) or of
-- an organisation (organisation:changed, e.g. verification withdrawn), so the match events are
-- committed atomically with the change, exactly once, whichever node made it. A failure never
-- blocks the provider's change: it is recorded and retried by the sweep job.
create function events_search_rematch() returns trigger language plpgsql as $$
begin
  begin
    if new.type = 'vacancy:changed' then
      perform search_rematch_unit((new.payload ->> 'unitId')::uuid);
    elsif new.type = 'organisation:changed' then
      perform search_rematch_unit(u.id) from units u where u.owner_id = (new.payload ->> 'organisationId')::uuid;
    end if;
  exception when others then
    raise warning 'search rematch for event % failed: %', new.seq, sqlerrm;
    insert into search_rematch_retry (event_seq, error) values (new.seq, sqlerrm)
      on conflict (event_seq) do update set attempts = search_rematch_retry.attempts + 1, error = excluded.error, failed_at = now();
  end;
  return null;
end $$;

create constraint trigger events_search_rematch after insert on events
  deferrable initially deferred
  for each row when (new.type in ('vacancy:changed', 'organisation:changed'))
  execute function events_search_rematch();

grant select, insert, update, delete on open_searches, open_search_matches, search_presence, search_digests, search_rematch_retry to {{APP_ROLE}};
