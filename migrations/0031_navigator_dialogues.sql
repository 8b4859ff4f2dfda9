-- Intake navigator: one dialogue per municipality (district), loaded as data by the platform admin.
-- The dialogue itself is validated by the application (zod + graph checks) before it is stored.
-- Nothing about the people using the navigator is stored anywhere: answers travel with each request.
create table navigator_dialogues (
  district_ags text primary key references districts (ags),
  dialogue jsonb not null check (jsonb_typeof(dialogue) = 'object'),
  version integer not null default 1 check (version >= 1),
  loaded_by uuid references users (id) on delete set null,
  loaded_at timestamptz not null default now()
);

grant select, insert, update, delete on navigator_dialogues to {{APP_ROLE}};
