import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTaxonomies } from '../../lib/taxonomies';
import { useAnswerTimes, useDemand, usePlacementTime, useSupply, useUnmet, type Filters } from './api';
import { DemandSection } from './DemandSection';
import { Figure } from './Figure';
import { makeLabels } from './labels';
import { SupplySection } from './SupplySection';
import { UnmetSection } from './UnmetSection';
import { useLive } from './useLive';

const pct = (v: number | null) => (v === null ? null : `${Math.round(v * 100)} %`);
const min = (v: number | null) => (v === null ? null : Math.round(v));
const minDe = (v: number | null) => (v === null ? '–' : Math.round(v).toLocaleString('de-DE'));

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
  return (
    <>
      <ErrorAlert error={supply.error ?? demand.error ?? unmet.error ?? time.error ?? answers.error} />
      {s && <SupplySection s={s} u={u} platform={platform} L={L} />}
      {d && <DemandSection d={d} L={L} />}
      {u && <UnmetSection u={u} L={L} />}
      {p && (
        <section aria-labelledby="mon-time">
          <h2 id="mon-time">{t('monitoring.placementTime')}</h2>
          <Figure
            id="dauer-bis-belegung"
            title={t('monitoring.placementTimeTable')}
            summary={p.overall.medianMinutes === null ? t('monitoring.tooFew') : t('monitoring.placementSummary', { median: minDe(p.overall.medianMinutes), p90: minDe(p.overall.p90Minutes) })}
            columns={[t('monitoring.serviceType'), t('monitoring.urgencyLabel'), t('monitoring.medianMin'), t('monitoring.p90Min'), t('monitoring.cases')]}
            rows={p.byServiceType.map((r) => [L.serviceType(r.key), L.urgency(r.urgency), min(r.medianMinutes), min(r.p90Minutes), r.cases])}
            measure={2}
            marker={3}
            labelOf={(r) => `${r[0]} · ${r[1]}`}
          />
        </section>
      )}
      {a && (
        <section aria-labelledby="mon-answers">
          <h2 id="mon-answers">{t('monitoring.answerTimes')}</h2>
          <Figure
            id="antwortzeiten"
            title={t('monitoring.answerByProvider')}
            summary={t('monitoring.answerSummary', { emergency: pct(a.region.emergency.shareWithinTarget) ?? '–', regular: pct(a.region.regular.shareWithinTarget) ?? '–', median: minDe(a.region.medianMinutes) })}
            columns={[t('monitoring.provider'), t('monitoring.withinTarget'), t('monitoring.medianMin'), t('monitoring.requests')]}
            rows={a.providers.map((r) => [r.name, pct(r.shareWithinTarget), min(r.medianMinutes), r.requests])}
            chart={false}
          />
        </section>
      )}
    </>
  );
}
