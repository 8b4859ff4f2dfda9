-- Failed logins, counted in the database so every app node sees the same numbers. Keys:
--   'pair:<email>|<address>'  failures for one e-mail from one address (progressive delay)
--   'addr:<address>'          failures from one address, whatever the e-mail (hard limit)
-- Successful logins are not counted: an office behind one proxy address can start its shift.
create table login_throttle (
  key text primary key check (length(key) <= 600),
  failures integer not null check (failures > 0),
  last_failure_at timestamptz not null default now()
);
create index login_throttle_last on login_throttle (last_failure_at);

-- Password reset by e-mail or by an admin: a single-use token, stored only hashed, short-lived.
create table password_resets (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check (expires_at > created_at)
);
create index password_resets_user on password_resets (user_id);

grant select, insert, update, delete on login_throttle, password_resets to {{APP_ROLE}};
