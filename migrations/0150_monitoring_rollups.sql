-- Monitoring rollups (issue 16): daily summaries of search_log and placement_requests, so the
-- dashboards read a few hundred summary rows instead of a year of raw rows.
--
-- A day (UTC) is read from its summary only while it is recorded in monitoring_rollup_days for
-- that source; any write to a raw row of a day removes the record (triggers in
-- migrations/functions/monitoring_rollup_dirty.sql), and until the job monitoring.rollup has
-- summarised it again the figures count that day from the raw rows. Today is always raw.

create table monitoring_rollup_days (
  source text not null check (source in ('searches', 'requests')),
  day date not null,
  rolled_at timestamptz not null default now(),
  primary key (source, day)
);

-- Searches of a day by one dimension: per office (whole = false) and over all offices (whole = true).
-- dim: total, kind, serviceType, ageBand, gender, need, district, hour (Europe/Berlin), constraint (empty only).
create table search_day_dims (
  day date not null,
  whole boolean not null,
  office_id uuid,
  district_ags text,
  dim text not null check (dim in ('total', 'kind', 'serviceType', 'ageBand', 'gender', 'need', 'district', 'hour', 'constraint')),
  key text not null,
  searches integer not null check (searches >= 0),
  empty integer not null check (empty >= 0 and empty <= searches),
  relaxed_found integer not null check (relaxed_found >= 0),
  check (not whole or (office_id is null and district_ags is null))
);
-- by day: the national rows of a period, and a day's rows when it is summarised again
create index search_day_dims_day on search_day_dims (day, whole);
create index search_day_dims_district on search_day_dims (district_ags, day) where not whole;
create index search_day_dims_office on search_day_dims (office_id, day) where not whole;

-- Empty searches of a day by their criteria and binding constraint; per office with the rounded
-- reference point (for the providers' "demand around you"), and over all offices without it.
create table search_day_empty (
  day date not null,
  whole boolean not null,
  office_id uuid,
  district_ags text,
  service_type text,
  age_band text not null,
  gender text,
  needs text[] not null,
  binding_constraint text,
  ref_lat numeric(4, 1),
  ref_lon numeric(4, 1),
  searches integer not null check (searches > 0),
  -- null when no search of the cell recorded what relaxing found (as sum() over the raw rows)
  relaxed_found integer check (relaxed_found >= 0),
  check (not whole or (office_id is null and district_ags is null and ref_lat is null))
);
create index search_day_empty_day on search_day_empty (day, whole);
create index search_day_empty_district on search_day_empty (district_ags, day) where not whole;
create index search_day_empty_office on search_day_empty (office_id, day) where not whole;

-- Requests of a day (a group sent together counts once) by one dimension and urgency,
-- per office and over all offices; same dimensions as searches except constraint.
create table request_day_dims (
  day date not null,
  whole boolean not null,
  office_id uuid,
  district_ags text,
  urgency request_urgency not null,
  dim text not null check (dim in ('total', 'serviceType', 'ageBand', 'gender', 'need', 'district', 'hour')),
  key text not null,
  requests integer not null check (requests > 0),
  check (not whole or (office_id is null and district_ags is null))
);
create index request_day_dims_day on request_day_dims (day, whole);
create index request_day_dims_district on request_day_dims (district_ags, day) where not whole;
create index request_day_dims_office on request_day_dims (office_id, day) where not whole;

-- The supply trend over all districts, one row per snapshot (the national series without a scan of every district).
create table supply_snapshot_totals (
  taken_at timestamptz primary key,
  units integer not null check (units >= 0),
  free_places integer not null check (free_places >= 0),
  held_places integer not null check (held_places >= 0 and held_places <= free_places)
);
insert into supply_snapshot_totals (taken_at, units, free_places, held_places)
  select taken_at, sum(units), sum(free_places), sum(held_places) from supply_snapshots where service_type = '*' group by 1;

-- the raw figures read requests by time and a case's first request (same office and case reference)
create index placement_requests_created on placement_requests (created_at);
create index placement_requests_case_exact on placement_requests (office_id, case_ref, created_at);

grant select, insert, delete on monitoring_rollup_days, search_day_dims, search_day_empty, request_day_dims to {{APP_ROLE}};
grant select, insert, update, delete on supply_snapshot_totals to {{APP_ROLE}};
