import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RadioGroup } from '../../components/form';
import { useAuth } from '../../lib/auth';
import { useRequests } from './api';
import { StatusBadge } from './StatusBadge';
import { useRequestEvents } from './useRequestEvents';

export default function RequestsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const [filter, setFilter] = useState('running');
  const { data: items, error, reload: load } = useRequests(filter);
  const isOffice = me?.organisation.kind === 'office';

  // the other side's steps are announced once by the shell (RequestNotices); here the list follows
  useRequestEvents(useCallback(() => load(), [load]));

  const fmt = (s: string) => new Date(s).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <>
      <h1>{t('requests.title')}</h1>
      <p>{isOffice ? t('requests.introOffice') : t('requests.introProvider')}</p>
      <RadioGroup
        id="filter"
        legend={t('requests.filter')}
        options={(['running', 'closed', 'all'] as const).map((f) => ({ code: f, label: t(`requests.filters.${f}`) }))}
        value={filter}
        onChange={setFilter}
      />
      <ErrorAlert error={error} />
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
