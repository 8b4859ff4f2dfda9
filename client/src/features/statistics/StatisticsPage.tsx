import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/form';
import { TableWrap } from '../../components/TableWrap';
import { useStatistics } from './api';

const PERIODS = [7, 30, 90, 365];

export default function StatisticsPage() {
  const { t } = useTranslation();
  const [days, setDays] = useState(30);
  const { data: s, error } = useStatistics(days);
  const row = (label: string, value: string | number) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
  return (
    <>
      <h1>{s?.scope === 'region' ? t('statistics.titleRegion') : t('statistics.titleOffice')}</h1>
      <SelectField id="st-days" label={t('statistics.period')} value={days} onChange={(v) => setDays(Number(v))}>
        {PERIODS.map((d) => (
          <option key={d} value={d}>
            {t('statistics.days', { days: d })}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={error} />
      {s && (
        <>
          <table className="stats">
            <caption>{t('statistics.requests')}</caption>
            <tbody>
              {row(t('statistics.running'), s.requests.running)}
              {row(t('statistics.confirmed'), s.requests.confirmed)}
              {row(t('statistics.declined'), s.requests.declined)}
              {row(t('statistics.withdrawn'), s.requests.withdrawn)}
              {row(t('statistics.expired'), s.requests.expired)}
              {row(t('statistics.released'), s.requests.released)}
              {row(t('statistics.emergency'), s.requests.emergency)}
              {row(t('statistics.escalated'), s.requests.escalated)}
              {row(t('statistics.median'), s.requests.medianHoursToPlacement === null ? t('statistics.none') : t('statistics.hours', { value: s.requests.medianHoursToPlacement }))}
            </tbody>
          </table>
          <table className="stats">
            <caption>{t('statistics.places')}</caption>
            <tbody>
              {row(t('statistics.unitsWithFree'), s.places.unitsWithFree)}
              {row(t('statistics.freePlaces'), s.places.freePlaces)}
              {row(t('statistics.heldPlaces'), s.places.heldPlaces)}
              {row(t('statistics.unconfirmed'), s.places.unconfirmedUnits)}
            </tbody>
          </table>
          <h2>{t('statistics.history')}</h2>
          {s.history.length === 0 ? (
            <p>{t('statistics.noHistory')}</p>
          ) : (
            <TableWrap label={t('statistics.history')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('statistics.month')}</th>
                    <th scope="col">{t('statistics.outcome')}</th>
                    <th scope="col">{t('statistics.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.history.map((h) => (
                    <tr key={`${h.month}-${h.outcome}`}>
                      <td>{h.month}</td>
                      <td>{t(`requests.status.${h.outcome}`)}</td>
                      <td>{h.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      )}
    </>
  );
}
