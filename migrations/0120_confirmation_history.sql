-- Providers see their own figures: every confirmation of a unit's figures (each time
-- last_confirmed_at is set), with who or what confirmed it. Written by a trigger, so no way of
-- confirming (board, API token, CSV, reminder link, a job) can leave it out.
create table unit_confirmations (
  id bigint generated always as identity primary key,
  unit_id uuid not null references units (id) on delete cascade,
  confirmed_at timestamptz not null,
  -- the audit entry of the same transaction names the actor: 'user', 'token' (API) or 'system'
  -- (a reminder link, a job); null when the change was written without one
  actor_kind text check (actor_kind in ('user', 'token', 'system', 'anonymous')),
  user_id uuid references users (id) on delete set null,
  token_id uuid references api_tokens (id) on delete set null,
  -- the audited action, e.g. availability.confirm, availability.csv, availability.confirm-link
  action text check (length(action) <= 80),
  -- for availability.confirm-link: which link (and so which reminder) it was
  confirm_link_id uuid references confirm_links (id) on delete set null,
  unique (unit_id, confirmed_at)
);
create index unit_confirmations_unit on unit_confirmations (unit_id, confirmed_at desc);

-- Runs at commit (deferred), after the transaction's audit entry has named its actor in the
-- transaction-local setting hpb.audit (server/audit.ts). Several updates of one unit in one
-- transaction carry the same now(): they are one confirmation.
create function unit_confirmations_record() returns trigger language plpgsql as $$
declare
  a jsonb := nullif(current_setting('hpb.audit', true), '')::jsonb;
begin
  if new.last_confirmed_at is null or (tg_op = 'UPDATE' and new.last_confirmed_at is not distinct from old.last_confirmed_at) then
    return null;
  end if;
  insert into unit_confirmations (unit_id, confirmed_at, actor_kind, user_id, token_id, action, confirm_link_id)
  select new.id, new.last_confirmed_at, a ->> 'actorKind',
         (select u.id from users u where u.id = (a ->> 'userId')::uuid),
         (select t.id from api_tokens t where t.id = (a ->> 'tokenId')::uuid),
         a ->> 'action',
         (select l.id from confirm_links l where a ->> 'action' = 'availability.confirm-link' and l.id::text = a ->> 'objectId')
  where exists (select 1 from units u where u.id = new.id)
  on conflict (unit_id, confirmed_at) do nothing;
  return null;
end $$;

create constraint trigger unit_confirmations_record after insert or update of last_confirmed_at on units
  deferrable initially deferred for each row execute function unit_confirmations_record();

-- what existed before: the last confirmation of each unit, without its actor
insert into unit_confirmations (unit_id, confirmed_at)
select id, last_confirmed_at from units where last_confirmed_at is not null;

grant select, insert, delete on unit_confirmations to {{APP_ROLE}};
