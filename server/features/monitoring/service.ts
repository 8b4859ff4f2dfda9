import type {
  MonitoringAnswerTimes,
  MonitoringPlacementTime,
  MonitoringQuery,
  MonitoringSupply,
} from '../../../shared/schemas/monitoring';
import { settleAfterAnswer } from '../../after-answer';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { cell, derived, share } from './cells';
import { resolveScope, type Scope } from './scope';
import { selectDistrictNames, selectFreshness, selectPlaces, selectPlanned, selectTrend, type FreshnessRow } from './supply-queries';
import { selectAnswerTimes, selectPlacementTimes, type AnswerRow } from './time-queries';

export const FRESH_HOURS = 72;
export const ANSWER_TARGETS = { emergency: 30, regular: 24 * 60 };

export const head = (s: Scope) => ({ scope: s.scope, days: s.days, from: s.from.toISOString(), to: s.to.toISOString(), districts: s.districts, radiusKm: s.radiusKm });

/** Resolves the scope and records who looked at which figure (the access is audited). */
export async function open(ctx: AppContext, actor: UserActor, origin: AuditOrigin, figure: string, q: MonitoringQuery): Promise<Scope> {
  const s = await resolveScope(ctx, actor, q);
  // the search records of this node's answered searches are written after their answers: counted here
  await settleAfterAnswer();
  await writeAudit(ctx.sql, actor, origin, { action: 'monitoring.view', objectType: 'monitoring', details: { figure, scope: s.scope, days: s.days, districts: s.districts } });
  return s;
}

export const toFreshness = (r: FreshnessRow) => ({
  units: r.units,
  unitsConfirmed: r.unitsConfirmed,
  shareUnits: share(r.unitsConfirmed, r.units),
  freePlaces: r.freePlaces,
  freePlacesConfirmed: r.freePlacesConfirmed,
  sharePlaces: share(r.freePlacesConfirmed, r.freePlaces),
});

export async function supply(ctx: AppContext, actor: UserActor, origin: AuditOrigin, q: MonitoringQuery): Promise<MonitoringSupply> {
  const s = await open(ctx, actor, origin, 'supply', q);
  // independent reads on separate pooled connections: the answer waits for the slowest, not the sum
  const [places, fresh, planned, trend] = await Promise.all([selectPlaces(ctx.sql, s), selectFreshness(ctx.sql, s.districts, FRESH_HOURS), selectPlanned(ctx.sql, s), selectTrend(ctx.sql, s)]);
  const rows = (dim: string) => places.filter((p) => p.dim === dim).map((p) => ({ key: p.key, units: p.units, free: p.free, held: p.held, available: p.free - p.held }));
  const byDistrict = rows('district');
  const names = new Map((await selectDistrictNames(ctx.sql, byDistrict.map((d) => d.key))).map((d) => [d.ags, d]));
  const total = fresh.find((f) => f.providerId === null) ?? { providerId: null, name: null, units: 0, unitsConfirmed: 0, freePlaces: 0, freePlacesConfirmed: 0 };
  return {
    ...head(s),
    available: {
      byServiceType: rows('serviceType'),
      byAgeBand: rows('ageBand'),
      byGender: rows('gender'),
      byDistrict: byDistrict.map((d) => ({ ...d, name: names.get(d.key)?.name ?? d.key, lat: names.get(d.key)?.lat ?? null, lon: names.get(d.key)?.lon ?? null })),
    },
    plannedNext30Days: [...planned],
    freshness: {
      withinHours: FRESH_HOURS,
      region: toFreshness(total),
      providers: fresh.filter((f) => f.providerId !== null).map((f) => ({ providerId: f.providerId!, name: f.name!, ...toFreshness(f) })),
    },
    trend: trend.map((t) => ({ at: new Date(t.at).toISOString(), free: t.free, held: t.held, available: t.free - t.held })),
  };
}

export async function placementTime(ctx: AppContext, actor: UserActor, origin: AuditOrigin, q: MonitoringQuery): Promise<MonitoringPlacementTime> {
  const s = await open(ctx, actor, origin, 'placement-time', q);
  const rows = await selectPlacementTimes(ctx.sql, s);
  const timing = (r: { key: string; urgency: string; cases: number; medianMinutes: number | null; p90Minutes: number | null }) => ({
    key: r.key,
    urgency: r.urgency,
    cases: cell(r.cases),
    medianMinutes: derived(r.cases, r.medianMinutes),
    p90Minutes: derived(r.cases, r.p90Minutes),
  });
  const all = rows.find((r) => r.key === 'all' && r.urgency === 'all') ?? { key: 'all', urgency: 'all', cases: 0, medianMinutes: null, p90Minutes: null };
  return { ...head(s), overall: timing(all), byServiceType: rows.filter((r) => r !== all).map(timing) };
}

export const toAnswer = (r: AnswerRow | undefined) => ({
  requests: cell(r?.requests ?? 0),
  shareWithinTarget: r && r.requests >= 5 ? share(r.within, r.requests) : null,
  medianMinutes: r ? derived(r.requests, r.medianMinutes) : null,
});

export async function answerTimes(ctx: AppContext, actor: UserActor, origin: AuditOrigin, q: MonitoringQuery): Promise<MonitoringAnswerTimes> {
  const s = await open(ctx, actor, origin, 'answer-times', q);
  const rows = await selectAnswerTimes(ctx.sql, s, ANSWER_TARGETS);
  const overall = rows.find((r) => r.providerId === null && r.urgency === null);
  return {
    ...head(s),
    targets: { emergencyMinutes: ANSWER_TARGETS.emergency, regularMinutes: ANSWER_TARGETS.regular },
    region: {
      ...toAnswer(overall),
      emergency: toAnswer(rows.find((r) => r.urgency === 'emergency')),
      regular: toAnswer(rows.find((r) => r.urgency === 'regular')),
    },
    providers: rows.filter((r) => r.providerId !== null).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')).map((r) => ({ providerId: r.providerId!, name: r.name ?? '', ...toAnswer(r) })),
  };
}
