-- Commit-batched delivery of events (issue 18).
--
-- Before: one NOTIFY per events row, and each node read each row by its number. A provider's bulk
-- update of 1,000 units wrote ~96,000 rows (mostly match events written at commit), so every node
-- worked off 96,000 notifications and as many queries.
--
-- Now: one NOTIFY per transaction (its payload is the transaction's first event number), and each
-- node reads everything new in one query (`server/realtime/event-stream.ts`). Because numbers are
-- taken at insert while transactions commit in their own order, every row records the transaction
-- that wrote it: a row that was still uncommitted when a node last read belongs to a transaction at
-- or above that read's snapshot xmin, so "seq > last or xid >= xmin of the last read" finds, exactly,
-- every committed row a node has not seen yet, however late its transaction commits.
alter table events add column xid xid8 not null default pg_current_xact_id();
create index events_xid on events (xid);

drop trigger events_notify on events;
drop function events_notify();

-- A statement-level trigger: one call per INSERT statement, not per row. The transaction-local
-- setting makes it notify once per transaction (reset at commit, rollback, and with a rolled-back
-- savepoint together with the notification queued inside it).
create function events_notify() returns trigger language plpgsql as $$
declare
  first_seq bigint;
begin
  if current_setting('hpb.events_notified', true) is distinct from 'yes' then
    select min(seq) into first_seq from new_rows;
    if first_seq is not null then   -- an INSERT ... SELECT may insert nothing
      perform set_config('hpb.events_notified', 'yes', true);
      perform pg_notify('hpb_events', first_seq::text);
    end if;
  end if;
  return null;
end $$;
create trigger events_notify after insert on events
  referencing new table as new_rows
  for each statement execute function events_notify();
