-- The night loop (issue 13): call-back numbers, e-mail choice for regular requests, the office's
-- fallback contacts when no emergency unit is left, and Web Push subscriptions per device.

-- the sender's direct number, shown to the provider on every request of theirs (optional)
alter table users add column direct_phone text check (direct_phone is null or direct_phone ~ '^\+?[0-9 ()/-]{4,30}$');
-- e-mail about regular requests: only when not online (the old behaviour), always, or never;
-- emergency requests are mailed always, whatever this says
alter table users add column regular_mail text not null default 'absent' check (regular_mail in ('absent', 'always', 'never'));

-- who to call when no emergency unit is left: the office's own on-call numbers, the Landesjugendamt
create table office_fallback_contacts (
  id uuid primary key default gen_random_uuid(),
  office_id uuid not null,
  office_kind org_kind not null default 'office' check (office_kind = 'office'),
  kind text not null check (kind in ('office_oncall', 'state_office', 'other')),
  label text not null check (length(btrim(label)) between 2 and 120),
  phone text not null check (phone ~ '^\+?[0-9 ()/-]{4,30}$'),
  position integer not null check (position between 0 and 19),
  foreign key (office_id, office_kind) references organisations (id, kind) on delete cascade,
  unique (office_id, position)
);

-- one row per device (push endpoint); the endpoint is the browser vendor's URL for that device
create table push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  endpoint text not null unique check (endpoint ~ '^https?://' and length(endpoint) <= 1000),
  p256dh text not null check (length(p256dh) between 20 and 200),
  auth text not null check (length(auth) between 8 and 100),
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
create index push_subscriptions_user on push_subscriptions (user_id);

grant select, insert, update, delete on office_fallback_contacts, push_subscriptions to {{APP_ROLE}};
