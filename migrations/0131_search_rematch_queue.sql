-- Bulk updates that block nobody (issue 18).
--
-- A provider's transaction that changes many units (bulk API, CSV, a withdrawn verification) used
-- to re-match every unit at its commit, holding the matching lock shared the whole time, while
-- opening a search needs that lock exclusively: opening waited seconds. Now such a transaction
-- (more than 10 announced unit changes, or `hpb.rematch_queue` set to 'on' in it) only queues its
-- units here at commit; a worker on every node (server/features/search/rematch-queue.ts) re-matches
-- them after the commit in short transactions of a few units each. search_rematch_unit diffs against
-- the stored match set, so whatever runs it, and however often, every open search hears each
-- difference once: a search opened before a queued unit is re-matched sees that re-match; a search
-- opened after it already holds the unit's new state in its first match set.
create table search_rematch_queue (
  unit_id uuid primary key,
  queued_at timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text
);
create index search_rematch_queue_order on search_rematch_queue (queued_at);

grant select, insert, update, delete on search_rematch_queue to {{APP_ROLE}};
