import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiData } from '../../lib/use-api';
import { listOpenSearches } from './api';
import type { Describer } from './describe';
import { fromCriteria } from './SearchForm';

const REFRESH_MS = 20_000;

/**
 * The office's open searches, one line each: its name (by default the case reference), its
 * current number of matches (refreshed while the page is open) and who keeps it.
 */
export function OpenSearches({ current, d }: { current?: string; d: Describer }) {
  const { t } = useTranslation();
  const list = useApiData(listOpenSearches, []);
  useEffect(() => {
    const timer = setInterval(list.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [list.reload]);
  const items = list.data ?? [];
  if (items.length === 0) return null;
  return (
    <details className="open-searches">
      <summary>{t('search.openSearches', { count: items.length })}</summary>
      <ul className="open-search-list">
        {items.map((o) => (
          <li key={o.id} aria-current={o.id === current ? 'true' : undefined}>
            <Link to={`?offen=${o.id}`}>{o.name ?? d.summary(fromCriteria(o.criteria, { referenceLabel: o.reference?.label }))}</Link>{' '}
            <span className="tag">{t('search.matches', { count: o.matchCount })}</span> <span className="muted">{t('search.owner', { name: o.ownerName })}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
