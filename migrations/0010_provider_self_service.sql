-- Provider self-service: references for providers' own software, the freshness state the reminder
-- job announces, reminder throttling, and helpers other features use to know whether a unit is
-- stale and whether it may be shown outside its own organisation.

-- A provider's own key for a unit (its software's id), used by the bulk API and the CSV upload.
alter table units add column external_ref text
  check (external_ref is null or external_ref ~ '^[A-Za-z0-9._:/-]{1,64}$');
create unique index units_owner_external_ref on units (owner_id, external_ref) where external_ref is not null;

-- The freshness the reminder job last announced (vacancy:changed, reason 'stale'). The truth at any
-- moment is unit_freshness(last_confirmed_at, ...); this column only remembers what was announced so
-- each transition is announced once. A confirmation resets it to 'fresh'.
alter table units add column freshness_state text not null default 'fresh'
  check (freshness_state in ('fresh', 'unconfirmed', 'hidden'));
alter table units add column freshness_state_at timestamptz;
create index units_last_confirmed on units (last_confirmed_at) where archived_at is null and capacity_total is not null;

-- One reminder per provider per unconfirmed period.
create table freshness_reminders (
  provider_id uuid primary key references organisations (id) on delete cascade,
  last_sent_at timestamptz not null,
  unit_count integer not null check (unit_count >= 0),
  recipients integer not null check (recipients >= 0)
);

-- 'fresh': confirmed within `unconfirmed_after`; 'unconfirmed': older (shown, marked, provider reminded);
-- 'hidden': older than `hidden_after` or never confirmed (left out of default search results, still
-- findable with an explicit filter). Pass the configured periods (FRESHNESS_UNCONFIRMED_DAYS,
-- FRESHNESS_HIDDEN_DAYS); the defaults equal the configuration's defaults.
create function unit_freshness(
  confirmed_at timestamptz,
  unconfirmed_after interval default interval '7 days',
  hidden_after interval default interval '14 days'
) returns text language sql stable parallel safe as $$
  select case
    when confirmed_at is null or confirmed_at <= now() - hidden_after then 'hidden'
    when confirmed_at <= now() - unconfirmed_after then 'unconfirmed'
    else 'fresh'
  end
$$;

-- True when units of this owner may appear outside the owner's organisation: a verified provider,
-- or a youth welfare office (its foster service).
create function unit_owner_listed(owner uuid) returns boolean language sql stable parallel safe as $$
  select exists (
    select 1 from organisations o
    where o.id = owner and (o.kind = 'office' or (o.kind = 'provider' and o.verified_at is not null))
  )
$$;

grant select, insert, update, delete on freshness_reminders to {{APP_ROLE}};
grant execute on function unit_freshness(timestamptz, interval, interval), unit_owner_listed(uuid) to {{APP_ROLE}};
