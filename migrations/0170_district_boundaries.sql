-- District boundaries for the platform admin's monitoring map (issue 16): the operator uploads a
-- GeoJSON FeatureCollection (e.g. BKG VG250 Kreise in WGS84), the server validates, merges the
-- features of one district, simplifies and rounds them; one row per district. Without rows the map
-- shows circles at the district centres. No PostGIS here: the geometry is kept as GeoJSON (jsonb)
-- and only ever read whole.
create table district_boundaries (
  ags text primary key references districts (ags),
  geometry jsonb not null check (
    jsonb_typeof(geometry) = 'object'
    and geometry->>'type' in ('Polygon', 'MultiPolygon')
    and jsonb_typeof(geometry->'coordinates') = 'array'
    and jsonb_array_length(geometry->'coordinates') > 0
  ),
  -- points after simplification (what the dashboard receives)
  points integer not null check (points >= 4),
  uploaded_at timestamptz not null default now(),
  uploaded_by uuid references users (id) on delete set null
);

grant select, insert, delete on district_boundaries to {{APP_ROLE}};
