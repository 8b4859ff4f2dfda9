-- Repeatable: applied after the numbered migrations and again whenever this file changes
-- (server/migrate.ts). Edit the functions here; never redefine them in a numbered migration.

-- request_facts and case_facts (migrations/0161_monitoring_request_facts.sql) of a case (office and
-- case reference) are written again from placement_requests whenever one of its requests changes: a
-- case's figures depend on all its requests (its first request, whether one was confirmed).
--
-- They are written at commit, not by the statement that changed the request: the writes lock the
-- facts rows of the whole case, and held from the statement to the commit they made every other
-- transaction on a request of the same case wait behind it, while it still held its unit's row
-- (reserve_contention: 200 racing accepts over 20 offices' cases took 8-20 s, with lock timeouts).
-- The statement only notes the changed cases in the transaction (hpb.facts_cases, a JSON array
-- of [office_id, case_ref]); the first deferred row trigger at commit takes one advisory lock per
-- case, in a fixed order (no deadlock between two transactions), and writes them. Each statement
-- after the lock reads placement_requests afresh (read committed), so a transaction that wrote the
-- same case just before is seen: two concurrent changes of one case never overwrite each other.

-- The three functions below plan their statements once per connection (force_generic_plan): their
-- parameters (a JSON array of cases, a transition table) tell the planner nothing a value would, and
-- planned anew for each of a connection's first executions (PL/pgSQL's custom plans) they cost more
-- than they run, at commit, while the transaction still holds its unit's row (reserve_contention).

-- the statement-level trigger: note the changed cases
create or replace function monitoring_request_facts_mark() returns trigger language plpgsql security definer
set search_path = public set plan_cache_mode = force_generic_plan as $$
declare
  noted jsonb := coalesce(nullif(current_setting('hpb.facts_cases', true), '')::jsonb, '[]'::jsonb);
begin
  select coalesce(jsonb_agg(distinct k), '[]'::jsonb) into noted from (
    select jsonb_array_elements(noted) as k
    union select distinct jsonb_build_array(office_id, case_ref) from changed_rows) s;
  perform set_config('hpb.facts_cases', noted::text, true);
  return null;
end $$;

-- the deferred row trigger: the first one at commit writes every noted case, the others find none
create or replace function monitoring_request_facts_flush() returns trigger language plpgsql security definer
set search_path = public set plan_cache_mode = force_generic_plan as $$
declare
  noted jsonb := nullif(current_setting('hpb.facts_cases', true), '')::jsonb;
begin
  if noted is null or jsonb_array_length(noted) = 0 then return null; end if;
  perform set_config('hpb.facts_cases', '', true);
  perform pg_advisory_xact_lock(4242031, hashtext(k ->> 0 || ':' || (k ->> 1)))
    from (select k from jsonb_array_elements(noted) k order by k ->> 0, k ->> 1) s;
  perform monitoring_request_facts_write(noted);
  return null;
end $$;

-- writes the facts of the given cases ([[office_id, case_ref], ...]) from placement_requests as it is
create or replace function monitoring_request_facts_write(p_cases jsonb) returns void language plpgsql security definer
set search_path = public set plan_cache_mode = force_generic_plan as $$
begin
  delete from request_facts f where (f.office_id, f.case_ref) in (select (k ->> 0)::uuid, k ->> 1 from jsonb_array_elements(p_cases) k);
  delete from case_facts f where (f.office_id, f.case_ref) in (select (k ->> 0)::uuid, k ->> 1 from jsonb_array_elements(p_cases) k);
  insert into request_facts (request_id, office_id, case_ref, office_district, unit_id, unit_district, provider_id, service_type, urgency,
                             created_at, answered_at, closed_at, accepted, confirmed, placement_minutes)
  select r.id, r.office_id, r.case_ref, o.district_ags, r.unit_id, u.district_ags, r.provider_id, u.service_types[1], r.urgency,
         r.created_at, r.answered_at, r.closed_at,
         r.status in ('accepted', 'confirmed', 'released') or r.hold_expires_at is not null,
         r.status = 'confirmed' and r.closed_at is not null,
         case when r.status = 'confirmed' and r.closed_at is not null then
           extract(epoch from r.closed_at - (select min(f.created_at) from placement_requests f
             where f.office_id = r.office_id and f.case_ref = r.case_ref and f.created_at <= r.closed_at)) / 60 end
  from placement_requests r join units u on u.id = r.unit_id join organisations o on o.id = r.office_id
  where (r.office_id, r.case_ref) in (select (k ->> 0)::uuid, k ->> 1 from jsonb_array_elements(p_cases) k);
  insert into case_facts (office_id, case_ref, office_district, first_unit_id, service_type, all_closed, any_confirmed, last_closed_at, reasons)
  select r.office_id, r.case_ref, min(o.district_ags), (array_agg(r.unit_id order by r.created_at))[1], (array_agg(u.service_types[1] order by r.created_at))[1],
         bool_and(r.closed_at is not null), bool_or(r.status = 'confirmed'), max(r.closed_at), array_remove(array_agg(r.decline_reason), null)
  from placement_requests r join units u on u.id = r.unit_id join organisations o on o.id = r.office_id
  where (r.office_id, r.case_ref) in (select (k ->> 0)::uuid, k ->> 1 from jsonb_array_elements(p_cases) k)
  group by r.office_id, r.case_ref;
end $$;

-- A unit's district or first type of service changes what its requests count under.
create or replace function monitoring_request_facts_unit() returns trigger language plpgsql security definer
set search_path = public as $$
begin
  update request_facts set unit_district = new.district_ags, service_type = new.service_types[1] where unit_id = new.id;
  update case_facts set service_type = new.service_types[1] where first_unit_id = new.id;
  return null;
end $$;

-- An office's district changes where its requests and cases count.
create or replace function monitoring_request_facts_office() returns trigger language plpgsql security definer
set search_path = public as $$
begin
  update request_facts set office_district = new.district_ags where office_id = new.id;
  update case_facts set office_district = new.district_ags where office_id = new.id;
  return null;
end $$;

drop trigger if exists placement_requests_facts_ins on placement_requests;
drop trigger if exists placement_requests_facts_del on placement_requests;
drop trigger if exists placement_requests_facts_upd_old on placement_requests;
drop trigger if exists placement_requests_facts_upd_new on placement_requests;
drop trigger if exists placement_requests_facts_flush on placement_requests;
drop function if exists monitoring_request_facts_refresh();
create trigger placement_requests_facts_ins after insert on placement_requests referencing new table as changed_rows
  for each statement execute function monitoring_request_facts_mark();
create trigger placement_requests_facts_del after delete on placement_requests referencing old table as changed_rows
  for each statement execute function monitoring_request_facts_mark();
-- an update may move a request to another case: the old and the new case are written again
create trigger placement_requests_facts_upd_old after update on placement_requests referencing old table as changed_rows
  for each statement execute function monitoring_request_facts_mark();
create trigger placement_requests_facts_upd_new after update on placement_requests referencing new table as changed_rows
  for each statement execute function monitoring_request_facts_mark();
create constraint trigger placement_requests_facts_flush after insert or update or delete on placement_requests
  deferrable initially deferred for each row execute function monitoring_request_facts_flush();

drop trigger if exists units_request_facts on units;
create trigger units_request_facts after update of service_types, district_ags on units for each row
  when (old.service_types[1] is distinct from new.service_types[1] or old.district_ags is distinct from new.district_ags)
  execute function monitoring_request_facts_unit();
drop trigger if exists organisations_request_facts on organisations;
create trigger organisations_request_facts after update of district_ags on organisations for each row
  when (old.district_ags is distinct from new.district_ags)
  execute function monitoring_request_facts_office();
