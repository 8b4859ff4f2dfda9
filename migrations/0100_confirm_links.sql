-- Confirming from the reminder itself: a signed link per reminder and unit ("Stimmt noch") and one
-- for all units of the reminder ("Alles unverändert"). A link confirms exactly its units, once,
-- within 72 hours, and nothing else; the signature (HMAC with SESSION_SECRET over id and expiry)
-- is checked by the app, this row makes the link single-use and tells the audit log where it came from.
create table confirm_links (
  id uuid primary key default gen_random_uuid(),
  provider_id uuid not null references organisations (id) on delete cascade,
  unit_ids uuid[] not null check (cardinality(unit_ids) between 1 and 500),
  purpose text not null default 'confirm' check (purpose = 'confirm'),
  scope text not null check (scope in ('unit', 'all')),
  -- which reminder carried the link: to the provider's staff first, to its admin when unanswered
  sent_to text not null check (sent_to in ('staff', 'admin')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check (scope <> 'unit' or cardinality(unit_ids) = 1),
  check (expires_at > created_at and expires_at <= created_at + interval '72 hours'),
  check (used_at is null or used_at <= expires_at)
);
create index confirm_links_provider on confirm_links (provider_id, created_at desc);
create index confirm_links_expiry on confirm_links (expires_at);

-- The reminder cycle of a provider: the staff reminder, and the admin's when it stays unanswered.
alter table freshness_reminders add column escalated_at timestamptz;

grant select, insert, update, delete on confirm_links to {{APP_ROLE}};
