-- The whole local help system in the directory, and confidential addresses.
--
-- 1. Groups of the types of service (data): related types are the types of the same group; the
--    directory offers them when a search finds nothing.
-- 2. Types of service beyond the sections of SGB VIII that families and staff must find (Frühe Hilfen,
--    pregnancy counselling, addiction, debt, child psychiatry, school, child protection advice, women's
--    shelters, migration), directory only (marketplace = false), with common words (keywords) the
--    search finds them by.
-- 3. A facility's address can be confidential: the public then sees only the town (postcode and city),
--    never the street or the exact point, and no live free counts of emergency intake units. Facilities
--    of emergency intake units (Inobhutnahme) are confidential by default.

create table service_groups (
  code text primary key check (code ~ '^[a-z0-9-]+$'),
  name_de text not null,
  name_en text not null,
  sort integer not null default 0
);
insert into service_groups (code, name_de, name_en, sort) values
  ('living', 'Wohnen außerhalb der Familie', 'Living away from home', 10),
  ('protection', 'Schutz in Krisen und bei Gewalt', 'Protection in crises and from violence', 20),
  ('family', 'Familie und Erziehung', 'Family and parenting', 30),
  ('mental-health', 'Seelische Gesundheit', 'Mental health', 40),
  ('school', 'Schule', 'School', 50),
  ('counselling', 'Beratung in besonderen Lebenslagen', 'Counselling in difficult situations', 60);

alter table service_types
  -- null: no group (then no related types are suggested)
  add column group_code text references service_groups (code),
  -- common words and spellings people search with, beside the official name
  add column keywords text not null default '',
  -- true: an emergency intake type (its units' live free counts are never public)
  add column emergency boolean not null default false;

update service_types set group_code = g.grp from (values
  ('13-3', 'living'), ('19', 'living'), ('33', 'living'), ('34', 'living'), ('35', 'living'), ('35a-stat', 'living'), ('41', 'living'),
  ('42', 'protection'), ('42a', 'protection'),
  ('16', 'family'), ('17-18', 'family'), ('28', 'family'), ('29', 'family'), ('30', 'family'), ('31', 'family'), ('32', 'family'),
  ('35a-amb', 'mental-health')
) as g (code, grp) where service_types.code = g.code;
update service_types set emergency = true where code in ('42', '42a');
update service_types set keywords = 'Notaufnahme Schutzstelle Kindernotdienst Jugendnotdienst' where code = '42';
update service_types set keywords = 'UMA unbegleitet Geflüchtete' where code = '42a';

insert into service_types (code, section, name_de, name_en, marketplace, sort, group_code, keywords) values
  ('fruehe-hilfen', '§ 16 Abs. 3 SGB VIII, § 1 Abs. 4 KKG', 'Frühe Hilfen', 'Early childhood support (Frühe Hilfen)', false, 200, 'family',
   'Familienhebamme Hebamme Babylotse Willkommensbesuch Baby Säugling Kleinkind junge Eltern Schwangerschaft midwife baby infant'),
  ('schwangerschaftsberatung', '§§ 2, 5 SchKG', 'Schwangerschafts- und Schwangerschaftskonfliktberatung', 'Pregnancy and pregnancy conflict counselling', false, 210, 'counselling',
   'Schwangerschaftsberatung Schwangerenberatung schwanger Schwangerschaftskonflikt Beratungsschein Schwangerschaftsabbruch Abtreibung Verhütung Bundesstiftung pregnant pregnancy abortion'),
  ('sucht-drogenberatung', '§ 16a SGB II, Suchthilfe der Länder', 'Sucht- und Drogenberatung', 'Addiction and drug counselling', false, 220, 'counselling',
   'Suchtberatung Drogenberatung Sucht Drogen Alkohol Cannabis kiffen Medikamente Spielsucht Glücksspiel Mediensucht Abhängigkeit addiction drugs alcohol'),
  ('schuldnerberatung', '§ 16a SGB II, § 11 Abs. 5 SGB XII', 'Schuldnerberatung', 'Debt counselling', false, 230, 'counselling',
   'Schuldnerberatung Insolvenzberatung Schulden Überschuldung Verbraucherinsolvenz Privatinsolvenz Pfändung Mahnung Geldsorgen debt insolvency'),
  ('kinder-jugendpsychiatrie', 'SGB V', 'Kinder- und Jugendpsychiatrie und -psychotherapie', 'Child and adolescent psychiatry and psychotherapy', false, 240, 'mental-health',
   'Kinderpsychiatrie Jugendpsychiatrie Kinderpsychiater Psychiatrie Psychotherapie Psychotherapeut Therapie Depression Angst Essstörung ADHS Selbstverletzung psychisch seelisch psychiatry psychotherapy'),
  ('schulsozialarbeit', '§ 13a SGB VIII', 'Schulsozialarbeit', 'School social work', false, 250, 'school',
   'Schulsozialarbeiter Schulsozialarbeiterin Schule Mobbing Schulangst Schulverweigerung schwänzen school bullying'),
  ('schulpsychologie', 'Schulgesetze der Länder', 'Schulpsychologische Beratung', 'School psychology service', false, 260, 'school',
   'Schulpsychologie Schulpsychologe Schulpsychologin Schule Lernschwierigkeiten Legasthenie Dyskalkulie Prüfungsangst Schulangst school psychologist'),
  ('kinderschutz-fachberatung', '§§ 8a, 8b SGB VIII, § 4 KKG', 'Kinderschutz-Fachberatung (insoweit erfahrene Fachkraft)', 'Child protection advice (insoweit erfahrene Fachkraft)', false, 270, 'protection',
   'Kinderschutz Kinderschutzfachkraft Kindeswohlgefährdung Gefährdungseinschätzung InsoFa Misshandlung Vernachlässigung Missbrauch child protection abuse neglect'),
  ('frauenhaus-gewaltschutz', 'Gewaltschutzgesetz, Landesrecht', 'Frauenhaus und Gewaltschutz', 'Women''s shelter and protection from violence', false, 280, 'protection',
   'Frauenhaus Frauenhäuser Frauenschutzhaus Schutzwohnung Gewaltschutz Gewalt häusliche Gewalt Partnergewalt Frauenberatung Stalking shelter domestic violence'),
  ('migrationsberatung', '§ 45 AufenthG, Jugendmigrationsdienst', 'Migrationsberatung und Jugendmigrationsdienst', 'Migration counselling and youth migration service', false, 290, 'counselling',
   'Migrationsberatung Jugendmigrationsdienst JMD MBE Migration Zuwanderung Einwanderung Aufenthalt Asyl Flucht Geflüchtete Integrationskurs migrants refugees asylum');

-- The search knows the words of every type of service, offered or not: a misspelt type still
-- resolves to its word, and a search that then finds nothing can name the related types.
insert into directory_words (word)
select distinct w from service_types st,
  regexp_split_to_table(directory_fold(concat_ws(' ', st.name_de, st.name_en, st.keywords)), '[^a-z0-9]+') w
where length(w) >= 3
on conflict do nothing;

-- Emergency intake: the unit says so, or one of its types is an emergency type.
create function unit_is_emergency(p_intake boolean, p_types text[]) returns boolean
language sql stable as $$
  select p_intake or exists (select 1 from service_types st where st.code = any (p_types) and st.emergency)
$$;

alter table facilities add column address_confidential boolean not null default false;

-- A unit with emergency intake makes its facility's address confidential when it arrives (a new unit,
-- or a unit that becomes one); the provider may make it public again afterwards.
create function units_confidential_default() returns trigger language plpgsql as $$
begin
  if new.facility_id is not null and unit_is_emergency(new.emergency_intake, new.service_types)
     and (tg_op = 'INSERT' or not unit_is_emergency(old.emergency_intake, old.service_types)
          or old.facility_id is distinct from new.facility_id) then
    -- updated_at too: HSDS readers syncing by modified_after must drop the street they hold
    update facilities set address_confidential = true, updated_at = now() where id = new.facility_id and not address_confidential;
  end if;
  return null;
end $$;
create trigger units_confidential_default after insert or update of emergency_intake, service_types, facility_id on units
  for each row execute function units_confidential_default();

-- The search document: the type's common words join it; a confidential street never does.
create or replace function directory_doc_text(p_unit uuid) returns text
language sql stable as $$
  with raw as (
    select concat_ws(' ',
      u.name, u.description, u.city, u.postcode,
      f.name, case when f.address_confidential then null else f.street end, f.postcode, f.city,
      o.name, o.city,
      d.name,
      s.name_de, s.name_en,
      (select string_agg(concat_ws(' ', st.section, st.name_de, st.name_en, st.keywords), ' ') from service_types st where st.code = any (u.service_types)),
      (select string_agg(concat_ws(' ', sp.name_de, sp.name_en), ' ') from specialisations sp where sp.code = any (u.specialisations)),
      (select string_agg(concat_ws(' ', l.name_de, l.name_en), ' ') from languages l where l.code = any (u.languages))
    ) as t
    from units u
    join organisations o on o.id = u.owner_id
    left join facilities f on f.id = u.facility_id
    left join districts d on d.ags = coalesce(u.district_ags, f.district_ags)
    left join settings s on s.code = u.setting
    where u.id = p_unit
  )
  select directory_fold(t) || ' ' || lower(public.unaccent('public.unaccent'::regdictionary, t)) from raw
$$;

drop trigger directory_docs_facilities on facilities;
create trigger directory_docs_facilities after update on facilities for each row
  when (old.name is distinct from new.name or old.street is distinct from new.street
    or old.postcode is distinct from new.postcode or old.city is distinct from new.city
    or old.district_ags is distinct from new.district_ags or old.address_confidential is distinct from new.address_confidential)
  execute function directory_docs_facilities();

drop trigger directory_docs_service_types on service_types;
create trigger directory_docs_service_types after update on service_types for each row
  when (old.name_de is distinct from new.name_de or old.name_en is distinct from new.name_en
    or old.section is distinct from new.section or old.keywords is distinct from new.keywords)
  execute function directory_docs_taxonomy();

-- Existing emergency intake units: their facilities become confidential (their documents follow).
update facilities f set address_confidential = true, updated_at = now()
where exists (select 1 from units u where u.facility_id = f.id and u.archived_at is null and unit_is_emergency(u.emergency_intake, u.service_types));
select directory_docs_refresh(array(select id from units where service_types && array['42', '42a']));

grant select on service_groups to {{APP_ROLE}};
