import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTaxonomies } from '../../lib/taxonomies';
import { useProviderMonitoring } from './api';
import { Figure } from './Figure';
import { makeLabels } from './labels';

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)} %`);
const minutes = (v: number | null) => (v === null ? '–' : v.toLocaleString('de-DE'));

/** A provider admin's view: how its units are found and asked for, and the demand around it that found nothing. */
export function ProviderDashboard({ days }: { days: number }) {
  const { t, i18n } = useTranslation();
  const L = makeLabels(t, useTaxonomies(), i18n.language);
  const { data: m, error } = useProviderMonitoring(days);
  return (
    <>
      <ErrorAlert error={error} />
      {m && (
        <>
          <h2>{t('monitoring.ownUnits')}</h2>
          <Figure
            id="eigene-angebote"
            title={t('monitoring.ownUnitsTable')}
            summary={t('monitoring.ownUnitsSummary', { days: m.days })}
            columns={[t('monitoring.unit'), t('monitoring.appearances'), t('monitoring.requests'), t('monitoring.accepted')]}
            rows={m.units.map((u) => [u.name, u.appearances, u.requests, u.accepted])}
          />
          <h2>{t('monitoring.unmetAround', { km: m.radiusKm })}</h2>
          <Figure
            id="unerfuellte-nachfrage-umkreis"
            title={t('monitoring.unmetAroundTable')}
            summary={t('monitoring.unmetAroundSummary', { n: m.unmetAroundTotal, days: m.days, km: m.radiusKm })}
            columns={[t('monitoring.criteria'), t('monitoring.count')]}
            rows={m.unmetAround.map((r) => [[L.serviceType(r.serviceType), L.gender(r.gender), L.ageBand(r.ageBand), ...r.needs.map(L.need)].join(', '), r.count])}
            colour={1}
          />
          <h2>{t('monitoring.ownFigures')}</h2>
          <table className="stats">
            <caption>{t('monitoring.besideRegion')}</caption>
            <thead>
              <tr>
                <td />
                <th scope="col">{t('monitoring.own')}</th>
                <th scope="col">{t('monitoring.regionMedian')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('monitoring.unitsConfirmed')}</th>
                <td>{pct(m.freshness.own.shareUnits)}</td>
                <td>{pct(m.freshness.regionMedianShareUnits)}</td>
              </tr>
              <tr>
                <th scope="row">{t('monitoring.withinTarget')}</th>
                <td>{pct(m.answerTimes.own.shareWithinTarget)}</td>
                <td>{pct(m.answerTimes.regionMedianShareWithinTarget)}</td>
              </tr>
              <tr>
                <th scope="row">{t('monitoring.medianMin')}</th>
                <td>{minutes(m.answerTimes.own.medianMinutes)}</td>
                <td>{minutes(m.answerTimes.regionMedianMinutes)}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
