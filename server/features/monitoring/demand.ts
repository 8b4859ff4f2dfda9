import type { Breakdown, MonitoringDemand, MonitoringQuery, MonitoringUnmet } from '../../../shared/schemas/monitoring';
import type { AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { cell, countRows } from './cells';
import type { DimRow } from './demand-queries';
import { splitPeriod } from './periods';
import { selectRequestDims } from './request-dims-queries';
import { selectEmptyByCriteria, selectSearchDims } from './search-queries';
import { head, open } from './service';
import { selectDistrictNames } from './supply-queries';
import { countEscalated, selectUnplaced } from './unmet-queries';

function toBreakdown(rows: DimRow[]): Breakdown {
  const total = rows.find((r) => r.dim === 'total')?.count ?? 0;
  return {
    total: cell(total),
    byServiceType: countRows(rows, 'serviceType'),
    byAgeBand: countRows(rows, 'ageBand'),
    byGender: countRows(rows, 'gender'),
    byNeed: countRows(rows, 'need'),
    byDistrict: countRows(rows, 'district'),
    byHour: countRows(rows, 'hour').sort((a, b) => Number(a.key) - Number(b.key)),
  };
}

/** Rows of several urgencies summed per dimension and key. */
function sumUrgencies(rows: { urgency: string; dim: string; key: string; count: number }[], only: string | null): DimRow[] {
  const sums = new Map<string, DimRow>();
  for (const r of rows) {
    if (only && r.urgency !== only) continue;
    const k = `${r.dim}\u0000${r.key}`;
    const row = sums.get(k) ?? { dim: r.dim, key: r.key, count: 0 };
    row.count += r.count;
    sums.set(k, row);
  }
  return [...sums.values()];
}

/** Searches, requests and emergency requests: daily summaries plus the raw rows of partial or changed days. */
export async function demand(ctx: AppContext, actor: UserActor, origin: AuditOrigin, q: MonitoringQuery): Promise<MonitoringDemand> {
  const s = await open(ctx, actor, origin, 'demand', q);
  const [searches, requests] = await Promise.all([
    splitPeriod(ctx.sql, 'searches', s.from, s.to).then((sp) => selectSearchDims(ctx.sql, sp, s)),
    splitPeriod(ctx.sql, 'requests', s.from, s.to).then((sp) => selectRequestDims(ctx.sql, sp, s)),
  ]);
  const counted = searches.map((r) => ({ dim: r.dim, key: r.key, count: r.searches }));
  return {
    ...head(s),
    searchKinds: countRows(counted, 'kind'),
    searches: toBreakdown(counted),
    requests: toBreakdown(sumUrgencies(requests, null)),
    emergencyRequests: toBreakdown(sumUrgencies(requests, 'emergency')),
  };
}

export async function unmet(ctx: AppContext, actor: UserActor, origin: AuditOrigin, q: MonitoringQuery): Promise<MonitoringUnmet> {
  const s = await open(ctx, actor, origin, 'unmet', q);
  const sp = await splitPeriod(ctx.sql, 'searches', s.from, s.to);
  const [dims, byCriteria, unplaced, escalated] = await Promise.all([selectSearchDims(ctx.sql, sp, s), selectEmptyByCriteria(ctx.sql, sp, s), selectUnplaced(ctx.sql, s), countEscalated(ctx.sql, s)]);
  const empty = (dim: string) => dims.filter((r) => r.dim === dim && r.empty > 0).sort((a, b) => b.empty - a.empty || a.key.localeCompare(b.key));
  const districts = empty('district').filter((r) => r.key !== 'unknown');
  const names = new Map((await selectDistrictNames(ctx.sql, districts.map((d) => d.key))).map((d) => [d.ags, d]));
  return {
    ...head(s),
    emptySearches: {
      total: cell(dims.find((r) => r.dim === 'total')?.empty ?? 0),
      byCriteria: byCriteria.map((r) => ({
        ...r,
        count: cell(r.count),
        bindingConstraint: r.count < 5 ? null : r.bindingConstraint,
        relaxedFound: r.relaxedFound === null || r.count < 5 ? null : cell(r.relaxedFound),
      })),
      byConstraint: empty('constraint').map((r) => ({ key: r.key, count: cell(r.empty), relaxedFound: cell(r.relaxedFound) })),
      byDistrict: districts
        .filter((r) => names.has(r.key))
        .map((r) => ({ key: r.key, name: names.get(r.key)!.name, lat: names.get(r.key)!.lat, lon: names.get(r.key)!.lon, count: cell(r.empty) })),
    },
    requestsWithoutPlacement: {
      total: cell(unplaced.find((r) => r.dim === 'total')?.count ?? 0),
      byServiceType: countRows(unplaced, 'serviceType'),
      byDeclineReason: countRows(unplaced, 'declineReason'),
    },
    escalatedEmergencies: cell(escalated),
  };
}
