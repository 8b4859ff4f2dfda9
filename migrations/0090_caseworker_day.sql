-- The caseworker's day: one running request per case reference and unit (not per office and unit),
-- the search's reference point carried into the request, open searches named after the case,
-- and provider verification recorded item by item.

-- Colleagues may ask the same unit for different children; the same child (case reference) is
-- asked only once at a time. Case references are compared without regard to case.
create unique index placement_requests_one_running_per_case on placement_requests (office_id, unit_id, lower(case_ref))
  where status in ('open', 'question', 'accepted');
create index placement_requests_case on placement_requests (office_id, lower(case_ref), created_at);

-- Where distances were measured from in the search (a postcode or town, never an address).
alter table placement_requests add column reference_label text check (reference_label is null or length(btrim(reference_label)) between 1 and 100);

-- An open search may carry the caseworker's label for it (by default the case reference) and the
-- office's pseudonymous case reference. Kept beside the search, not in it: open_searches holds
-- only matching criteria.
create table open_search_cases (
  search_id uuid primary key references open_searches (id) on delete cascade,
  office_id uuid not null references organisations (id),
  label text check (label is null or length(btrim(label)) between 1 and 80),
  case_ref text check (case_ref is null or length(btrim(case_ref)) between 1 and 40),
  check (label is not null or case_ref is not null)
);
create index open_search_cases_case on open_search_cases (office_id, lower(case_ref)) where case_ref is not null;
grant select, insert, update, delete on open_search_cases to {{APP_ROLE}};

-- Who verified a provider, when, and which items were checked; every verification is kept.
create table provider_verifications (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  verified_by uuid not null references users (id),
  verified_at timestamptz not null default now(),
  licence_ref text not null check (length(btrim(licence_ref)) between 2 and 100),
  licence_checked boolean not null check (licence_checked),
  address_checked boolean not null check (address_checked),
  contact_checked boolean not null check (contact_checked),
  units_checked boolean not null check (units_checked),
  note text check (note is null or length(note) <= 1000)
);
create index provider_verifications_org on provider_verifications (organisation_id, verified_at desc);
grant select, insert on provider_verifications to {{APP_ROLE}};

-- "(noch nicht geprüft)" was part of a demo provider's name: it is a status, shown from verified_at.
update organisations set name = btrim(replace(name, '(noch nicht geprüft)', '')) where name like '%(noch nicht geprüft)%';
