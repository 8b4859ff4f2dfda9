-- Monitoring (issue 16): anonymous search records, supply snapshots, unit appearances.
-- Nothing here identifies a child: no case reference, no free text, no exact reference point.

-- One row per ad-hoc search (first page only): criteria, result count, office and time.
create table search_log (
  id bigint generated always as identity primary key,
  searched_at timestamptz not null default now(),
  office_id uuid references organisations (id) on delete set null,
  district_ags text references districts (ags),
  service_type text,
  age integer not null check (age between 0 and 27),
  gender text,
  needs text[] not null default '{}',
  conditions text[] not null default '{}',
  secure_setting boolean not null default false,
  siblings integer not null default 0 check (siblings between 0 and 10),
  emergency_intake boolean not null default false,
  radius_km integer,
  -- reference point rounded to 0.1 degree (~10 km): enough for "within 50 km", never an address
  ref_lat numeric(4, 1),
  ref_lon numeric(4, 1),
  result_count integer not null check (result_count >= 0),
  -- for empty searches: the criterion whose removal finds units, and how many it finds
  binding_constraint text check (binding_constraint in ('radius', 'age', 'gender', 'needs', 'conditions', 'secure', 'siblings', 'emergency', 'serviceType', 'none')),
  relaxed_found integer check (relaxed_found >= 0),
  check ((ref_lat is null) = (ref_lon is null)),
  check (binding_constraint is null or result_count = 0)
);
create index search_log_time on search_log (searched_at);
create index search_log_district on search_log (district_ags, searched_at);
create index search_log_empty on search_log (searched_at) where result_count = 0;

-- Supply by district and type of service, taken every hour by the job monitoring.snapshot.
create table supply_snapshots (
  taken_at timestamptz not null,
  district_ags text not null references districts (ags),
  service_type text not null,
  units integer not null check (units >= 0),
  free_places integer not null check (free_places >= 0),
  held_places integer not null check (held_places >= 0 and held_places <= free_places),
  primary key (taken_at, district_ags, service_type)
);
create index supply_snapshots_district on supply_snapshots (district_ags, taken_at);

-- How often a unit appeared on the first page of a search, per day (the provider's "appearances").
create table unit_appearances (
  day date not null,
  unit_id uuid not null references units (id) on delete cascade,
  count integer not null check (count > 0),
  primary key (unit_id, day)
);

-- The centre of each district (mean of its postcodes): the "region around" an office.
create table district_centres (
  ags text primary key references districts (ags),
  lat double precision not null,
  lon double precision not null
);
insert into district_centres (ags, lat, lon)
  select pd.district_ags, avg(p.lat), avg(p.lon)
  from postcode_districts pd join postcodes p on p.code = pd.code
  group by pd.district_ags;

grant select, insert, delete on search_log, supply_snapshots to {{APP_ROLE}};
grant select, insert, update, delete on unit_appearances to {{APP_ROLE}};
grant select on district_centres to {{APP_ROLE}};
