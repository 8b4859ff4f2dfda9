-- Search events grouped per unit change (issue: notify at stress scale).
--
-- A unit's change concerned ~2,000 open searches at stress scale and search_rematch_unit() wrote one
-- events row per search inside the committing transaction. It now writes one row per event type
-- whose rooms are all the concerned searches' rooms and whose payload carries each search's own
-- fields and its own sequence number, drawn from the events' sequence
-- (migrations/functions/search_rematch_unit.sql). The nodes split such a row back into the
-- per-search events clients receive (server/realtime/grouped-events.ts).
grant usage on sequence events_seq_seq to {{APP_ROLE}};
