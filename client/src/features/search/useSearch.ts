import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { EventEnvelope } from '../../../../shared/events';
import { ApiError } from '../../lib/api';
import { useRealtime } from '../../lib/realtime';
import { useAction } from '../../lib/use-api';
import { closeSearch, getSearch, openResult, openResults, openSearch, runSearch, type OpenSearch, type SearchResponse, type SearchResult, type SearchSort } from './api';
import type { LiveMark } from './ResultCard';
import { EMPTY_FORM, fromCriteria, toCriteria, type FormState } from './SearchForm';
import { formKey, formToParams, hasSearch, paramsToForm } from './search-url';

/**
 * A search and its results, kept in the address bar so reload, back and forward keep form,
 * results and selection: a one-off search (`?los=1&alter=14&…`) or an open search
 * (`?offen=<id>`) whose results change live. Also the marks of live changes, their announcement
 * and the units chosen for a request (`&auswahl=<id>,<id>`).
 */
export function useSearch() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { subscribe, joinSearch, leaveSearch, status } = useRealtime();
  const [res, setRes] = useState<SearchResponse | null>(null);
  const [open, setOpen] = useState<OpenSearch | null>(null);
  const { busy, error, setError, run } = useAction();
  const [marks, setMarks] = useState<Record<string, LiveMark>>({});
  const [live, setLive] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  const [duplicate, setDuplicate] = useState<{ id: string; name: string | null } | null>(null);
  const [nonce, setNonce] = useState(0);
  const [submitted, setSubmitted] = useState(0);
  const openId = params.get('offen');
  const sort = (params.get('sort') ?? 'fit') as SearchSort;
  const page = Math.max(1, Number(params.get('seite') ?? 1) || 1);
  const fk = formKey(params);
  const runIt = hasSearch(params);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const form = useMemo<FormState>(
    () => (open && open.id === openId ? fromCriteria(open.criteria, { caseRef: open.caseRef, name: open.name }) : paramsToForm(params, EMPTY_FORM)),
    // the form follows the URL's form part and the open search, not the page or the selection
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fk, open, openId],
  );
  // the selection lives in the URL, but a router navigation is a transition that can lag behind the
  // click on a busy phone: the checkbox follows a local copy at once, and the URL's value wins after
  const urlChosen = params.get('auswahl') ?? '';
  const [chosenIds, setChosenIds] = useState(() => urlChosen.split(',').filter(Boolean));
  useEffect(() => setChosenIds(urlChosen.split(',').filter(Boolean)), [urlChosen]);
  const chosen = useMemo(() => Object.fromEntries(chosenIds.map((id) => [id, names[id] ?? ''])), [chosenIds, names]);

  const update = useCallback(
    (change: (p: URLSearchParams) => void, replace = false) => {
      setParams(
        (cur) => {
          const next = new URLSearchParams(cur);
          change(next);
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );

  // whatever the URL says is loaded: an open search, or a one-off search with its page and order
  useEffect(() => {
    if (!openId && !runIt) {
      setRes(null);
      setOpen(null);
      return;
    }
    let current = true;
    void run(async () => {
      let answer: SearchResponse;
      if (openId) {
        const s = await getSearch(openId);
        if (!current) return;
        setOpen(s);
        answer = await openResults(s.id, sort, page);
        if (s.status === 'open') await joinSearch(s.id);
      } else {
        setOpen(null);
        answer = await runSearch(toCriteria(paramsToForm(new URLSearchParams(fk), EMPTY_FORM)), sort, page);
      }
      if (!current) return;
      setRes(answer);
      setNames((n) => ({ ...n, ...Object.fromEntries(answer.items.map((i) => [i.unitId, i.name])) }));
      setMarks({});
    });
    return () => {
      current = false;
    };
  }, [openId, runIt, fk, sort, page, nonce, run, joinSearch]);

  // after a search the caseworker started, screen readers and keyboards land on the answer
  useEffect(() => {
    if (submitted && res) requestAnimationFrame(() => resultsHeading.current?.focus());
  }, [submitted, res]);

  // live updates of the open search: highlight new, mark vanished, announce both
  useEffect(() => {
    if (!open || open.status !== 'open') return;
    return subscribe(async (e: EventEnvelope) => {
      if (e.type === 'search:match-added' && e.payload.searchId === open.id) {
        // reload the page so the new match takes its explained place in the order
        const fresh = await openResults(open.id, sort, page).catch(() => null);
        if (fresh) setRes(fresh);
        setNames((n) => ({ ...n, [e.payload.unitId]: e.payload.unitName }));
        setMarks((m) => ({ ...m, [e.payload.unitId]: 'new' }));
        setLive(t('search.liveAdded', { unit: e.payload.unitName }));
      } else if (e.type === 'search:match-removed' && e.payload.searchId === open.id) {
        const unitId = e.payload.unitId;
        setMarks((m) => ({ ...m, [unitId]: 'gone' }));
        update((p) => {
          const left = (p.get('auswahl') ?? '').split(',').filter((id) => id && id !== unitId);
          if (left.length) p.set('auswahl', left.join(','));
          else p.delete('auswahl');
        }, true);
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
  }, [open, subscribe, t, sort, page, update]);

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
    duplicate,
    resultsHeading,
    async search(f: FormState, keepOpen: boolean) {
      setDuplicate(null);
      setSubmitted((n) => n + 1);
      if (keepOpen) {
        const criteria = toCriteria(f);
        const created = await run(async () => {
          try {
            return await openSearch(criteria, sort, { caseRef: f.caseRef.trim() || undefined, name: f.name.trim() || undefined });
          } catch (e) {
            const existing = e instanceof ApiError && e.reason === 'duplicate-search' ? (e.details.existing as { id: string; name: string | null }) : null;
            if (existing) {
              setDuplicate(existing);
              return undefined;
            }
            throw e;
          }
        });
        if (created) setParams({ offen: created.search.id });
        return;
      }
      const next = formToParams(f);
      next.set('los', '1');
      if (next.toString() === new URLSearchParams([...params].filter(([k]) => k !== 'auswahl' && k !== 'sort' && k !== 'seite')).toString()) setNonce((n) => n + 1);
      setParams(next);
    },
    changeSort(s: SearchSort) {
      update((p) => {
        p.set('sort', s);
        p.delete('seite');
      });
    },
    goTo(p: number) {
      update((q) => q.set('seite', String(p)));
    },
    async close() {
      if (!open) return;
      const s = await closeSearch(open.id);
      leaveSearch(open.id);
      setOpen(s);
      setParams(formToParams(fromCriteria(s.criteria, { caseRef: s.caseRef })));
    },
    toggle(r: SearchResult) {
      setNames((n) => ({ ...n, [r.unitId]: r.name }));
      setChosenIds((ids) => (ids.includes(r.unitId) ? ids.filter((id) => id !== r.unitId) : [...ids, r.unitId]));
      update((p) => {
        const ids = (p.get('auswahl') ?? '').split(',').filter(Boolean);
        const next = ids.includes(r.unitId) ? ids.filter((id) => id !== r.unitId) : [...ids, r.unitId];
        if (next.length) p.set('auswahl', next.join(','));
        else p.delete('auswahl');
      }, true);
    },
    setError,
  };
}
