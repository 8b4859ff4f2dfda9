import { useTranslation } from 'react-i18next';
import { AnswerTime } from '../../components/AnswerTime';
import type { SearchResult } from './api';
import type { Describer } from './describe';

export type LiveMark = 'new' | 'gone' | 'changed' | undefined;

/** One result with its explanation: why it matched, what it misses, the age of its figures. */
export function ResultCard({ r, d, mark, chosen, onChoose }: { r: SearchResult; d: Describer; mark: LiveMark; chosen: boolean; onChoose: () => void }) {
  const { t, i18n } = useTranslation();
  const p = r.places;
  const age =
    p.confirmedAgeHours === null
      ? t('search.neverConfirmed')
      : p.confirmedAgeHours < 1
        ? t('search.confirmedNow')
        : p.confirmedAgeHours < 48
        ? t('search.confirmed', { count: p.confirmedAgeHours })
        : t('search.confirmedDays', { count: Math.floor(p.confirmedAgeHours / 24) });
  const today = new Date().toISOString().slice(0, 10);
  return (
    <li className={`card result ${mark ?? ''}`} id={`result-${r.unitId}`}>
      <h3 className="card-title">
        <span className="pos">{r.position}.</span> {r.name}
        {mark && <strong className={`tag ${mark === 'gone' ? 'danger' : 'warn'}`}> {t(`search.${mark}`)}</strong>}
      </h3>
      <p>
        {r.provider.name}
        {r.facility?.city ? `, ${r.facility.city}` : r.location.city ? `, ${r.location.city}` : ''}
        {r.distanceKm !== null && (
          <>
            {' · '}
            <strong>{d.km(r.distanceKm)}</strong>
          </>
        )}
        {r.location.coarse && ` · ${t('search.coarse')}`}
      </p>
      <p className="muted">{r.serviceTypes.map((code) => d.label('serviceTypes', code)).join(' · ')}</p>
      {r.provider.kind === 'provider' && (
        <p>
          <AnswerTime times={r.answerTimes} />
        </p>
      )}
      <p>
        <strong>{t('search.places', { available: p.availablePlaces, free: p.freePlaces, held: p.heldPlaces })}</strong>
        {p.admittablePlaces !== null && ` · ${t('search.admittable', { count: p.admittablePlaces })}`}
        {p.availableFrom > today && ` · ${t('search.availableFrom', { date: new Date(p.availableFrom).toLocaleDateString(i18n.language) })}`}
        {' · '}
        <span className={`fresh f-${p.freshness}`}>
          {age} ({t(`search.freshness.${p.freshness}`)})
        </span>
      </p>
      <details>
        <summary>{t('search.why')}</summary>
        <ul className="reasons">
          {r.match.reasons.map((m) => (
            <li key={m.criterion}>
              <span aria-hidden="true">✓ </span>
              {d.reason(m)}
            </li>
          ))}
        </ul>
        {r.match.preferencesMet.length > 0 && (
          <>
            <h4>{t('search.met')}</h4>
            <ul className="reasons">
              {r.match.preferencesMet.map((m, i) => (
                <li key={i}>
                  <span aria-hidden="true">+ </span>
                  {d.check(m, false)}
                </li>
              ))}
            </ul>
          </>
        )}
      </details>
      {r.match.preferencesMissed.length > 0 && (
        <p className="missed">
          {t('search.missed')}:{' '}
          {r.match.preferencesMissed.map((m) => d.check(m, true)).join('; ')}
        </p>
      )}
      <p>
        {[
          r.contact.phone && (
            <a key="p" href={`tel:${r.contact.phone.replace(/[^+\d]/g, '')}`}>
              {r.contact.phone}
            </a>
          ),
          r.contact.email && (
            <a key="m" href={`mailto:${r.contact.email}`}>
              {r.contact.email}
            </a>
          ),
          r.emergencyIntake && r.contact.emergencyPhone && <span key="e">{t('search.emergencyPhone', { phone: r.contact.emergencyPhone })}</span>,
          r.dailyRate !== null && <span key="r">{t('search.rate', { rate: r.dailyRate.toLocaleString(i18n.language, { minimumFractionDigits: 2 }) })}</span>,
        ]
          .filter(Boolean)
          .flatMap((el, i) => (i ? [' · ', el] : [el]))}
      </p>
      {mark !== 'gone' && p.availablePlaces > 0 && r.provider.kind === 'provider' && (
        <label className="choose">
          <input type="checkbox" checked={chosen} onChange={onChoose} aria-label={t('search.chooseLabel', { unit: r.name })} /> {t('search.choose')}
        </label>
      )}
    </li>
  );
}
