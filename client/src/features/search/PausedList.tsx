import { useTranslation } from 'react-i18next';
import type { SearchResult } from './api';

/** Units that match but have an Aufnahmestopp: listed apart, with the day they take requests again. */
export function PausedList({ items }: { items: SearchResult[] }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="paused-heading" className="paused-list">
      <h3 id="paused-heading">{t('search.paused.title', { count: items.length })}</h3>
      <p className="muted">{t('search.paused.intro')}</p>
      <ul>
        {items.map((r) => (
          <li key={r.unitId}>
            <strong>{r.name}</strong> · {r.provider.name}
            {r.distanceKm !== null && ` · ${t('search.distance', { km: r.distanceKm.toLocaleString(i18n.language, { maximumFractionDigits: 1 }) })}`}
            <br />
            {r.places.pause &&
              t('search.paused.until', {
                date: new Date(`${r.places.pause.until}T12:00:00Z`).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' }),
                reason: t(`search.paused.reason.${r.places.pause.reason}`),
              })}
          </li>
        ))}
      </ul>
    </section>
  );
}
