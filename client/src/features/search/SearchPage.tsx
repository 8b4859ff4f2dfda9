import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { EventEnvelope } from '../../../../shared/events';
import { useRealtime } from '../../lib/realtime';
import type { ApiError } from '../../lib/api';
import { closeSearch, fetchTaxonomies, getSearch, listOpenSearches, openResult, openResults, openSearch, runSearch, type OpenSearch, type SearchResponse, type SearchResult, type SearchSort, type Taxonomies } from './api';
import { ResultCard, type LiveMark } from './ResultCard';
import { EMPTY_FORM, SearchForm, toCriteria, type FormState } from './SearchForm';
import { ErrorAlert } from '../../components/ErrorAlert';

const ResultsMap = lazy(() => import('../../components/map/ResultsMap'));
const SORTS: SearchSort[] = ['fit', 'distance', 'freshness', 'dailyRate', 'availablePlaces', 'availableFrom'];

export default function SearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { subscribe, joinSearch, leaveSearch, status } = useRealtime();
  const [tx, setTx] = useState<Taxonomies | null>(null);
  const [form, setForm] = useState<FormState>(EMPTY_FORM);
  const [res, setRes] = useState<SearchResponse | null>(null);
  const [open, setOpen] = useState<OpenSearch | null>(null);
  const [others, setOthers] = useState<OpenSearch[]>([]);
  const [sort, setSort] = useState<SearchSort>('fit');
  const [page, setPage] = useState(1);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [marks, setMarks] = useState<Record<string, LiveMark>>({});
  const [live, setLive] = useState('');
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const openId = params.get('offen');
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    fetchTaxonomies().then(setTx, () => {});
    listOpenSearches().then((r) => setOthers(r.items), () => {});
  }, []);

  // an open search survives reloads and can be resumed from the list: ?offen=<id>
  useEffect(() => {
    if (!openId || open?.id === openId) return;
    getSearch(openId).then(async (s) => {
      setOpen(s);
      setRes(await openResults(s.id, sort, 1));
      if (s.status === 'open') await joinSearch(s.id);
    }, setError);
  }, [openId, open?.id, sort, joinSearch]);

  const load = useCallback(
    async (f: FormState, s: SearchSort, p: number, keepOpen: boolean) => {
      setBusy(true);
      setError(null);
      try {
        if (keepOpen) {
          const created = await openSearch(toCriteria(f), s);
          setOpen(created.search);
          setRes(created.results);
          await joinSearch(created.search.id);
          setParams({ offen: created.search.id });
        } else if (open && open.status === 'open') {
          setRes(await openResults(open.id, s, p));
        } else {
          setRes(await runSearch(toCriteria(f), s, p));
        }
        setMarks({});
        // screen readers and keyboards land on the answer, not at the bottom of the form
        requestAnimationFrame(() => resultsHeading.current?.focus());
      } catch (e) {
        setError(e as ApiError);
      } finally {
        setBusy(false);
      }
    },
    [open, joinSearch, setParams],
  );

  // live updates of the open search: highlight new, mark vanished, announce both
  useEffect(() => {
    if (!open || open.status !== 'open') return;
    return subscribe(async (e: EventEnvelope) => {
      if (e.type === 'search:match-added' && e.payload.searchId === open.id) {
        // reload the page so the new match takes its explained place in the order
        const fresh = await openResults(open.id, sort, page).catch(() => null);
        if (fresh) setRes(fresh);
        setMarks((m) => ({ ...m, [e.payload.unitId]: 'new' }));
        setLive(t('search.liveAdded', { unit: e.payload.unitName }));
      } else if (e.type === 'search:match-removed' && e.payload.searchId === open.id) {
        const unitId = e.payload.unitId;
        setMarks((m) => ({ ...m, [unitId]: 'gone' }));
        setChosen((c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== unitId)));
        setRes((cur) => {
          const gone = cur?.items.find((i) => i.unitId === unitId);
          if (gone) setLive(t('search.liveRemoved', { unit: gone.name }));
          return cur;
        });
      } else if (e.type === 'search:match-changed' && e.payload.searchId === open.id) {
        const unitId = e.payload.unitId;
        const r = await openResult(open.id, unitId).catch(() => null);
        if (r) setRes((cur) => cur && { ...cur, items: cur.items.map((i) => (i.unitId === unitId ? { ...r, position: i.position } : i)) });
        setMarks((m) => ({ ...m, [unitId]: m[unitId] === 'new' ? 'new' : 'changed' }));
        setLive(t('search.liveChanged', { unit: e.payload.unitName }));
      } else if (e.type === 'search:reload' && e.payload.searchId === open.id) {
        if (e.payload.reason === 'resync') setRes(await openResults(open.id, sort, page));
        else setOpen((o) => o && { ...o, status: e.payload.reason === 'expired' ? 'expired' : 'closed' });
      }
    });
  }, [open, subscribe, t, sort, page]);

  // after a reconnect that could not replay everything, load the results again
  useEffect(() => {
    if (status === 'reload' && open?.status === 'open') void openResults(open.id, sort, page).then(setRes);
  }, [status, open, sort, page]);

  async function close() {
    if (!open) return;
    const s = await closeSearch(open.id);
    leaveSearch(open.id);
    setOpen(s);
    setParams({});
  }

  function toggle(r: SearchResult) {
    setChosen((c) => {
      const next = { ...c };
      if (next[r.unitId]) delete next[r.unitId];
      else next[r.unitId] = r.name;
      return next;
    });
  }

  const pages = res ? Math.max(1, Math.ceil(res.total / res.perPage)) : 1;
  const points = (res?.items ?? []).map((r) => ({
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
  const chosenIds = Object.keys(chosen);
  return (
    <>
      <h1>{t('search.title')}</h1>
      <p className="sr-only" aria-live="polite">
        {live}
      </p>
      {others.filter((o) => o.id !== open?.id).length > 0 && (
        <details className="open-searches">
          <summary>{t('search.openSearches')}</summary>
          <ul>
            {others
              .filter((o) => o.id !== open?.id)
              .map((o) => (
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
      )}
      <div className="search-layout">
        <SearchForm key={open?.id ?? 'new'} taxonomies={tx} initial={form} error={error} busy={busy} onSearch={(f, keep) => { setForm(f); setPage(1); void load(f, sort, 1, keep); }} />
        <div className="search-results">
          {open && (
            <p className={`banner ${open.status === 'open' ? '' : 'warn'}`} role="status">
              {open.status === 'open' ? t('search.openActive') : t('search.closed')}{' '}
              {open.status === 'open' && (
                <button type="button" onClick={() => void close()}>
                  {t('search.close')}
                </button>
              )}
            </p>
          )}
          <ErrorAlert error={error} />
          {res && (
            <>
              <div className="results-head">
                <h2 ref={resultsHeading} tabIndex={-1}>
                  {res.total ? t('search.results', { total: res.total }) : t('search.noResults')}
                </h2>
                <div className="field inline">
                  <label htmlFor="s-sort">{t('search.sort')}</label>
                  <select id="s-sort" value={sort} onChange={(e) => { const s = e.target.value as SearchSort; setSort(s); void load(form, s, page, false); }}>
                    {SORTS.map((s) => (
                      <option key={s} value={s}>
                        {t(`search.sorts.${s}`)}
                      </option>
                    ))}
                  </select>
                </div>
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
                      <ResultCard key={r.unitId} r={r} mark={marks[r.unitId]} chosen={!!chosen[r.unitId]} onChoose={() => toggle(r)} />
                    ))}
                  </ol>
                  {pages > 1 && (
                    <nav className="pager" aria-label={t('search.page', { page: res.page, pages })}>
                      <button type="button" disabled={res.page <= 1} onClick={() => { setPage(res.page - 1); void load(form, sort, res.page - 1, false); }}>
                        {t('search.prev')}
                      </button>
                      <span>{t('search.page', { page: res.page, pages })}</span>
                      <button type="button" disabled={res.page >= pages} onClick={() => { setPage(res.page + 1); void load(form, sort, res.page + 1, false); }}>
                        {t('search.next')}
                      </button>
                    </nav>
                  )}
                </section>
                <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                  <ResultsMap points={points} label={t('search.map')} onSelect={(id) => document.getElementById(`result-${id}`)?.scrollIntoView({ block: 'center' })} />
                </Suspense>
              </div>
            </>
          )}
          {chosenIds.length > 0 && (
            <div className="sticky-action">
              <button type="button" className="primary" onClick={() => navigate(`/anfragen/neu?units=${chosenIds.join(',')}&names=${encodeURIComponent(JSON.stringify(chosen))}`)}>
                {t('search.request', { count: chosenIds.length })}
              </button>
            </div>
          )}
        </div>
      </div>
    </>
  );
}
