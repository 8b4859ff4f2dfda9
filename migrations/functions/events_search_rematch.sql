-- Repeatable: applied after the numbered migrations and again whenever this file changes
-- (server/migrate.ts). Edit the function here; never redefine it in a numbered migration.

-- Runs at commit of every transaction that announced a change of a unit (vacancy:changed) or of
-- an organisation (organisation:changed, e.g. verification withdrawn), so the match events are
-- committed atomically with the change, exactly once, whichever node made it. A failure never
-- blocks the provider's change: it is recorded and retried by the sweep job.
--
-- A transaction with many unit changes (more than 10 vacancy:changed, an organisation's change
-- touching more than 10 units, or hpb.rematch_queue = 'on') does not re-match at its commit: it
-- queues the units (migration 0131) and a worker re-matches them right after, in short
-- transactions, so that its commit never holds the matching lock for long.
create or replace function events_search_rematch() returns trigger language plpgsql
set plan_cache_mode = force_generic_plan as $$
declare
  mode text := current_setting('hpb.rematch_mode', true);
  units uuid[];
begin
  begin
    if new.type = 'vacancy:changed' then
      units := array[(new.payload ->> 'unitId')::uuid];
    elsif new.type = 'organisation:changed' then
      units := array(select u.id from units u where u.owner_id = (new.payload ->> 'organisationId')::uuid);
    else
      return null;
    end if;
    -- a unit inserted by this transaction and announced: no open search knew it before (one
    -- inserted without an event is known as inserted, migration 0180)
    if new.type = 'vacancy:changed' then
      with born as (
        update search_unit_state set live = false, born = false
        where unit_id = units[1] and born and xid = pg_current_xact_id()
        returning unit_id)
      insert into search_unit_dirty (unit_id) select unit_id from born;
    end if;
    if mode is null or mode = '' then
      -- decided once per transaction, at its first such event
      mode := case
        when current_setting('hpb.rematch_queue', true) = 'on' then 'queue'
        when cardinality(units) > 10 then 'queue'
        when (select count(*) from events e
              where e.xid = pg_current_xact_id() and e.type = 'vacancy:changed') > 10 then 'queue'
        else 'inline' end;
      perform set_config('hpb.rematch_mode', mode, true);
    end if;
    if mode = 'queue' then
      -- an update, not "do nothing": the row stays locked until this commit, so a worker cannot
      -- take it meanwhile and re-match the unit's state from before this change
      insert into search_rematch_queue (unit_id) select unnest(units) order by 1
        on conflict (unit_id) do update set queued_at = excluded.queued_at;
      -- and marked, as a write of their rows marks them: a change that wrote none (an organisation's
      -- verification, a facility's) would otherwise leave a search opened before the worker's
      -- re-match holding the snapshot's old state instead of what it was shown
      insert into search_unit_dirty (unit_id) select unnest(units);
      perform pg_notify('hpb_rematch', '');
    else
      perform search_rematch_unit(x) from unnest(units) x;
    end if;
  exception when others then
    raise warning 'search rematch for event % failed: %', new.seq, sqlerrm;
    insert into search_rematch_retry (event_seq, error) values (new.seq, sqlerrm)
      on conflict (event_seq) do update set attempts = search_rematch_retry.attempts + 1, error = excluded.error, failed_at = now();
  end;
  return null;
end $$;
-- The constraint trigger events_search_rematch (deferred to commit) calls it; see migration 0020.
