import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../lib/auth';
import { ApiError } from '../../lib/api';
import { fetchRequests, type Req } from './api';
import { StatusBadge } from './StatusBadge';
import { useRequestEvents } from './useRequestEvents';

export default function RequestsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const [filter, setFilter] = useState('running');
  const [items, setItems] = useState<Req[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [live, setLive] = useState('');
  const isOffice = me?.organisation.kind === 'office';

  const load = useCallback(() => {
    fetchRequests(filter).then(setItems, setError);
  }, [filter]);
  useEffect(load, [load]);
  useRequestEvents(
    useCallback(
      (id: string) => {
        load();
        const r = items?.find((x) => x.id === id);
        if (r) setLive(t('requests.live.changed', { unit: r.unitName, status: '' }));
      },
      [load, items, t],
    ),
  );

  const fmt = (s: string) => new Date(s).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <>
      <h1>{t('requests.title')}</h1>
      <p>{isOffice ? t('requests.introOffice') : t('requests.introProvider')}</p>
      <p className="sr-only" aria-live="polite">
        {live}
      </p>
      <fieldset className="segmented">
        <legend>{t('requests.filter')}</legend>
        {(['running', 'closed', 'all'] as const).map((f) => (
          <label key={f}>
            <input type="radio" name="filter" value={f} checked={filter === f} onChange={() => setFilter(f)} />
            {t(`requests.filters.${f}`)}
          </label>
        ))}
      </fieldset>
      {error && (
        <p role="alert" className="error">
          {error.code === 'NETWORK' ? t('errors.network') : t('errors.generic', { message: error.message })}
        </p>
      )}
      {items?.length === 0 && <p>{t('requests.empty')}</p>}
      <ul className="cards" aria-label={t('requests.title')}>
        {items?.map((r) => (
          <li key={r.id} className={`card ${r.urgency === 'emergency' ? 'emergency' : ''}`}>
            <h2 className="card-title">
              <Link to={`/anfragen/${r.id}`} aria-label={t('requests.openLabel', { unit: r.unitName })}>
                {r.unitName}
              </Link>
            </h2>
            <p>
              {r.urgency === 'emergency' && <strong className="tag danger">{t('requests.urgency.emergency')}</strong>} <StatusBadge status={r.status} />
            </p>
            <p>
              {isOffice ? `${t('requests.provider')}: ${r.providerName}` : `${t('requests.office')}: ${r.officeName}`}
              {' · '}
              {t('requests.child')}: {t('requests.childSummary', { age: r.childAge, gender: t(`requests.genders.${r.childGender}`) })}
              {isOffice && r.caseRef ? ` · ${r.caseRef}` : ''}
            </p>
            {r.status === 'accepted' && r.holdExpiresAt && <p>{t('requests.holdUntil', { time: fmt(r.holdExpiresAt) })}</p>}
            <p className="muted">{t('requests.created', { time: fmt(r.createdAt), name: r.createdByName ?? '–' })}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
