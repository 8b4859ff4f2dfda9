import { useTranslation } from 'react-i18next';
import type { Breakdown, Cell } from '../../../../shared/schemas/monitoring';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTaxonomies } from '../../lib/taxonomies';
import { useAnswerTimes, useDemand, usePlacementTime, useSupply, useUnmet, type Filters } from './api';
import { DistrictMap } from './DistrictMap';
import { Figure } from './Figure';
import { makeLabels } from './labels';
import { TrendFigure } from './TrendFigure';
import { useLive } from './useLive';

const pct = (v: number | null) => (v === null ? null : `${Math.round(v * 100)} %`);
const min = (v: number | null) => (v === null ? null : Math.round(v));
const total = (c: Cell) => (typeof c === 'number' ? c.toLocaleString('de-DE') : c);

/** Office and platform dashboards: supply, demand, unmet demand, time to placement, answer times. */
export function RegionDashboard({ f, platform }: { f: Filters; platform: boolean }) {
  const { t, i18n } = useTranslation();
  const L = makeLabels(t, useTaxonomies(), i18n.language);
  const supply = useSupply(f);
  const demand = useDemand(f);
  const unmet = useUnmet(f);
  const time = usePlacementTime(f);
  const answers = useAnswerTimes(f);
  useLive(supply.reload);
  useLive(demand.reload);
  useLive(unmet.reload);
  const s = supply.data;
  const d = demand.data;
  const u = unmet.data;
  const p = time.data;
  const a = answers.data;
  const counts = (b: Breakdown['byServiceType'], label: (k: string) => string) => b.map((r) => [label(r.key), r.count]);
  return (
    <>
      <ErrorAlert error={supply.error ?? demand.error ?? unmet.error ?? time.error ?? answers.error} />
      {s && (
        <section aria-labelledby="mon-supply">
          <h2 id="mon-supply">{t('monitoring.supply')}</h2>
          <Figure
            id="verfuegbar-nach-hilfeart"
            title={t('monitoring.availableByType')}
            summary={t('monitoring.availableSummary', { available: s.available.byDistrict.reduce((n, r) => n + r.available, 0), units: s.available.byDistrict.reduce((n, r) => n + r.units, 0) })}
            columns={[t('monitoring.serviceType'), t('monitoring.available'), t('monitoring.free'), t('monitoring.held')]}
            rows={s.available.byServiceType.map((r) => [L.serviceType(r.key), r.available, r.free, r.held])}
          />
          <Figure
            id="verfuegbar-nach-alter"
            title={t('monitoring.availableByAge')}
            summary={t('monitoring.overlapNote')}
            columns={[t('monitoring.ageBand'), t('monitoring.available')]}
            rows={s.available.byAgeBand.map((r) => [L.ageBand(r.key), r.available])}
            colour={2}
          />
          <TrendFigure trend={s.trend} />
          {platform && <DistrictMap supply={s} unmet={u} />}
          {platform && (
            <Figure
              id="verfuegbar-nach-kreis"
              title={t('monitoring.availableByDistrict')}
              summary={t('monitoring.districtSummary', { n: s.available.byDistrict.length })}
              columns={[t('monitoring.district'), t('monitoring.available'), t('monitoring.units')]}
              rows={s.available.byDistrict.map((r) => [r.name, r.available, r.units])}
            />
          )}
          <Figure
            id="aktualitaet"
            title={t('monitoring.freshness')}
            summary={t('monitoring.freshnessSummary', { units: pct(s.freshness.region.shareUnits) ?? '–', places: pct(s.freshness.region.sharePlaces) ?? '–' })}
            columns={[t('monitoring.provider'), t('monitoring.unitsConfirmed'), t('monitoring.placesConfirmed'), t('monitoring.units')]}
            rows={s.freshness.providers.map((r) => [r.name, pct(r.shareUnits), pct(r.sharePlaces), r.units])}
            chart={false}
          />
          <Figure
            id="geplant-30-tage"
            title={t('monitoring.planned')}
            summary={t('monitoring.plannedSummary', { n: s.plannedNext30Days.reduce((n, r) => n + r.places, 0) })}
            columns={[t('monitoring.serviceType'), t('monitoring.places')]}
            rows={s.plannedNext30Days.map((r) => [L.serviceType(r.key), r.places])}
            colour={4}
          />
        </section>
      )}
      {d && (
        <section aria-labelledby="mon-demand">
          <h2 id="mon-demand">{t('monitoring.demand')}</h2>
          <p>{t('monitoring.demandSummary', { searches: total(d.searches.total), requests: total(d.requests.total), emergency: total(d.emergencyRequests.total) })}</p>
          <Figure id="suchen-nach-art" title={t('monitoring.searchesByKind')} summary={t('monitoring.kindNote')} columns={[t('monitoring.searchKind'), t('monitoring.count')]} rows={counts(d.searchKinds, L.kind)} colour={5} />
          <Figure id="suchen-nach-hilfeart" title={t('monitoring.searchesByType')} summary={t('monitoring.suppressNote')} columns={[t('monitoring.serviceType'), t('monitoring.count')]} rows={counts(d.searches.byServiceType, L.serviceType)} />
          <Figure id="anfragen-nach-alter" title={t('monitoring.requestsByAge')} summary={t('monitoring.suppressNote')} columns={[t('monitoring.ageBand'), t('monitoring.count')]} rows={counts(d.requests.byAgeBand, L.ageBand)} colour={2} />
          <Figure id="notfaelle-nach-uhrzeit" title={t('monitoring.emergencyByHour')} summary={t('monitoring.hourNote')} columns={[t('monitoring.hourOfDay'), t('monitoring.count')]} rows={counts(d.emergencyRequests.byHour, L.hour)} colour={1} />
        </section>
      )}
      {u && (
        <section aria-labelledby="mon-unmet">
          <h2 id="mon-unmet">{t('monitoring.unmet')}</h2>
          <p>{t('monitoring.unmetSummary', { searches: total(u.emptySearches.total), children: total(u.requestsWithoutPlacement.total), escalated: total(u.escalatedEmergencies) })}</p>
          <Figure
            id="ergebnislose-suchen"
            title={t('monitoring.emptyByCriteria')}
            summary={t('monitoring.suppressNote')}
            columns={[t('monitoring.criteria'), t('monitoring.count'), t('monitoring.binding'), t('monitoring.relaxed')]}
            rows={u.emptySearches.byCriteria.map((r) => [
              [L.serviceType(r.serviceType), L.gender(r.gender), L.ageBand(r.ageBand), ...r.needs.map(L.need)].join(', '),
              r.count,
              L.constraint(r.bindingConstraint),
              r.relaxedFound,
            ])}
            colour={1}
          />
          <Figure
            id="bindende-kriterien"
            title={t('monitoring.byConstraint')}
            summary={t('monitoring.constraintNote')}
            columns={[t('monitoring.binding'), t('monitoring.count'), t('monitoring.relaxed')]}
            rows={u.emptySearches.byConstraint.map((r) => [L.constraint(r.key), r.count, r.relaxedFound])}
            colour={3}
          />
        </section>
      )}
      {p && (
        <section aria-labelledby="mon-time">
          <h2 id="mon-time">{t('monitoring.placementTime')}</h2>
          <Figure
            id="dauer-bis-belegung"
            title={t('monitoring.placementTimeTable')}
            summary={p.overall.medianMinutes === null ? t('monitoring.tooFew') : t('monitoring.placementSummary', { median: min(p.overall.medianMinutes), p90: min(p.overall.p90Minutes) })}
            columns={[t('monitoring.serviceType'), t('monitoring.urgencyLabel'), t('monitoring.medianMin'), t('monitoring.p90Min'), t('monitoring.cases')]}
            rows={p.byServiceType.map((r) => [L.serviceType(r.key), L.urgency(r.urgency), min(r.medianMinutes), min(r.p90Minutes), r.cases])}
            colour={5}
          />
        </section>
      )}
      {a && (
        <section aria-labelledby="mon-answers">
          <h2 id="mon-answers">{t('monitoring.answerTimes')}</h2>
          <Figure
            id="antwortzeiten"
            title={t('monitoring.answerByProvider')}
            summary={t('monitoring.answerSummary', { emergency: pct(a.region.emergency.shareWithinTarget) ?? '–', regular: pct(a.region.regular.shareWithinTarget) ?? '–', median: min(a.region.medianMinutes) ?? '–' })}
            columns={[t('monitoring.provider'), t('monitoring.withinTarget'), t('monitoring.medianMin'), t('monitoring.requests')]}
            rows={a.providers.map((r) => [r.name, pct(r.shareWithinTarget), min(r.medianMinutes), r.requests])}
            chart={false}
          />
        </section>
      )}
    </>
  );
}
