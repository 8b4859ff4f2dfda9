import type { Statistics } from '../../../shared/schemas/statistics';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { countEscalations, selectHistory, selectPlaceCounts, selectRequestCounts } from './queries';

/** Office admins see their office's figures; the platform admin the whole region's. No child data. */
export async function statistics(ctx: AppContext, actor: UserActor, days: number): Promise<Statistics> {
  const office = actor.role === 'platform_admin' ? null : actor.orgId;
  const r = await selectRequestCounts(ctx.sql, office, days);
  const escalated = await countEscalations(ctx.sql, office, days);
  const p = await selectPlaceCounts(ctx.sql, ctx.config.FRESHNESS_UNCONFIRMED_HOURS);
  const history = await selectHistory(ctx.sql, office);
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
      escalated,
      medianHoursToPlacement: r.medianHours === null ? null : Math.round(r.medianHours * 10) / 10,
    },
    places: { unitsWithFree: p.unitsWithFree, freePlaces: p.freePlaces, heldPlaces: p.heldPlaces, unconfirmedUnits: p.unconfirmed },
    history: [...history],
  };
}
