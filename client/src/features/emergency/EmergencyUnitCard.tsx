import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CreatedRequests, EmergencyUnit, Suggestion } from './api';

const tel = (phone: string) => `tel:${phone.replace(/[^+\d]/g, '')}`;

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

/** The answers to a sent emergency request, and the alternatives offered when nobody answered in time. */
export function EmergencyAnswers({ sent, suggestions }: { sent: CreatedRequests; suggestions: Suggestion[] }) {
  const { t, i18n } = useTranslation();
  return (
    // announced through the shell's live region (it exists before the text); the focus comes to the banner
    <section aria-labelledby="answers-h">
      <p className="banner" id="emergency-sent" tabIndex={-1}>
        {t('emergency.sent')}
      </p>
      <h2 id="answers-h">{t('emergency.answers')}</h2>
      <ul>
        {sent.items.map((i) => (
          <li key={i.id}>
            <Link to={`/anfragen/${i.id}`}>{i.unitName}</Link>: {i.status === 'open' ? t('emergency.waiting') : t(`requests.status.${i.status}`)}
          </li>
        ))}
      </ul>
      {suggestions.length > 0 && (
        <>
          <p className="banner warn">{t('emergency.escalated')}</p>
          <ul>
            {suggestions.map((s) => (
              <li key={s.unitId}>
                {s.unitName} ({s.providerName}), {s.distanceKm.toLocaleString(i18n.language)} km · <a href={tel(s.emergencyPhone)}>{t('emergency.call', { phone: s.emergencyPhone })}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
