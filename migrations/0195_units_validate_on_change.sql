-- units_validate (0004) checks the taxonomy codes, the facility's owner and the region of a unit. It
-- fired on every update of units, also on the holds and confirmations of placement requests, which
-- change only the place counts: its region check and code look-ups ran while the unit's row was
-- locked against every other offer for it (EXPLAIN ANALYZE of a hold's update at load 9: the trigger
-- 0.8-0.9 ms of 2.3-2.5 ms, 4.6 ms on a connection's first call; without it 1.5-1.9 ms). It now fires on inserts and on updates that set one of
-- the columns it checks (a SET of such a column fires it even with the same value).
drop trigger units_validate on units;
create trigger units_validate before insert or update of service_types, specialisations, exclusions, languages, facility_id, owner_id, lat, lon
  on units for each row execute function units_validate();
