import { AnswerTime } from '../../components/AnswerTime';
import { useTranslation } from 'react-i18next';
import type { EmergencyUnit } from './api';
import { tel } from './tel';

/** One emergency unit: distance, places, age of the figures, a large call button, and the choice to request. */
export function EmergencyUnitCard({ unit: u, chosen, onChoose }: { unit: EmergencyUnit; chosen: boolean; onChoose: () => void }) {
  const { t, i18n } = useTranslation();
  const age = u.lastConfirmedAt
    ? t('emergency.confirmedAgo', { time: new Date(u.lastConfirmedAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' }) })
    : t('emergency.unconfirmed');
  return (
    <li className="card">
      <h3 className="card-title">{u.unitName}</h3>
      <p>
        {u.providerName}
        {u.city ? `, ${u.city}` : ''} · <strong>{t('emergency.distance', { km: u.distanceKm.toLocaleString(i18n.language) })}</strong>
        {u.coarseLocation ? ` (${t('emergency.coarse')})` : ''}
      </p>
      <p>
        <strong>{t('emergency.available', { count: u.availablePlaces })}</strong> · {age}
      </p>
      <p>
        <AnswerTime times={u.answerTimes} />
      </p>
      <a className="button call" href={tel(u.emergencyPhone)} aria-label={t('emergency.callLabel', { unit: u.unitName, phone: u.emergencyPhone })}>
        {t('emergency.call', { phone: u.emergencyPhone })}
      </a>
      {u.runningRequestByMyOffice ? (
        <p className="tag warn">{t('emergency.alreadyAsked')}</p>
      ) : (
        <label className="choose">
          <input type="checkbox" checked={chosen} onChange={onChoose} aria-label={t('emergency.chooseLabel', { unit: u.unitName })} /> {t('emergency.choose')}
        </label>
      )}
    </li>
  );
}
