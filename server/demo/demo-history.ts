import type { AppContext } from '../context';
import type { Db } from '../db';

/**
 * A year of believable monitoring history for the demo offices, so every chart shows something
 * on a fresh start: recorded searches (a fifth find nothing, more at night for emergencies; a
 * tenth are browses without an age),
 * daily supply snapshots for a year and hourly ones for the last week, and closed requests of
 * the last 80 days (older ones would be deleted by REQUEST_RETENTION_DAYS anyway).
 * Deterministic (setseed), set-based SQL: a few seconds.
 */
export async function seedDemoHistory(ctx: AppContext, orgIds: Map<string, string>): Promise<void> {
  await ctx.sql.begin((tx) => writeDemoHistory(tx, orgIds));
}

/** seedDemoHistory's statements, in a transaction of the caller's. */
export async function writeDemoHistory(tx: Db, orgIds: Map<string, string>): Promise<void> {
  const pick = (keys: string[]) => keys.map((k) => orgIds.get(k)).filter((x): x is string => !!x);
  const offices = pick(['ja-koeln', 'ja-mainz-bingen', 'ja-luebeck', 'ja-leipzig']);
  const providers = pick(['tr-rheinland', 'tr-rheinhessen', 'tr-trave', 'tr-sachsen']);
  await tx`select setseed(0.16)`;
  await tx`
    insert into search_log (kind, searched_at, office_id, district_ags, service_type, age, gender, needs, secure_setting, siblings,
                            emergency_intake, radius_km, ref_lat, ref_lon, result_count, binding_constraint, relaxed_found)
    select case when browse then 'browse' when emer then 'emergency' else 'search' end, at, o.id, o.district_ags, st,
           case when browse then null else age end, g, nd, sec, 0, emer, 50, round(c.lat::numeric, 1), round(c.lon::numeric, 1),
           case when empty then 0 else 1 + floor(random() * 8)::int end,
           case when empty then (array['radius', 'needs', 'secure', 'age', 'gender', 'none'])[1 + floor(random() * 6)::int] end,
           case when empty then floor(random() * 5)::int end
    from organisations o join district_centres c on c.ags = o.district_ags,
         generate_series(1, 3000) i,
         lateral (select now() - make_interval(days => floor(random() * 365)::int, hours => floor(random() * 24)::int, mins => floor(random() * 60)::int) as at,
                         (array['34', '34', '34', '33', '35a-stat', '13-3', '19'])[1 + floor(random() * 7 + i * 0)::int] as st,
                         6 + floor(random() * 12)::int as age,
                         (array['female', 'male', 'male', 'diverse'])[1 + floor(random() * 4)::int] as g,
                         case when random() < 0.25 then array['trauma'] else '{}' end as nd,
                         random() < 0.03 as sec, random() < 0.15 as emer, random() < 0.2 as empty, random() < 0.1 as browse) x
    where o.id = any(${offices}::uuid[])`;
  const snap = (at: ReturnType<typeof tx>) => tx`
    insert into supply_snapshots (taken_at, district_ags, service_type, units, free_places, held_places)
    select t, u.district_ags, '*', count(*), greatest(0, sum(u.free_places) + round((random() - 0.5) * 6))::int, 0
    from ${at} t, units u join organisations o on o.id = u.owner_id
    where u.archived_at is null and u.capacity_total is not null and u.district_ags is not null and (u.owner_kind = 'office' or o.verified_at is not null)
    group by 1, 2 on conflict do nothing`;
  await snap(tx`(select date_trunc('day', now()) - make_interval(days => d) + interval '12 hours' as t from generate_series(7, 365) d)`);
  await snap(tx`(select date_trunc('hour', now()) - make_interval(hours => h) as t from generate_series(1, 168) h)`);
  await tx`
    insert into supply_snapshot_totals (taken_at, units, free_places, held_places)
    select taken_at, sum(units), sum(free_places), sum(held_places) from supply_snapshots where service_type = '*' group by 1
    on conflict (taken_at) do update set units = excluded.units, free_places = excluded.free_places, held_places = excluded.held_places`;
  await tx`
    insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start,
                                    urgency, status, decline_reason, answered_at, closed_at, created_at)
    select gen_random_uuid(), o.id, cw.id, un.id, un.owner_id, 'DEMO-' || i, 8 + floor(random() * 10)::int,
           (array['female', 'male', 'diverse'])[1 + floor(random() * 3)::int], current_date, urg, st,
           case when st = 'declined' then (array['no-place', 'group-fit', 'needs-not-covered', 'staffing'])[1 + floor(random() * 4)::int] end,
           created + make_interval(mins => answer), created + make_interval(mins => answer + close), created
    from organisations o
    join lateral (select id from users where organisation_id = o.id and role = 'caseworker' limit 1) cw on true,
         generate_series(1, 160) i,
         lateral (select id, owner_id from units where owner_id = any(${providers}::uuid[]) and capacity_total is not null and archived_at is null
                  order by random() + i * 0 limit 1) un,
         lateral (select now() - make_interval(days => 1 + floor(random() * 79 + i * 0)::int, mins => floor(random() * 1440)::int) as created,
                         case when random() < 0.2 then 'emergency' else 'regular' end::request_urgency as urg,
                         (array['confirmed', 'confirmed', 'confirmed', 'declined', 'declined', 'withdrawn'])[1 + floor(random() * 6)::int]::request_status as st,
                         floor(5 + random() * random() * 900)::int as answer, floor(10 + random() * 600)::int as close) x
    where o.id = any(${offices}::uuid[])`;
}
