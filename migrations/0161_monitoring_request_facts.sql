-- Monitoring facts of requests and cases (issue 16, dashboard speed): time to placement, answer
-- times, children without a placement and the providers' own figures read these narrow rows,
-- kept current at write time by the triggers of migrations/functions/monitoring_request_facts.sql,
-- instead of scanning placement_requests and looking up each case's first request.

-- One row per request: what the figures need, with the office's and the unit's district and the
-- unit's (first) type of service as they are now.
create table request_facts (
  request_id uuid primary key references placement_requests (id) on delete cascade,
  office_id uuid not null,
  case_ref text not null,
  office_district text,
  unit_id uuid not null,
  unit_district text,
  provider_id uuid not null,
  service_type text,
  urgency request_urgency not null,
  created_at timestamptz not null,
  answered_at timestamptz,
  closed_at timestamptz,
  -- accepted at some time (status accepted, confirmed, released, or a hold was set)
  accepted boolean not null,
  confirmed boolean not null,
  -- confirmed requests: minutes from the first request of the case (same office and case
  -- reference, created up to the confirmation) to the confirmation
  placement_minutes float8,
  check (confirmed = (placement_minutes is not null))
);
create index request_facts_case on request_facts (office_id, case_ref);
create index request_facts_unit on request_facts (unit_id, created_at);
create index request_facts_created on request_facts (created_at);
create index request_facts_placed on request_facts (closed_at) where confirmed;

-- One row per case (office and case reference) with its requests summed up.
create table case_facts (
  office_id uuid not null,
  case_ref text not null,
  office_district text,
  -- the unit of the case's first request and its (first) type of service
  first_unit_id uuid not null,
  service_type text,
  all_closed boolean not null,
  any_confirmed boolean not null,
  last_closed_at timestamptz,
  -- decline reasons of its requests, one entry per declined request
  reasons text[] not null,
  primary key (office_id, case_ref)
);
create index case_facts_unplaced on case_facts (last_closed_at) where all_closed and not any_confirmed;
create index case_facts_first_unit on case_facts (first_unit_id);

-- the requests so far (the triggers keep them current from here on)
insert into request_facts (request_id, office_id, case_ref, office_district, unit_id, unit_district, provider_id, service_type, urgency,
                           created_at, answered_at, closed_at, accepted, confirmed, placement_minutes)
select r.id, r.office_id, r.case_ref, o.district_ags, r.unit_id, u.district_ags, r.provider_id, u.service_types[1], r.urgency,
       r.created_at, r.answered_at, r.closed_at,
       r.status in ('accepted', 'confirmed', 'released') or r.hold_expires_at is not null,
       r.status = 'confirmed' and r.closed_at is not null,
       case when r.status = 'confirmed' and r.closed_at is not null then
         extract(epoch from r.closed_at - (select min(f.created_at) from placement_requests f
           where f.office_id = r.office_id and f.case_ref = r.case_ref and f.created_at <= r.closed_at)) / 60 end
from placement_requests r join units u on u.id = r.unit_id join organisations o on o.id = r.office_id;
insert into case_facts (office_id, case_ref, office_district, first_unit_id, service_type, all_closed, any_confirmed, last_closed_at, reasons)
select r.office_id, r.case_ref, min(o.district_ags), (array_agg(r.unit_id order by r.created_at))[1], (array_agg(u.service_types[1] order by r.created_at))[1],
       bool_and(r.closed_at is not null), bool_or(r.status = 'confirmed'), max(r.closed_at), array_remove(array_agg(r.decline_reason), null)
from placement_requests r join units u on u.id = r.unit_id join organisations o on o.id = r.office_id
group by r.office_id, r.case_ref;

-- written only by the triggers (security definer): the app reads them
revoke insert, update, delete, truncate on request_facts, case_facts from {{APP_ROLE}};
grant select on request_facts, case_facts to {{APP_ROLE}};
