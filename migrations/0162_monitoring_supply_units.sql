-- Supply now (issue 16, dashboard speed): a narrow copy of the live units with places (not
-- archived, capacity given), only the columns the supply figures count, kept current by the row
-- trigger of migrations/functions/monitoring_supply_units.sql. The figures scan these ~100-byte
-- rows instead of the wide units rows (descriptions, arrays, texts: ~900 bytes each).
create table supply_units (
  unit_id uuid primary key references units (id) on delete cascade,
  owner_id uuid not null,
  owner_kind org_kind not null,
  district_ags text,
  service_types text[] not null,
  age_min integer not null,
  age_max integer not null,
  genders text[] not null,
  free_places integer not null,
  held_places integer not null,
  last_confirmed_at timestamptz
);
create index supply_units_district on supply_units (district_ags);
create index supply_units_owner on supply_units (owner_id);

insert into supply_units (unit_id, owner_id, owner_kind, district_ags, service_types, age_min, age_max, genders, free_places, held_places, last_confirmed_at)
select id, owner_id, owner_kind, district_ags, service_types, age_min, age_max, genders, free_places, held_places, last_confirmed_at
from units where archived_at is null and capacity_total is not null;

-- written only by the trigger (security definer): the app reads it
revoke insert, update, delete, truncate on supply_units from {{APP_ROLE}};
grant select on supply_units to {{APP_ROLE}};
