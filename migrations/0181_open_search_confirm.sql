-- Opening a search reads its first page before the opening lock (issue 18) and, under the lock,
-- only confirms that no unit was re-matched since that page's snapshot: a range of this index
-- (the snapshot rows a re-match wrote after it; usually none).
create index search_unit_state_xid on search_unit_state (xid);
