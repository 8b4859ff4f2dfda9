-- Repeatable: applied after the numbered migrations and again whenever this file changes
-- (server/migrate.ts). Edit the functions here; never redefine them in a numbered migration.

-- Keeps supply_units (migrations/0162_monitoring_supply_units.sql) equal to the live units with
-- places: a unit that is not archived and has a capacity has its row, with its current values.
create or replace function monitoring_supply_unit() returns trigger language plpgsql security definer
set search_path = public as $$
begin
  if tg_op = 'DELETE' or new.archived_at is not null or new.capacity_total is null then
    delete from supply_units where unit_id = (case when tg_op = 'DELETE' then old.id else new.id end);
    return null;
  end if;
  insert into supply_units (unit_id, owner_id, owner_kind, district_ags, service_types, age_min, age_max, genders, free_places, held_places, last_confirmed_at)
  values (new.id, new.owner_id, new.owner_kind, new.district_ags, new.service_types, new.age_min, new.age_max, new.genders, new.free_places,
          new.held_places, new.last_confirmed_at)
  on conflict (unit_id) do update set owner_id = excluded.owner_id, owner_kind = excluded.owner_kind, district_ags = excluded.district_ags,
    service_types = excluded.service_types, age_min = excluded.age_min, age_max = excluded.age_max, genders = excluded.genders,
    free_places = excluded.free_places, held_places = excluded.held_places, last_confirmed_at = excluded.last_confirmed_at;
  return null;
end $$;

drop trigger if exists units_supply_ins on units;
drop trigger if exists units_supply_upd on units;
create trigger units_supply_ins after insert on units for each row execute function monitoring_supply_unit();
-- deletes cascade (supply_units.unit_id references units); an update of any counted column writes the row again
create trigger units_supply_upd after update of owner_id, owner_kind, district_ags, service_types, age_min, age_max, genders, free_places,
  held_places, last_confirmed_at, archived_at, capacity_total on units for each row
  when ((old.owner_id, old.owner_kind, old.district_ags, old.service_types, old.age_min, old.age_max, old.genders, old.free_places,
         old.held_places, old.last_confirmed_at, old.archived_at, old.capacity_total)
        is distinct from (new.owner_id, new.owner_kind, new.district_ags, new.service_types, new.age_min, new.age_max, new.genders,
         new.free_places, new.held_places, new.last_confirmed_at, new.archived_at, new.capacity_total))
  execute function monitoring_supply_unit();
