-- Dashboard speed, the provider route (issue 16): the distinct places where each provider has live
-- (not archived) units, with how many units stand there. The providers around a provider are found
-- among these rows (one per facility) instead of among every unit. Kept current by the row
-- triggers of migrations/functions/monitoring_provider_sites.sql; read only by the app.
create table provider_sites (
  provider_id uuid not null,
  lat double precision not null,
  lon double precision not null,
  units integer not null check (units > 0),
  -- the point stored, not computed per row read: ll_to_earth in a filter costs ~10 µs a row
  pt earth generated always as (ll_to_earth(lat, lon)) stored,
  primary key (provider_id, lat, lon)
);
create index provider_sites_location on provider_sites using gist (pt);

insert into provider_sites (provider_id, lat, lon, units)
select owner_id, lat, lon, count(*) from units where owner_kind = 'provider' and archived_at is null group by owner_id, lat, lon;

revoke insert, update, delete, truncate on provider_sites from {{APP_ROLE}};
grant select on provider_sites to {{APP_ROLE}};
