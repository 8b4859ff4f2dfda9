import { lazy, Suspense, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/form';
import { focusElement } from '../../lib/focus';
import type { SearchResponse, SearchResult, SearchSort } from './api';
import type { Describer } from './describe';
import { PausedList } from './PausedList';
import { ResultCard, type LiveMark } from './ResultCard';

const ResultsMap = lazy(() => import('../../components/map/ResultsMap'));
/** Choosing a pin (click or Enter) moves the focus to its card in the list, where its details and actions are. */
function showCard(unitId: string) {
  const card = document.getElementById(`result-${unitId}`);
  card?.scrollIntoView({ block: 'center' });
  focusElement(card);
}

const SORTS: SearchSort[] = ['fit', 'distance', 'freshness', 'dailyRate', 'availablePlaces', 'availableFrom'];

interface Props {
  res: SearchResponse;
  d: Describer;
  sort: SearchSort;
  marks: Record<string, LiveMark>;
  chosen: Record<string, string>;
  heading: RefObject<HTMLHeadingElement | null>;
  onSort: (s: SearchSort) => void;
  onPage: (p: number) => void;
  onChoose: (r: SearchResult) => void;
}

/** One page of results: the explained list beside the same results on the map. */
export function SearchResults({ res, d, sort, marks, chosen, heading, onSort, onPage, onChoose }: Props) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(res.total / res.perPage));
  const points = res.items.map((r) => ({
    id: r.unitId,
    lat: r.location.lat,
    lon: r.location.lon,
    coarse: r.location.coarse,
    label: `${r.position}. ${r.name}: ${t('search.places', { available: r.places.availablePlaces, free: r.places.freePlaces, held: r.places.heldPlaces })}`,
    badge: String(r.places.availablePlaces),
    highlight: marks[r.unitId] === 'new',
    muted: marks[r.unitId] === 'gone',
    popup: (
      <a href={`#result-${r.unitId}`}>
        {r.position}. {r.name}
      </a>
    ),
  }));
  return (
    <>
      <div className="results-head">
        <h2 ref={heading} tabIndex={-1}>
          {res.total ? t('search.results', { count: res.total }) : t('search.noResults')}
        </h2>
        <SelectField id="s-sort" className="inline" label={t('search.sort')} value={sort} onChange={(s) => onSort(s as SearchSort)}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`search.sorts.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="muted">
        {t('search.order', { order: t(`search.orderBy.${res.sort}`) })}
        {res.reference && ` · ${t('search.from', { label: res.reference.label })} ${res.reference.approximate ? t('search.approximate') : ''}`}
      </p>
      {res.hiddenStale > 0 && <p className="muted">{t('search.hiddenStale', { count: res.hiddenStale })}</p>}
      <div className="split">
        <section aria-label={t('search.list')}>
          <ol className="cards">
            {res.items.map((r) => (
              <ResultCard key={r.unitId} r={r} d={d} mark={marks[r.unitId]} chosen={!!chosen[r.unitId]} onChoose={() => onChoose(r)} />
            ))}
          </ol>
          <PausedList items={res.paused} />
          {pages > 1 && (
            <nav className="pager" aria-label={t('search.page', { page: res.page, pages })}>
              <button type="button" disabled={res.page <= 1} onClick={() => onPage(res.page - 1)}>
                {t('search.prev')}
              </button>
              <span>{t('search.page', { page: res.page, pages })}</span>
              <button type="button" disabled={res.page >= pages} onClick={() => onPage(res.page + 1)}>
                {t('search.next')}
              </button>
            </nav>
          )}
        </section>
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <ResultsMap points={points} label={t('search.map')} onSelect={showCard} />
        </Suspense>
      </div>
    </>
  );
}
