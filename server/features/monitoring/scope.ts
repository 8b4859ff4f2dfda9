import type { MonitoringQuery } from '../../../shared/schemas/monitoring';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { forbidden, invalid } from '../../http/errors';
import { selectOfficeDistrict, selectRegionDistricts } from './scope-queries';

/** What a figure counts: the districts (null: all), the office (scope office), the period. */
export interface Scope {
  scope: 'office' | 'district' | 'region' | 'all';
  districts: string[] | null;
  officeId: string | null;
  radiusKm: number | null;
  days: number;
  from: Date;
  to: Date;
}

/**
 * Office users see their office, their district or the region around it (MONITORING_RADIUS_KM
 * from the district's centre); the platform admin everything, or one district (and its region).
 */
export async function resolveScope(ctx: AppContext, actor: UserActor, q: MonitoringQuery): Promise<Scope> {
  const to = new Date();
  const from = new Date(to.getTime() - q.days * 86_400_000);
  const radius = ctx.config.MONITORING_RADIUS_KM;
  const base = { days: q.days, from, to };
  if (actor.role === 'platform_admin') {
    if (q.scope === 'office') throw invalid('query.scope', 'is only for office users');
    if (!q.district) {
      if (q.scope && q.scope !== 'all') throw invalid('query.district', 'is required with this scope');
      return { ...base, scope: 'all', districts: null, officeId: null, radiusKm: null };
    }
    if (q.scope === 'region') return { ...base, scope: 'region', districts: await selectRegionDistricts(ctx.sql, q.district, radius), officeId: null, radiusKm: radius };
    return { ...base, scope: 'district', districts: [q.district], officeId: null, radiusKm: null };
  }
  if (q.scope === 'all') throw forbidden('Only the platform admin sees all districts');
  const own = await selectOfficeDistrict(ctx.sql, actor.orgId);
  if (!own) throw forbidden('The office has no district');
  if (q.district && q.district !== own) throw forbidden('Offices see their own district and the region around it');
  const scope = q.scope ?? 'district';
  if (scope === 'region') return { ...base, scope, districts: await selectRegionDistricts(ctx.sql, own, radius), officeId: null, radiusKm: radius };
  return { ...base, scope, districts: [own], officeId: scope === 'office' ? actor.orgId : null, radiusKm: null };
}
