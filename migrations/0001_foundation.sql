-- Foundation: extensions, the application role, organisations, users, sessions, API tokens,
-- the append-only audit log and the event table behind realtime sequence numbers.

create extension if not exists citext;
create extension if not exists cube;
create extension if not exists earthdistance;
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- The application works as this role (SET at connection start). It owns nothing, so it can neither
-- alter the schema nor the audit log; migrations run as the connecting owner.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = '{{APP_ROLE}}') then
    create role {{APP_ROLE}} nologin;
  end if;
  begin
    execute format('grant %I to %I', '{{APP_ROLE}}', current_user);
  exception when others then
    null; -- superusers need no membership; a role that cannot grant must already be a member
  end;
end $$;

grant usage on schema public to {{APP_ROLE}};
alter default privileges in schema public grant select, insert, update, delete on tables to {{APP_ROLE}};
alter default privileges in schema public grant usage, select on sequences to {{APP_ROLE}};
alter default privileges in schema public grant execute on functions to {{APP_ROLE}};

-- Kreise and kreisfreie Städte (AGS). Rows come in 0002.
create table districts (
  ags text primary key check (ags ~ '^\d{5}$'),
  name text not null,
  kind text not null check (kind in ('Kreisfreie Stadt', 'Landkreis', 'Kreis', 'Regionalverband', 'Stadtkreis')),
  state_code text not null check (state_code ~ '^\d{2}$'),
  population integer check (population >= 0)
);

create type org_kind as enum ('office', 'provider', 'platform');

create table organisations (
  id uuid primary key default gen_random_uuid(),
  kind org_kind not null,
  name text not null check (length(btrim(name)) between 2 and 200),
  district_ags text references districts (ags),
  email citext check (email is null or email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text check (phone is null or phone ~ '^\+?[0-9 ()/-]{4,30}$'),
  emergency_phone text check (emergency_phone is null or emergency_phone ~ '^\+?[0-9 ()/-]{4,30}$'),
  website text check (website is null or website ~ '^https?://'),
  street text,
  postcode text check (postcode is null or postcode ~ '^\d{5}$'),
  city text,
  verified_at timestamptz,
  verified_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, kind),
  -- an office serves exactly one district
  check (kind <> 'office' or district_ags is not null)
);
create index organisations_kind on organisations (kind);

create type user_role as enum ('caseworker', 'oncall', 'office_admin', 'provider_staff', 'provider_admin', 'platform_admin');

create table users (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null,
  org_kind org_kind not null,
  email citext not null unique check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  display_name text not null check (length(btrim(display_name)) between 1 and 120),
  role user_role not null,
  password_hash text not null,
  locale text not null default 'de' check (locale in ('de', 'en')),
  disabled_at timestamptz,
  failed_logins integer not null default 0 check (failed_logins >= 0),
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (organisation_id, org_kind) references organisations (id, kind),
  -- a role belongs to one kind of organisation
  check (
    (org_kind = 'office' and role in ('caseworker', 'oncall', 'office_admin'))
    or (org_kind = 'provider' and role in ('provider_staff', 'provider_admin'))
    or (org_kind = 'platform' and role = 'platform_admin')
  )
);
create index users_organisation on users (organisation_id);

create table sessions (
  id text primary key, -- HMAC of the cookie value; the cookie value itself is never stored
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ip inet,
  user_agent text
);
create index sessions_user on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null,
  org_kind org_kind not null default 'provider' check (org_kind = 'provider'),
  name text not null check (length(btrim(name)) between 1 and 100),
  token_hash text not null unique,
  prefix text not null,
  created_by uuid not null references users (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  foreign key (organisation_id, org_kind) references organisations (id, kind)
);
create index api_tokens_org on api_tokens (organisation_id);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_kind text not null check (actor_kind in ('user', 'token', 'system', 'anonymous')),
  actor_user_id uuid,
  actor_token_id uuid,
  actor_org_id uuid,
  action text not null,
  outcome text not null default 'ok' check (outcome in ('ok', 'denied', 'failed')),
  object_type text,
  object_id text,
  ip inet,
  request_id text,
  details jsonb not null default '{}'
);
create index audit_log_object on audit_log (object_type, object_id);
create index audit_log_org_at on audit_log (actor_org_id, at);

-- Append only, twice over: the application role lacks the privileges, and a trigger refuses
-- updates and deletes from anyone who has them.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();

-- Every announced change. seq is the sequence number clients resume from after a reconnect.
-- The NOTIFY fires only when the inserting transaction commits, so nothing is announced for a
-- rollback, and every app node hears it.
create table events (
  seq bigint generated always as identity primary key,
  at timestamptz not null default now(),
  type text not null check (type ~ '^[a-z]+:[a-z-]+$'),
  rooms text[] not null check (cardinality(rooms) > 0),
  payload jsonb not null
);
create index events_rooms on events using gin (rooms);
create index events_at on events (at);

create function events_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('hpb_events', new.seq::text);
  return null;
end $$;
create trigger events_notify after insert on events for each row execute function events_notify();

grant select, insert, update, delete on districts, organisations, users, sessions, api_tokens, events to {{APP_ROLE}};
grant select, insert on audit_log to {{APP_ROLE}};
grant usage, select on all sequences in schema public to {{APP_ROLE}};
revoke update, delete, truncate on audit_log from {{APP_ROLE}};
revoke all on schema_migrations from {{APP_ROLE}};
grant select on schema_migrations to {{APP_ROLE}};
