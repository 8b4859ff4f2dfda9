import { useTranslation } from 'react-i18next';
import { readOfflineCache, type CachedUnit } from './offline-cache';
import { FallbackList } from './FallbackList';
import { tel } from './tel';

function Stale({ at }: { at: string }) {
  const { t, i18n } = useTranslation();
  const time = new Date(at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return <p className="tag warn">{t('offline.stale', { time })}</p>;
}

function UnitList({ units }: { units: CachedUnit[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="cards">
      {units.map((u, i) => (
        <li key={i} className="card">
          <h3 className="card-title">{u.unitName}</h3>
          <p>
            {u.providerName}
            {u.city ? `, ${u.city}` : ''}
            {u.distanceKm !== undefined ? ` · ${t('emergency.distance', { km: u.distanceKm.toLocaleString(i18n.language) })}` : ''}
          </p>
          <a className="button call" href={tel(u.emergencyPhone)} aria-label={t('emergency.callLabel', { unit: u.unitName, phone: u.emergencyPhone })}>
            {t('emergency.call', { phone: u.emergencyPhone })}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** What the device kept for a night without server: numbers to call, marked as not current. */
export function OfflinePanel() {
  const { t } = useTranslation();
  const c = readOfflineCache();
  const fallback = c.pack?.fallbackContacts ?? [];
  if (!c.lastResult && !c.pack) return <p>{t('offline.none')}</p>;
  return (
    <div className="offline-panel">
      {c.pack && fallback.length > 0 && (
        <section aria-labelledby="off-fb">
          <h2 id="off-fb">{t('offline.fallback')}</h2>
          <Stale at={c.pack.at} />
          <FallbackList contacts={fallback} />
        </section>
      )}
      {c.lastResult && c.lastResult.units.length > 0 && (
        <section aria-labelledby="off-last">
          <h2 id="off-last">{t('offline.lastResult')}</h2>
          <Stale at={c.lastResult.at} />
          <UnitList units={c.lastResult.units} />
        </section>
      )}
      {c.pack && c.pack.units.length > 0 && (
        <section aria-labelledby="off-units">
          <h2 id="off-units">{t('offline.units')}</h2>
          <Stale at={c.pack.at} />
          <UnitList units={c.pack.units} />
        </section>
      )}
    </div>
  );
}

/** Shown instead of the login page when the server cannot be reached at all. */
export function OfflineEmergency() {
  const { t } = useTranslation();
  return (
    <main id="main" className="emergency">
      <h1>{t('offline.title')}</h1>
      <p role="alert" className="banner warn">
        {t('offline.intro')}
      </p>
      <OfflinePanel />
      <p>
        <a href="/">{t('offline.login')}</a>
      </p>
    </main>
  );
}
