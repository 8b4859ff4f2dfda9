-- Repeatable: applied after the numbered migrations and again whenever this file changes
-- (server/migrate.ts). Edit the function here; never redefine it in a numbered migration.

-- Runs at commit of every transaction that announced a change of a unit (vacancy:changed) or of
-- an organisation (organisation:changed, e.g. verification withdrawn), so the match events are
-- committed atomically with the change, exactly once, whichever node made it. A failure never
-- blocks the provider's change: it is recorded and retried by the sweep job.
create or replace function events_search_rematch() returns trigger language plpgsql as $$
begin
  begin
    if new.type = 'vacancy:changed' then
      perform search_rematch_unit((new.payload ->> 'unitId')::uuid);
    elsif new.type = 'organisation:changed' then
      perform search_rematch_unit(u.id) from units u where u.owner_id = (new.payload ->> 'organisationId')::uuid;
    end if;
  exception when others then
    raise warning 'search rematch for event % failed: %', new.seq, sqlerrm;
    insert into search_rematch_retry (event_seq, error) values (new.seq, sqlerrm)
      on conflict (event_seq) do update set attempts = search_rematch_retry.attempts + 1, error = excluded.error, failed_at = now();
  end;
  return null;
end $$;
-- The constraint trigger events_search_rematch (deferred to commit) calls it; see migration 0020.
