import { useTranslation } from 'react-i18next';
import { useApiData } from '../../lib/use-api';
import { listOpenSearches } from './api';

/** The office's other open searches, each to be resumed with one link. */
export function OpenSearches({ current }: { current?: string }) {
  const { t } = useTranslation();
  const others = (useApiData(listOpenSearches, []).data ?? []).filter((o) => o.id !== current);
  if (others.length === 0) return null;
  return (
    <details className="open-searches">
      <summary>{t('search.openSearches')}</summary>
      <ul>
        {others.map((o) => (
          <li key={o.id}>
            <a href={`?offen=${o.id}`}>
              {t('search.resume')}: {o.criteria.serviceType ? `§ ${o.criteria.serviceType}, ` : ''}
              {o.criteria.age} J., {o.reference?.label ?? ''}
            </a>{' '}
            {t('search.owner', { name: o.ownerName })}
          </li>
        ))}
      </ul>
    </details>
  );
}
