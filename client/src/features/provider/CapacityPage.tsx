import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Unit } from '../../../../shared/schemas/places';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAuth } from '../../lib/auth';
import { useRealtime } from '../../lib/realtime';
import { useAction } from '../../lib/use-api';
import { providerApi, useUnits } from './api';
import { AnswerTimesPanel } from './components/AnswerTimesPanel';
import { UnitCard } from './components/UnitCard';
import './provider.css';

/** The capacity board: every unit with its free places, their age, and one-tap actions. */
export default function CapacityPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { subscribe } = useRealtime();
  const { data: units, setData: setUnits, error: loadError, reload: load } = useUnits();
  const [status, setStatus] = useState('');
  const { busy, error, setError, run } = useAction();
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // changes made elsewhere (a colleague, the provider's software, a placement) arrive live
  useEffect(
    () =>
      subscribe((e) => {
        if (e.type !== 'vacancy:changed') return;
        clearTimeout(reloadTimer.current);
        reloadTimer.current = setTimeout(load, 300);
      }),
    [subscribe, load],
  );
  useEffect(() => () => clearTimeout(reloadTimer.current), []);

  const replace = (u: Unit, message: string) => {
    setError(null);
    setUnits((list) => list?.map((x) => (x.id === u.id ? u : x)) ?? null);
    setStatus(message);
  };

  const withPlaces = units?.filter((u) => u.capacityTotal !== null) ?? [];
  const directory = units?.filter((u) => u.capacityTotal === null) ?? [];
  const stale = withPlaces.filter((u) => u.freshness !== 'fresh').length;
  const free = withPlaces.reduce((n, u) => n + (u.freePlaces ?? 0), 0);

  async function confirmAll() {
    const n = await run(async () => {
      for (const u of withPlaces) {
        const next = await providerApi.confirm(u.id);
        setUnits((list) => list?.map((x) => (x.id === next.id ? next : x)) ?? null);
      }
      return withPlaces.length;
    });
    if (n !== undefined) setStatus(t('provider.board.confirmAllDone', { count: n }));
  }

  return (
    <div className="provider">
      <h1>{t('provider.board.title')}</h1>
      <p>{t('provider.board.intro')}</p>
      {me?.organisation.kind === 'provider' && !me.organisation.verified && (
        <p className="banner warn" role="note">
          {t('provider.board.unverified')}
        </p>
      )}
      <p role="status" className="status">
        {status}
      </p>
      <ErrorAlert error={error ?? loadError} />
      {units === null ? (
        <p>{t('provider.common.loading')}</p>
      ) : (
        <>
          <div className="board-actions">
            <p className="summary">{t('provider.board.summary', {
                units: t('provider.board.summaryUnits', { count: withPlaces.length }),
                free: t('provider.board.summaryFree', { count: free }),
                stale: t('provider.board.summaryStale', { count: stale }),
              })}</p>
            {withPlaces.length > 1 && (
              <button type="button" aria-disabled={busy || undefined} onClick={() => void confirmAll()}>
                {t('provider.board.confirmAll', { count: withPlaces.length })}
              </button>
            )}
            <Link className="button-link" to="/belegung/angebote/neu">
              {t('provider.board.newUnit')}
            </Link>
          </div>
          {me?.organisation.kind === 'provider' && <AnswerTimesPanel />}
          {units.length === 0 && <p>{t('provider.board.empty')}</p>}
          <div className="unit-grid">
            {withPlaces.map((u) => (
              <UnitCard key={u.id} unit={u} onChanged={replace} onError={setError} />
            ))}
          </div>
          {directory.length > 0 && (
            <section aria-labelledby="directory-heading" className="directory-list">
              <h2 id="directory-heading">{t('provider.board.directory')}</h2>
              <p>{t('provider.board.directoryIntro')}</p>
              <ul>
                {directory.map((u) => (
                  <li key={u.id}>
                    <Link to={`/belegung/angebote/${u.id}`}>{u.name}</Link>
                    {u.facility && <span className="unit-where"> · {u.facility.name}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
