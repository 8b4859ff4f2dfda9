import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { EventEnvelope } from '../../../../shared/events';
import { useAction } from '../../lib/use-api';
import { useRealtime } from '../../lib/realtime';
import { closeSearch, getSearch, openResult, openResults, openSearch, runSearch, type OpenSearch, type SearchResponse, type SearchResult, type SearchSort } from './api';
import type { LiveMark } from './ResultCard';
import { EMPTY_FORM, toCriteria, type FormState } from './SearchForm';

/**
 * A search and its results: a one-off search, or an open search (`?offen=<id>`, survives reloads)
 * whose results change live. Keeps the marks of live changes, their announcement and the units
 * chosen for a request.
 */
export function useSearch() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { subscribe, joinSearch, leaveSearch, status } = useRealtime();
  const [form, setForm] = useState<FormState>(EMPTY_FORM);
  const [res, setRes] = useState<SearchResponse | null>(null);
  const [open, setOpen] = useState<OpenSearch | null>(null);
  const [sort, setSort] = useState<SearchSort>('fit');
  const [page, setPage] = useState(1);
  const { busy, error, setError, run } = useAction();
  const [marks, setMarks] = useState<Record<string, LiveMark>>({});
  const [live, setLive] = useState('');
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const openId = params.get('offen');
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  // an open search survives reloads and can be resumed from the list: ?offen=<id>
  useEffect(() => {
    if (!openId || open?.id === openId) return;
    getSearch(openId).then(async (s) => {
      setOpen(s);
      setRes(await openResults(s.id, sort, 1));
      if (s.status === 'open') await joinSearch(s.id);
    }, setError);
  }, [openId, open?.id, sort, joinSearch, setError]);

  const load = useCallback(
    (f: FormState, s: SearchSort, p: number, keepOpen: boolean) =>
      run(async () => {
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
      }),
    [open, joinSearch, setParams, run],
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

  return {
    form,
    res,
    open,
    sort,
    marks,
    live,
    chosen,
    busy,
    error,
    resultsHeading,
    search(f: FormState, keepOpen: boolean) {
      setForm(f);
      setPage(1);
      void load(f, sort, 1, keepOpen);
    },
    changeSort(s: SearchSort) {
      setSort(s);
      void load(form, s, page, false);
    },
    goTo(p: number) {
      setPage(p);
      void load(form, sort, p, false);
    },
    async close() {
      if (!open) return;
      const s = await closeSearch(open.id);
      leaveSearch(open.id);
      setOpen(s);
      setParams({});
    },
    toggle(r: SearchResult) {
      setChosen((c) => {
        const next = { ...c };
        if (next[r.unitId]) delete next[r.unitId];
        else next[r.unitId] = r.name;
        return next;
      });
    },
  };
}
