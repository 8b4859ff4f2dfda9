import { z } from 'zod';
import { StatisticsSchema, type Statistics } from '../../../shared/schemas/statistics';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { defineRoute } from '../../http/route';

/** Office admins see their office's figures; the platform admin the whole region's. No child data. */
async function statistics(ctx: AppContext, actor: UserActor, days: number): Promise<Statistics> {
  const office = actor.role === 'platform_admin' ? null : actor.orgId;
  const [r] = await ctx.sql`
    select
      count(*) filter (where status in ('open', 'question', 'accepted'))::int as running,
      count(*) filter (where status = 'confirmed' and closed_at > now() - make_interval(days => ${days}))::int as confirmed,
      count(*) filter (where status = 'declined' and closed_at > now() - make_interval(days => ${days}))::int as declined,
      count(*) filter (where status = 'withdrawn' and closed_at > now() - make_interval(days => ${days}))::int as withdrawn,
      count(*) filter (where status = 'expired' and closed_at > now() - make_interval(days => ${days}))::int as expired,
      count(*) filter (where status = 'released' and closed_at > now() - make_interval(days => ${days}))::int as released,
      count(*) filter (where urgency = 'emergency' and created_at > now() - make_interval(days => ${days}))::int as emergency,
      (percentile_cont(0.5) within group (order by extract(epoch from closed_at - created_at) / 3600)
        filter (where status = 'confirmed' and closed_at > now() - make_interval(days => ${days})))::float8 as median_hours
    from placement_requests
    where (${office}::uuid is null or office_id = ${office}::uuid)`;
  const [esc] = await ctx.sql`select count(*)::int as n from emergency_escalations
    where escalated_at > now() - make_interval(days => ${days}) and (${office}::uuid is null or office_id = ${office}::uuid)`;
  const [p] = await ctx.sql`
    select count(*) filter (where u.free_places - u.held_places > 0)::int as units_with_free,
           coalesce(sum(u.free_places), 0)::int as free_places, coalesce(sum(u.held_places), 0)::int as held_places,
           count(*) filter (where u.capacity_total is not null and (u.last_confirmed_at is null or u.last_confirmed_at < now() - make_interval(days => ${ctx.config.FRESHNESS_UNCONFIRMED_DAYS})))::int as unconfirmed
    from units u join organisations o on o.id = u.owner_id
    where u.archived_at is null and u.owner_kind = 'provider' and o.verified_at is not null`;
  const history = await ctx.sql`
    select to_char(month, 'YYYY-MM') as month, outcome::text, count(*)::int as count,
           (percentile_cont(0.5) within group (order by minutes_to_close))::float8 as median_minutes
    from placement_stats
    where month > now() - interval '13 months'
      and (${office}::uuid is null or district_ags = (select district_ags from organisations where id = ${office}::uuid))
    group by 1, 2 order by 1, 2`;
  return {
    scope: office ? 'office' : 'region',
    days,
    requests: {
      running: r.running,
      confirmed: r.confirmed,
      declined: r.declined,
      withdrawn: r.withdrawn,
      expired: r.expired,
      released: r.released,
      emergency: r.emergency,
      escalated: esc.n,
      medianHoursToPlacement: r.medianHours === null ? null : Math.round(r.medianHours * 10) / 10,
    },
    places: { unitsWithFree: p.unitsWithFree, freePlaces: p.freePlaces, heldPlaces: p.heldPlaces, unconfirmedUnits: p.unconfirmed },
    history: history as never,
  };
}

export const statisticsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/statistics',
    summary: "Figures on requests and places: the office's own (office admin) or region-wide (platform admin); no child data",
    tags: ['statistics'],
    access: ['office_admin', 'platform_admin'],
    query: z.object({ days: z.coerce.number().int().min(1, 'must be at least 1').max(365, 'must be at most 365').default(30) }),
    response: StatisticsSchema,
    handler: async ({ ctx, actor, query }) => statistics(ctx, actor, query.days),
  }),
];
