import { useSearchParams } from 'react-router';
import type { Filters } from './api';

export const PERIODS = [7, 30, 90, 183, 365];

/** Period, scope and district live in the URL, so a view can be bookmarked and shared. */
export function useFilters(): [Filters, (f: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const days = Number(params.get('tage'));
  const f: Filters = {
    days: PERIODS.includes(days) ? days : 30,
    scope: params.get('bereich') ?? undefined,
    district: params.get('kreis') ?? undefined,
  };
  const set = (n: Partial<Filters>) => {
    const m = { ...f, ...n };
    const next = new URLSearchParams();
    next.set('tage', String(m.days));
    if (m.scope) next.set('bereich', m.scope);
    if (m.district) next.set('kreis', m.district);
    setParams(next, { replace: true });
  };
  return [f, set];
}
