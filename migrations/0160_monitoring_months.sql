-- Monthly monitoring summaries (issue 16, dashboard speed): the sums of the daily summaries of
-- migration 0150 over a whole UTC month, so a period of a year reads about twelve rows per
-- dimension and key instead of 365.
--
-- A month is read from its summary only while it is recorded in monitoring_rollup_months for that
-- source. The job monitoring.rollup summarises a month once it is over and every one of its days
-- has a current daily summary; any write to a raw row of the month removes the record (the
-- triggers of migrations/functions/monitoring_rollup_dirty.sql), and the figures then read the
-- month's daily summaries and raw rows until the job has summarised it again.

create table monitoring_rollup_months (
  source text not null check (source in ('searches', 'requests')),
  month date not null check (month = date_trunc('month', month)::date),
  rolled_at timestamptz not null default now(),
  primary key (source, month)
);

create table search_month_dims (
  month date not null,
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
create index search_month_dims_month on search_month_dims (month, whole);
create index search_month_dims_district on search_month_dims (district_ags, month) where not whole;
create index search_month_dims_office on search_month_dims (office_id, month) where not whole;

create table search_month_empty (
  month date not null,
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
  relaxed_found integer check (relaxed_found >= 0),
  check (not whole or (office_id is null and district_ags is null and ref_lat is null))
);
create index search_month_empty_month on search_month_empty (month, whole);
create index search_month_empty_district on search_month_empty (district_ags, month) where not whole;
create index search_month_empty_office on search_month_empty (office_id, month) where not whole;

-- Empty searches of a day and of a month by rounded reference point and criteria, over all
-- offices: the providers' "demand around you" reads the points near its units first.
create table search_day_points (
  day date not null,
  ref_lat numeric(4, 1) not null,
  ref_lon numeric(4, 1) not null,
  service_type text,
  age_band text not null,
  gender text,
  needs text[] not null,
  searches integer not null check (searches > 0)
);
create index search_day_points_day on search_day_points (day);
create index search_day_points_point on search_day_points (ref_lat, ref_lon, day);
-- the days summarised so far get their points from their per-office empty cells
insert into search_day_points (day, ref_lat, ref_lon, service_type, age_band, gender, needs, searches)
  select day, ref_lat, ref_lon, service_type, age_band, gender, needs, sum(searches) from search_day_empty
  where not whole and ref_lat is not null group by day, ref_lat, ref_lon, service_type, age_band, gender, needs;
create table search_month_points (
  month date not null,
  ref_lat numeric(4, 1) not null,
  ref_lon numeric(4, 1) not null,
  service_type text,
  age_band text not null,
  gender text,
  needs text[] not null,
  searches integer not null check (searches > 0)
);
create index search_month_points_month on search_month_points (month);
create index search_month_points_point on search_month_points (ref_lat, ref_lon, month);

create table request_month_dims (
  month date not null,
  whole boolean not null,
  office_id uuid,
  district_ags text,
  urgency request_urgency not null,
  dim text not null check (dim in ('total', 'serviceType', 'ageBand', 'gender', 'need', 'district', 'hour')),
  key text not null,
  requests integer not null check (requests > 0),
  check (not whole or (office_id is null and district_ags is null))
);
create index request_month_dims_month on request_month_dims (month, whole);
create index request_month_dims_district on request_month_dims (district_ags, month) where not whole;
create index request_month_dims_office on request_month_dims (office_id, month) where not whole;

grant select, insert, delete on monitoring_rollup_months, search_month_dims, search_month_empty, search_day_points,
  search_month_points, request_month_dims to {{APP_ROLE}};
