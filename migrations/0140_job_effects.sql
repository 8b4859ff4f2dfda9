-- Effects of background jobs that must happen at most once per job (an e-mail, a push). pg-boss
-- delivers a job at least once: a job active on a primary that was lost in a failover (its
-- completion never reached the new primary) runs again after it expires. A handler claims each
-- effect here before it acts; the retry finds the claim and skips what was done.
create table job_effects (
  job_id uuid not null,
  effect text not null check (length(effect) between 1 and 300),
  done_at timestamptz not null default now(),
  primary key (job_id, effect)
);
create index job_effects_done_at on job_effects (done_at);

grant select, insert, delete on job_effects to {{APP_ROLE}};
