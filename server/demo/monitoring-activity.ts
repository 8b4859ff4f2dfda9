import type { Sql } from '../db';

/**
 * A year of monitoring activity at national scale on a generated data set (server/demo/generate.ts):
 * `searches` recorded searches (a fifth empty, binding constraint the radius) and `requests` closed
 * requests spread over the last 365 days, hourly supply snapshots of a week and daily ones of a
 * year (with their national totals). Used by `npm run seed -- --history` and the benchmark.
 * Rows are written in time order, as a year of recording appends them (a day's rows lie together).
 * Set-based SQL as the database owner; deterministic (setseed).
 */
export async function generateMonitoringActivity(owner: Sql, o: { searches: number; requests: number }) {
  await owner`select setseed(0.5)`;
  await owner`
    with offs as (select array_agg(o.id order by o.id) as ids, array_agg(o.district_ags order by o.id) as ags,
                         array_agg(c.lat order by o.id) as lats, array_agg(c.lon order by o.id) as lons
                  from organisations o join district_centres c on c.ags = o.district_ags where o.kind = 'office'),
    picks as (select i, 1 + floor(random() * cardinality(offs.ids))::int as k, case when random() < 0.2 then 0 else 1 + floor(random() * 10)::int end as r0,
                     now() - make_interval(secs => floor(random() * 365 * 86400)::int) as t
              from generate_series(1, ${o.searches}) i, offs)
    insert into search_log (searched_at, office_id, district_ags, service_type, age, gender, needs, ref_lat, ref_lon, result_count, binding_constraint, relaxed_found)
    select t, offs.ids[k], offs.ags[k],
           (array['34', '34', '33', '35a-stat', '13-3', '19'])[1 + floor(random() * 6)::int], 6 + floor(random() * 12)::int,
           (array['female', 'male', 'diverse'])[1 + floor(random() * 3)::int], case when random() < 0.2 then array['trauma'] else '{}' end,
           round(offs.lats[k]::numeric, 1), round(offs.lons[k]::numeric, 1), r0, case when r0 = 0 then 'radius' end, case when r0 = 0 then 2 end
    from picks, offs order by t`;
  await owner`
    with cws as (select array_agg(id) as ids, array_agg(organisation_id) as orgs from users where role = 'caseworker'),
    us as (select array_agg(id) as ids, array_agg(owner_id) as owners from units where owner_kind = 'provider' and capacity_total is not null),
    picks as (select i, 1 + floor(random() * cardinality(cws.ids))::int as c, 1 + floor(random() * cardinality(us.ids))::int as u,
                     now() - make_interval(secs => floor(random() * 365 * 86400)::int) as t,
                     (array['confirmed', 'declined', 'withdrawn'])[1 + floor(random() * 3)::int]::request_status as st
              from generate_series(1, ${o.requests}) i, cws, us)
    insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start,
                                    urgency, status, decline_reason, answered_at, closed_at, created_at)
    select gen_random_uuid(), cws.orgs[c], cws.ids[c], us.ids[u], us.owners[u], 'B-' || i, 8 + floor(random() * 10)::int, 'female', current_date,
           case when random() < 0.2 then 'emergency' else 'regular' end::request_urgency, st,
           case when st = 'declined' then 'no-place' end, t + interval '20 minutes', t + interval '3 hours', t
    from picks, cws, us order by t`;
  // the generated units carry no district: take the (first) district of their postcode, so that
  // supply by district, the region scopes and the snapshots count them
  await owner`
    update units u set district_ags = (select min(pd.district_ags) from postcode_districts pd where pd.code = u.postcode)
    where u.district_ags is null and u.postcode is not null`;
  for (const at of [owner`(select date_trunc('hour', now()) - make_interval(hours => h) as t from generate_series(0, 167) h)`, owner`(select date_trunc('day', now()) - make_interval(days => d) as t from generate_series(7, 365) d)`]) {
    await owner`
      insert into supply_snapshots (taken_at, district_ags, service_type, units, free_places, held_places)
      select t.t, district_ags, '*', count(*), sum(free_places), sum(held_places) from ${at} t, units
      where archived_at is null and capacity_total is not null and district_ags is not null group by 1, 2 on conflict do nothing`;
  }
  await owner`
    insert into supply_snapshot_totals (taken_at, units, free_places, held_places)
    select taken_at, sum(units), sum(free_places), sum(held_places) from supply_snapshots where service_type = '*' group by 1
    on conflict (taken_at) do nothing`;
  await owner`vacuum analyze search_log, placement_requests, supply_snapshots`;
}
