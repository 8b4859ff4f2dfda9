-- Monitoring (issue 16): a browse without an age and the night's emergency searches are recorded
-- too, each marked with its kind; still no case reference, no free text, no exact point.
alter table search_log alter column age drop not null;
alter table search_log add column kind text not null default 'search' check (kind in ('search', 'browse', 'emergency'));
-- a browse is exactly a search without a child's age
alter table search_log add constraint search_log_browse_without_age check ((kind = 'browse') = (age is null));
