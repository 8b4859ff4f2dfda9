-- Repeatable: applied after the numbered migrations and again whenever this file changes
-- (server/migrate.ts). Edit the functions here; never redefine them in a numbered migration.

-- Keeps provider_sites (migrations/0164_monitoring_provider_sites.sql) equal to
-- `select owner_id, lat, lon, count(*) from units where owner_kind = 'provider' and archived_at is null group by 1, 2, 3`:
-- a unit leaving a place counts down (the row goes with its last unit), a unit arriving counts up.
create or replace function monitoring_provider_site() returns trigger language plpgsql security definer
set search_path = public as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.owner_kind = 'provider' and old.archived_at is null then
    delete from provider_sites where provider_id = old.owner_id and lat = old.lat and lon = old.lon and units = 1;
    if not found then
      update provider_sites set units = units - 1 where provider_id = old.owner_id and lat = old.lat and lon = old.lon;
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.owner_kind = 'provider' and new.archived_at is null then
    insert into provider_sites (provider_id, lat, lon, units) values (new.owner_id, new.lat, new.lon, 1)
    on conflict (provider_id, lat, lon) do update set units = provider_sites.units + 1;
  end if;
  return null;
end $$;

drop trigger if exists units_provider_site_ins on units;
drop trigger if exists units_provider_site_del on units;
drop trigger if exists units_provider_site_upd on units;
create trigger units_provider_site_ins after insert on units for each row execute function monitoring_provider_site();
create trigger units_provider_site_del after delete on units for each row execute function monitoring_provider_site();
-- only a move, a change of owner or an archiving touches it: capacity changes do not fire it
create trigger units_provider_site_upd after update of owner_id, owner_kind, lat, lon, archived_at on units for each row
  when ((old.owner_id, old.owner_kind, old.lat, old.lon, old.archived_at is null)
        is distinct from (new.owner_id, new.owner_kind, new.lat, new.lon, new.archived_at is null))
  execute function monitoring_provider_site();
