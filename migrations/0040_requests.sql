-- Placement requests, holds and placements: the handshake between an office and a provider.
-- The last free place is guarded here: units.held_places counts active holds and can never exceed
-- free_places; accepting and confirming are conditional updates under that CHECK.

alter table units add column held_places integer not null default 0 check (held_places >= 0);
alter table units add constraint units_held_within_free check (held_places <= coalesce(free_places, 0));

create type request_status as enum ('open', 'question', 'accepted', 'declined', 'withdrawn', 'released', 'expired', 'confirmed');
create type request_urgency as enum ('emergency', 'regular');

create table decline_reasons (
  code text primary key check (code ~ '^[a-z0-9-]+$'),
  name_de text not null,
  name_en text not null
);
insert into decline_reasons (code, name_de, name_en) values
  ('no-place', 'Kein Platz mehr frei', 'No place left'),
  ('group-fit', 'Passt nicht in die aktuelle Gruppe', 'Does not fit the current group'),
  ('needs-not-covered', 'Bedarf kann nicht abgedeckt werden', 'Needs cannot be covered'),
  ('exclusion', 'Ausschlusskriterium liegt vor', 'An exclusion applies'),
  ('age-gender', 'Alter oder Geschlecht passt nicht', 'Age or gender does not fit'),
  ('staffing', 'Personelle Lage lässt keine Aufnahme zu', 'Staffing does not allow an intake'),
  ('other', 'Anderer Grund', 'Other reason');

create table placement_requests (
  id uuid primary key default gen_random_uuid(),
  -- requests sent together for one child share a group; confirming one closes the others
  group_id uuid not null,
  office_id uuid not null,
  office_kind org_kind not null default 'office' check (office_kind = 'office'),
  created_by uuid not null references users (id),
  unit_id uuid not null references units (id),
  provider_id uuid not null references organisations (id),
  -- pseudonymous: the office's own reference, no name, birth date or address fields exist
  case_ref text not null check (length(btrim(case_ref)) between 1 and 40),
  child_age integer not null check (child_age between 0 and 27),
  child_gender text not null references genders (code),
  needs text[] not null default '{}',
  conditions text[] not null default '{}',   -- exclusion codes that apply to the child
  siblings integer not null default 0 check (siblings between 0 and 10),
  desired_start date not null,
  urgency request_urgency not null,
  note text check (length(note) <= 1000),
  status request_status not null default 'open',
  hold_expires_at timestamptz,
  decline_reason text references decline_reasons (code),
  decline_text text check (length(decline_text) <= 1000),
  answered_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (office_id, office_kind) references organisations (id, kind),
  check (status <> 'accepted' or hold_expires_at is not null),
  check (status <> 'declined' or decline_reason is not null),
  check ((status in ('declined', 'withdrawn', 'released', 'expired', 'confirmed')) = (closed_at is not null))
);
create index placement_requests_office on placement_requests (office_id, created_at desc);
create index placement_requests_provider on placement_requests (provider_id, created_at desc);
create index placement_requests_unit_running on placement_requests (unit_id) where status in ('open', 'question', 'accepted');
create index placement_requests_group on placement_requests (group_id);
create index placement_requests_hold on placement_requests (hold_expires_at) where status = 'accepted';
create index placement_requests_closed on placement_requests (closed_at) where closed_at is not null;

create table request_messages (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references placement_requests (id) on delete cascade,
  author_user_id uuid references users (id),
  author_org_id uuid references organisations (id),
  kind text not null check (kind in ('message', 'question', 'system')),
  body text not null check (length(btrim(body)) between 1 and 2000),
  created_at timestamptz not null default now()
);
create index request_messages_request on request_messages (request_id, created_at);

-- A retried click or network retry returns the stored answer instead of acting twice.
create table idempotency_keys (
  user_id uuid not null references users (id) on delete cascade,
  key text not null check (length(key) between 8 and 100),
  route text not null,
  status integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);
create index idempotency_keys_created on idempotency_keys (created_at);

-- What remains after retention deletes a closed request: anonymous counts for statistics.
create table placement_stats (
  id bigint generated always as identity primary key,
  month date not null,
  district_ags text,
  service_types text[] not null,
  urgency request_urgency not null,
  outcome request_status not null,
  minutes_to_close integer
);

-- Emergency escalation: which requests of a group were sent, and whether the office was told.
create table emergency_escalations (
  group_id uuid primary key,
  office_id uuid not null references organisations (id),
  user_id uuid not null references users (id),
  due_at timestamptz not null,
  ref_lat double precision not null,
  ref_lon double precision not null,
  child_age integer not null,
  child_gender text not null,
  escalated_at timestamptz
);

grant select on decline_reasons to {{APP_ROLE}};
grant select, insert, update, delete on placement_requests, request_messages, idempotency_keys, emergency_escalations to {{APP_ROLE}};
grant select, insert on placement_stats to {{APP_ROLE}};
