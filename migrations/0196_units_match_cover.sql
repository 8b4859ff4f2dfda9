-- Searches without a radius (issue 18): their first page counts every matching unit in the country.
-- With units_free that read about one heap page per candidate unit (at 150,000 units ~7,500 pages
-- for a search of type 34, most of the units table, whose rows are wide: names, contacts, texts).
-- This index holds every column the forward search (matchingUnits in
-- server/features/search/queries.ts) reads of a unit, so such a search is an index-only scan of
-- about a quarter of the pages; the page's details are still read for its few rows.
create index units_match_cover on units (free_places)
  include (id, owner_id, facility_id, service_types, age_min, age_max, genders, specialisations, exclusions, languages,
    secure_setting, siblings_max, emergency_intake, admittable_places, held_places, paused_at, paused_until,
    last_confirmed_at, daily_rate, pt)
  where archived_at is null and capacity_total is not null;
