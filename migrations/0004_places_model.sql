-- The marketplace model: taxonomies as data, facilities, units (Angebote, including foster places
-- and non-residential offers), planned vacancies, the exact address of foster places kept apart.

-- Taxonomies. Adding a code is a data change, never a code change.
create table service_types (
  code text primary key check (code ~ '^[a-z0-9-]+$'),
  section text not null,            -- e.g. '§ 34 SGB VIII'
  name_de text not null,
  name_en text not null,
  -- true: residential or foster places that can be requested in the marketplace;
  -- false: listed in the directory only
  marketplace boolean not null,
  sort integer not null default 0
);

create table settings (
  code text primary key check (code in ('stationaer', 'teilstationaer', 'ambulant', 'pflegefamilie')),
  name_de text not null,
  name_en text not null
);

create table specialisations (
  code text primary key check (code ~ '^[a-z0-9-]+$'),
  name_de text not null,
  name_en text not null
);

create table exclusions (
  code text primary key check (code ~ '^[a-z0-9-]+$'),
  name_de text not null,
  name_en text not null
);

create table languages (
  code text primary key check (code ~ '^[a-z]{2,3}$'), -- ISO 639-1, or 639-3 where no 639-1 code exists
  name_de text not null,
  name_en text not null
);

create table genders (
  code text primary key check (code in ('female', 'male', 'diverse')),
  name_de text not null,
  name_en text not null
);

insert into settings (code, name_de, name_en) values
  ('stationaer', 'stationär', 'residential'),
  ('teilstationaer', 'teilstationär', 'day care'),
  ('ambulant', 'ambulant', 'outpatient'),
  ('pflegefamilie', 'Pflegefamilie', 'foster family');

insert into genders (code, name_de, name_en) values
  ('female', 'weiblich', 'female'),
  ('male', 'männlich', 'male'),
  ('diverse', 'divers', 'diverse');

insert into service_types (code, section, name_de, name_en, marketplace, sort) values
  ('13-3', '§ 13 Abs. 3 SGB VIII', 'Sozialpädagogisch begleitete Wohnform (Jugendwohnen)', 'Supported youth housing', true, 10),
  ('19', '§ 19 SGB VIII', 'Gemeinsame Wohnform für Mütter/Väter und Kinder', 'Mother/father and child housing', true, 20),
  ('33', '§ 33 SGB VIII', 'Vollzeitpflege (Pflegefamilie)', 'Full-time foster care', true, 30),
  ('34', '§ 34 SGB VIII', 'Heimerziehung, sonstige betreute Wohnform', 'Residential care', true, 40),
  ('35', '§ 35 SGB VIII', 'Intensive sozialpädagogische Einzelbetreuung', 'Intensive individual socio-educational care', true, 50),
  ('35a-stat', '§ 35a SGB VIII', 'Eingliederungshilfe bei seelischer Behinderung (stationär)', 'Integration assistance, mental disability (residential)', true, 60),
  ('41', '§ 41 SGB VIII', 'Hilfe für junge Volljährige', 'Assistance for young adults', true, 70),
  ('42', '§ 42 SGB VIII', 'Inobhutnahme', 'Emergency custody', true, 80),
  ('42a', '§ 42a SGB VIII', 'Vorläufige Inobhutnahme unbegleiteter Minderjähriger', 'Provisional custody of unaccompanied minors', true, 90),
  ('16', '§ 16 SGB VIII', 'Allgemeine Förderung der Erziehung in der Familie (Familienbildung)', 'Family education', false, 110),
  ('17-18', '§§ 17, 18 SGB VIII', 'Beratung bei Partnerschaft, Trennung und Scheidung', 'Counselling on separation and divorce', false, 120),
  ('28', '§ 28 SGB VIII', 'Erziehungsberatung', 'Parenting counselling', false, 130),
  ('29', '§ 29 SGB VIII', 'Soziale Gruppenarbeit', 'Social group work', false, 140),
  ('30', '§ 30 SGB VIII', 'Erziehungsbeistand, Betreuungshelfer', 'Educational assistance', false, 150),
  ('31', '§ 31 SGB VIII', 'Sozialpädagogische Familienhilfe', 'Socio-educational family assistance', false, 160),
  ('32', '§ 32 SGB VIII', 'Erziehung in einer Tagesgruppe', 'Day group care', false, 170),
  ('35a-amb', '§ 35a SGB VIII', 'Eingliederungshilfe bei seelischer Behinderung (ambulant/teilstationär)', 'Integration assistance, mental disability (outpatient/day care)', false, 180);

insert into specialisations (code, name_de, name_en) values
  ('trauma', 'Trauma und sexualisierte Gewalt', 'Trauma and sexual violence'),
  ('attachment', 'Bindungsstörungen', 'Attachment disorders'),
  ('psychiatric', 'Psychiatrische Erkrankungen', 'Psychiatric conditions'),
  ('addiction', 'Sucht', 'Addiction'),
  ('intellectual-disability', 'Geistige Behinderung', 'Intellectual disability'),
  ('physical-disability', 'Körperliche Behinderung', 'Physical disability'),
  ('pregnancy', 'Schwangerschaft und junge Eltern', 'Pregnancy and young parents'),
  ('infants', 'Säuglinge und Kleinkinder', 'Infants and toddlers'),
  ('uma', 'Unbegleitete minderjährige Geflüchtete (UMA)', 'Unaccompanied minors'),
  ('delinquency', 'Delinquenz', 'Delinquency'),
  ('autism', 'Autismus-Spektrum', 'Autism spectrum'),
  ('school-refusal', 'Schulverweigerung', 'School refusal');

insert into exclusions (code, name_de, name_en) values
  ('acute-suicidality', 'Akute Suizidalität', 'Acute suicidality'),
  ('acute-psychosis', 'Akute Psychose', 'Acute psychosis'),
  ('active-drug-dependence', 'Aktive Drogenabhängigkeit', 'Active drug dependence'),
  ('nursing-care', 'Pflegebedarf (Behandlungspflege)', 'Nursing care needs'),
  ('wheelchair', 'Rollstuhlnutzung (nicht barrierefrei)', 'Wheelchair use (no step-free access)'),
  ('sexual-offending', 'Sexuell grenzverletzendes Verhalten', 'Sexually abusive behaviour'),
  ('severe-aggression', 'Schwere Fremdaggression', 'Severe aggression towards others');

insert into languages (code, name_de, name_en) values
  ('de', 'Deutsch', 'German'), ('en', 'Englisch', 'English'), ('ar', 'Arabisch', 'Arabic'),
  ('tr', 'Türkisch', 'Turkish'), ('ru', 'Russisch', 'Russian'), ('uk', 'Ukrainisch', 'Ukrainian'),
  ('fa', 'Persisch (Farsi/Dari)', 'Persian (Farsi/Dari)'), ('ps', 'Paschtu', 'Pashto'),
  ('ku', 'Kurdisch', 'Kurdish'), ('ti', 'Tigrinya', 'Tigrinya'), ('so', 'Somali', 'Somali'),
  ('fr', 'Französisch', 'French'), ('pl', 'Polnisch', 'Polish'), ('ro', 'Rumänisch', 'Romanian'),
  ('bg', 'Bulgarisch', 'Bulgarian'), ('sq', 'Albanisch', 'Albanian'), ('sr', 'Serbisch', 'Serbian'),
  ('es', 'Spanisch', 'Spanish'), ('it', 'Italienisch', 'Italian'), ('vi', 'Vietnamesisch', 'Vietnamese'),
  ('dgs', 'Deutsche Gebärdensprache', 'German Sign Language');

-- The region coordinates must lie in (Germany by default; set from REGION_BBOX at start).
create table region (
  id boolean primary key default true check (id),
  min_lat double precision not null,
  max_lat double precision not null,
  min_lon double precision not null,
  max_lon double precision not null,
  check (min_lat < max_lat and min_lon < max_lon)
);
insert into region (min_lat, max_lat, min_lon, max_lon) values (47.2, 55.1, 5.8, 15.1);

create function check_in_region(lat double precision, lon double precision, what text) returns void
language plpgsql stable as $$
declare r region%rowtype;
begin
  if lat is null or lon is null then return; end if;
  select * into r from region;
  if lat < r.min_lat or lat > r.max_lat or lon < r.min_lon or lon > r.max_lon then
    raise exception '% coordinates (%, %) lie outside the configured region', what, lat, lon
      using errcode = 'check_violation', constraint = what || '_in_region';
  end if;
end $$;

-- Facilities (Einrichtungen) of a provider.
create table facilities (
  id uuid primary key default gen_random_uuid(),
  provider_id uuid not null,
  provider_kind org_kind not null default 'provider' check (provider_kind = 'provider'),
  name text not null check (length(btrim(name)) between 2 and 200),
  street text,
  postcode text check (postcode is null or postcode ~ '^\d{5}$'),
  city text,
  district_ags text references districts (ags),
  lat double precision not null,
  lon double precision not null,
  phone text,
  email citext,
  website text check (website is null or website ~ '^https?://'),
  opening_hours text,
  accessibility text,
  licence_ref text,                 -- § 45 Betriebserlaubnis reference
  licence_present boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  foreign key (provider_id, provider_kind) references organisations (id, kind),
  unique (id, provider_id)
);
create index facilities_provider on facilities (provider_id);

create function facilities_region() returns trigger language plpgsql as $$
begin
  perform check_in_region(new.lat, new.lon, 'facility');
  return new;
end $$;
create trigger facilities_region before insert or update of lat, lon on facilities
  for each row execute function facilities_region();

-- Units (Angebote): a group, a foster place or a non-residential offer. Owned by one organisation:
-- a provider, or (foster places only) a youth welfare office's foster service.
create table units (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,
  owner_kind org_kind not null check (owner_kind in ('provider', 'office')),
  facility_id uuid,
  name text not null check (length(btrim(name)) between 2 and 200),
  description text check (length(description) <= 4000),
  setting text not null references settings (code),
  service_types text[] not null check (cardinality(service_types) between 1 and 10),
  age_min integer not null check (age_min between 0 and 27),
  age_max integer not null check (age_max between 0 and 27),
  genders text[] not null check (cardinality(genders) between 1 and 3 and genders <@ array['female', 'male', 'diverse']),
  specialisations text[] not null default '{}',
  exclusions text[] not null default '{}',
  languages text[] not null default '{de}',
  secure_setting boolean not null default false,     -- § 1631b BGB
  siblings_max integer not null default 0 check (siblings_max between 0 and 10),
  step_free boolean not null default false,
  emergency_intake boolean not null default false,   -- 24/7, including police drop-offs
  emergency_phone text check (emergency_phone is null or emergency_phone ~ '^\+?[0-9 ()/-]{4,30}$'),
  max_answer_hours integer check (max_answer_hours between 1 and 720),
  staffing_ratio text check (staffing_ratio is null or staffing_ratio ~ '^\d{1,2}(,\d)?:\d{1,2}(,\d)?$'),
  therapy_in_house boolean not null default false,
  schooling_on_site boolean not null default false,
  daily_rate numeric(8, 2) check (daily_rate between 0 and 100000),
  agreement_present boolean not null default false,  -- §§ 78b ff
  licence_present boolean not null default false,    -- § 45
  -- coarse group composition, for "does the child fit the group"
  residents_age_min integer check (residents_age_min between 0 and 27),
  residents_age_max integer check (residents_age_max between 0 and 27),
  residents_female integer check (residents_female >= 0),
  residents_male integer check (residents_male >= 0),
  residents_diverse integer check (residents_diverse >= 0),
  -- places: null capacity = an offer without places (directory only)
  capacity_total integer check (capacity_total between 0 and 500),
  free_places integer,
  last_confirmed_at timestamptz,     -- availability confirmed (changed or not)
  availability_changed_at timestamptz,
  -- location: the facility's for groups, a coarse point (postcode area) for foster places
  lat double precision not null,
  lon double precision not null,
  location_is_coarse boolean not null default false,
  postcode text check (postcode is null or postcode ~ '^\d{5}$'),
  city text,
  district_ags text references districts (ags),
  contact_phone text,
  contact_email citext,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),     -- attributes last edited
  archived_at timestamptz,
  version integer not null default 1,
  foreign key (owner_id, owner_kind) references organisations (id, kind),
  check (age_min <= age_max),
  check (residents_age_min is null or residents_age_max is null or residents_age_min <= residents_age_max),
  check ((capacity_total is null and free_places is null) or (capacity_total is not null and free_places between 0 and capacity_total)),
  check (setting <> 'pflegefamilie' or location_is_coarse),
  -- offices own foster places only
  check (owner_kind = 'provider' or setting = 'pflegefamilie'),
  -- groups sit in a facility of their own provider
  check (setting = 'pflegefamilie' or facility_id is not null),
  check (not emergency_intake or emergency_phone is not null)
);
create index units_owner on units (owner_id);
create index units_facility on units (facility_id);
create index units_location on units using gist (ll_to_earth(lat, lon)) where archived_at is null;
create index units_service_types on units using gin (service_types);
create index units_free on units (free_places) where archived_at is null and free_places > 0;

-- Codes in the arrays must exist in their taxonomy: arrays keep search fast, this keeps them honest.
create function units_validate() returns trigger language plpgsql as $$
declare bad text;
begin
  select c into bad from unnest(new.service_types) c where c not in (select code from service_types) limit 1;
  if bad is not null then raise exception 'unknown type of service %', bad using errcode = 'check_violation', constraint = 'units_service_types_known'; end if;
  select c into bad from unnest(new.specialisations) c where c not in (select code from specialisations) limit 1;
  if bad is not null then raise exception 'unknown specialisation %', bad using errcode = 'check_violation', constraint = 'units_specialisations_known'; end if;
  select c into bad from unnest(new.exclusions) c where c not in (select code from exclusions) limit 1;
  if bad is not null then raise exception 'unknown exclusion %', bad using errcode = 'check_violation', constraint = 'units_exclusions_known'; end if;
  select c into bad from unnest(new.languages) c where c not in (select code from languages) limit 1;
  if bad is not null then raise exception 'unknown language %', bad using errcode = 'check_violation', constraint = 'units_languages_known'; end if;
  if new.facility_id is not null and not exists (select 1 from facilities f where f.id = new.facility_id and f.provider_id = new.owner_id) then
    raise exception 'facility % does not belong to the unit''s provider', new.facility_id using errcode = 'check_violation', constraint = 'units_facility_owner';
  end if;
  perform check_in_region(new.lat, new.lon, 'unit');
  return new;
end $$;
create trigger units_validate before insert or update on units for each row execute function units_validate();

-- Planned vacancies: `places` become free from `available_from`.
create table planned_vacancies (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id) on delete cascade,
  available_from date not null,
  places integer not null check (places between 1 and 500),
  note text check (length(note) <= 500),
  created_at timestamptz not null default now()
);
create index planned_vacancies_unit on planned_vacancies (unit_id, available_from);

-- The exact address of a foster place: for its owner only, never in any other response.
create table foster_addresses (
  unit_id uuid primary key references units (id) on delete cascade,
  street text not null,
  postcode text not null check (postcode ~ '^\d{5}$'),
  city text not null,
  lat double precision,
  lon double precision
);

grant select on service_types, settings, specialisations, exclusions, languages, genders, region to {{APP_ROLE}};
grant select, insert, update, delete on facilities, units, planned_vacancies, foster_addresses to {{APP_ROLE}};
-- taxonomies are managed by the platform admin through the API
grant insert, update on service_types, specialisations, exclusions, languages to {{APP_ROLE}};
grant update on region to {{APP_ROLE}};
