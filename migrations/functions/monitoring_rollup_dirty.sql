-- Repeatable: applied after the numbered migrations and again whenever this file changes
-- (server/migrate.ts). Edit the functions here; never redefine them in a numbered migration.

-- A write to a raw row of a summarised day takes that day out of monitoring_rollup_days, so the
-- figures count it from the raw rows until the job monitoring.rollup summarises it again
-- (migrations/0150_monitoring_rollups.sql); the month of that day loses its monthly summary
-- record too (0160_monitoring_months.sql). Statement-level: one delete per table and statement.
create or replace function monitoring_searches_dirty() returns trigger language plpgsql as $$
begin
  delete from monitoring_rollup_days d where d.source = 'searches' and d.day in (
    select (searched_at at time zone 'UTC')::date from changed_rows);
  delete from monitoring_rollup_months m where m.source = 'searches' and m.month in (
    select date_trunc('month', searched_at at time zone 'UTC')::date from changed_rows);
  return null;
end $$;

-- A request counts on the day it was created (demand, answer times) and on the day it was
-- closed (placements, cases without placement): both days become raw again.
create or replace function monitoring_requests_dirty() returns trigger language plpgsql as $$
begin
  delete from monitoring_rollup_days d where d.source = 'requests' and d.day in (
    select (created_at at time zone 'UTC')::date from changed_rows
    union select (closed_at at time zone 'UTC')::date from changed_rows where closed_at is not null);
  delete from monitoring_rollup_months m where m.source = 'requests' and m.month in (
    select date_trunc('month', created_at at time zone 'UTC')::date from changed_rows
    union select date_trunc('month', closed_at at time zone 'UTC')::date from changed_rows where closed_at is not null);
  return null;
end $$;

drop trigger if exists search_log_rollup_ins on search_log;
drop trigger if exists search_log_rollup_del on search_log;
drop trigger if exists search_log_rollup_upd on search_log;
create trigger search_log_rollup_ins after insert on search_log referencing new table as changed_rows
  for each statement execute function monitoring_searches_dirty();
create trigger search_log_rollup_del after delete on search_log referencing old table as changed_rows
  for each statement execute function monitoring_searches_dirty();
create trigger search_log_rollup_upd after update on search_log referencing new table as changed_rows
  for each statement execute function monitoring_searches_dirty();

drop trigger if exists placement_requests_rollup_ins on placement_requests;
drop trigger if exists placement_requests_rollup_del on placement_requests;
drop trigger if exists placement_requests_rollup_upd_old on placement_requests;
drop trigger if exists placement_requests_rollup_upd_new on placement_requests;
create trigger placement_requests_rollup_ins after insert on placement_requests referencing new table as changed_rows
  for each statement execute function monitoring_requests_dirty();
create trigger placement_requests_rollup_del after delete on placement_requests referencing old table as changed_rows
  for each statement execute function monitoring_requests_dirty();
-- an update may move a request's closing day: both the old and the new day become raw
create trigger placement_requests_rollup_upd_old after update on placement_requests referencing old table as changed_rows
  for each statement execute function monitoring_requests_dirty();
create trigger placement_requests_rollup_upd_new after update on placement_requests referencing new table as changed_rows
  for each statement execute function monitoring_requests_dirty();
