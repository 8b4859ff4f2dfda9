-- Public directory search: German full text that tolerates umlaut spellings and typos.
--
-- Text is folded before it is indexed and before it is searched: lower case, ä→ae, ö→oe, ü→ue,
-- ß→ss, then other accents removed (unaccent). So "Koeln" and "Köln" become the same word. The
-- document also carries the plain unaccented form ("koln"), so "Koln" finds it too. Typos are
-- caught by trigram word similarity (pg_trgm) on the same folded text.

create function directory_fold(t text) returns text
language sql immutable parallel safe as $$
  select lower(public.unaccent('public.unaccent'::regdictionary,
    replace(replace(replace(replace(replace(replace(replace(coalesce(t, ''),
      'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss')))
$$;

-- German stemming on folded text (the input is already lower case and plain ASCII letters).
create text search configuration directory_german (copy = pg_catalog.german);

-- One search document per listed unit: unit, facility, provider, district and taxonomy names.
-- Foster places (setting pflegefamilie) never get a document: nothing about them reaches the directory.
create table directory_docs (
  unit_id uuid primary key references units (id) on delete cascade,
  doc text not null,
  tsv tsvector generated always as (to_tsvector('directory_german', doc)) stored
);
create index directory_docs_tsv on directory_docs using gin (tsv);
create index directory_docs_trgm on directory_docs using gin (doc gin_trgm_ops);

create function directory_doc_text(p_unit uuid) returns text
language sql stable as $$
  with raw as (
    select concat_ws(' ',
      u.name, u.description, u.city, u.postcode,
      f.name, f.street, f.postcode, f.city,
      o.name, o.city,
      d.name,
      s.name_de, s.name_en,
      (select string_agg(concat_ws(' ', st.section, st.name_de, st.name_en), ' ') from service_types st where st.code = any (u.service_types)),
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

create function directory_docs_refresh(p_units uuid[]) returns void
language plpgsql as $$
begin
  delete from directory_docs dd
  where dd.unit_id = any (p_units)
    and not exists (select 1 from units u where u.id = dd.unit_id and u.setting <> 'pflegefamilie');
  insert into directory_docs (unit_id, doc)
  select u.id, directory_doc_text(u.id) from units u
  where u.id = any (p_units) and u.setting <> 'pflegefamilie'
  on conflict (unit_id) do update set doc = excluded.doc
  where directory_docs.doc is distinct from excluded.doc;
end $$;

-- Kept current by triggers; availability updates (free places, confirmations) do not fire them.
create function directory_docs_units() returns trigger language plpgsql as $$
begin
  perform directory_docs_refresh(array[new.id]);
  return null;
end $$;
create trigger directory_docs_units_ins after insert on units
  for each row execute function directory_docs_units();
create trigger directory_docs_units_upd after update on units for each row
  when (old.name is distinct from new.name or old.description is distinct from new.description
    or old.setting is distinct from new.setting or old.service_types is distinct from new.service_types
    or old.specialisations is distinct from new.specialisations or old.languages is distinct from new.languages
    or old.city is distinct from new.city or old.postcode is distinct from new.postcode
    or old.facility_id is distinct from new.facility_id or old.district_ags is distinct from new.district_ags)
  execute function directory_docs_units();

create function directory_docs_facilities() returns trigger language plpgsql as $$
begin
  perform directory_docs_refresh(array(select id from units where facility_id = new.id));
  return null;
end $$;
create trigger directory_docs_facilities after update on facilities for each row
  when (old.name is distinct from new.name or old.street is distinct from new.street
    or old.postcode is distinct from new.postcode or old.city is distinct from new.city
    or old.district_ags is distinct from new.district_ags)
  execute function directory_docs_facilities();

create function directory_docs_organisations() returns trigger language plpgsql as $$
begin
  perform directory_docs_refresh(array(select id from units where owner_id = new.id));
  return null;
end $$;
create trigger directory_docs_organisations after update on organisations for each row
  when (old.name is distinct from new.name or old.city is distinct from new.city)
  execute function directory_docs_organisations();

-- Renamed taxonomy entries (platform admin) reach the documents too.
create function directory_docs_taxonomy() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'service_types' then
    perform directory_docs_refresh(array(select id from units where service_types @> array[new.code]));
  elsif tg_table_name = 'specialisations' then
    perform directory_docs_refresh(array(select id from units where specialisations @> array[new.code]));
  else
    perform directory_docs_refresh(array(select id from units where languages @> array[new.code]));
  end if;
  return null;
end $$;
create trigger directory_docs_service_types after update on service_types for each row
  when (old.name_de is distinct from new.name_de or old.name_en is distinct from new.name_en or old.section is distinct from new.section)
  execute function directory_docs_taxonomy();
create trigger directory_docs_specialisations after update on specialisations for each row
  when (old.name_de is distinct from new.name_de or old.name_en is distinct from new.name_en)
  execute function directory_docs_taxonomy();
create trigger directory_docs_languages after update on languages for each row
  when (old.name_de is distinct from new.name_de or old.name_en is distinct from new.name_en)
  execute function directory_docs_taxonomy();

-- Units that exist already.
select directory_docs_refresh(array(select id from units));

grant select, insert, update, delete on directory_docs to {{APP_ROLE}};
