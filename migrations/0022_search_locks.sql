-- Opening a search holds the matching lock (see search_rematch_unit) while it records its first
-- match set. A foreign key from those rows to units would also take a KEY SHARE lock on each unit,
-- which waits for a provider transaction holding the unit FOR UPDATE, which in turn waits at its
-- commit for the matching lock: a deadlock. Match rows therefore refer to units without a key;
-- units are archived, never deleted, and a unit that no longer exists simply matches nothing.
alter table open_search_matches drop constraint open_search_matches_unit_id_fkey;
