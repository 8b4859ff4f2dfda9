-- An honest pause instead of logging off (Aufnahmestopp), and what a unit can admit now.

-- A paused unit takes no requests until `paused_until` (inclusive), for a stated reason. It is shown
-- as paused (with that date), never as stale or as "0 free"; the freshness job ends the pause the
-- day after and asks the provider to confirm.
alter table units
  add column paused_reason text check (paused_reason in ('staff-shortage', 'group-crisis', 'renovation', 'other')),
  add column paused_until date,
  add column paused_note text check (length(paused_note) <= 300),
  add column paused_at timestamptz;
alter table units add constraint units_pause_complete check (
  (paused_reason is null) = (paused_until is null) and (paused_reason is null) = (paused_at is null)
  and (paused_note is null or paused_reason is not null)
  and (paused_reason is null or capacity_total is not null)
);
create index units_paused_until on units (paused_until) where paused_until is not null;

-- Free is not admittable: with staff short, a unit with 3 free beds may admit only 1 this week.
-- null: as many as are free. Never more than the free places (the places module lowers it with them).
alter table units add column admittable_places integer check (admittable_places >= 0);
alter table units add constraint units_admittable_within_free check (admittable_places is null or admittable_places <= coalesce(free_places, 0));
