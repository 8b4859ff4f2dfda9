-- Repeatable: applied after the numbered migrations and again whenever this file changes
-- (server/migrate.ts). Edit the function here; never redefine it in a numbered migration.

-- Brings the directory's search documents of these units up to date and adds their new words.
create or replace function directory_docs_refresh(p_units uuid[]) returns void
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
  -- in a fixed order, so that concurrent writers adding the same new words cannot deadlock
  insert into directory_words (word)
  select w from (
    select distinct w from directory_docs dd, regexp_split_to_table(dd.doc, '[^a-z0-9]+') w
    where dd.unit_id = any (p_units) and length(w) >= 3
  ) x order by w
  on conflict do nothing;
end $$;
