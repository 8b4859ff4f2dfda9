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
    setParams(
      (prev) => {
        // the breakdowns chosen on the page (useView) stay as they are
        const next = new URLSearchParams(prev);
        next.set('tage', String(m.days));
        for (const [key, value] of [['bereich', m.scope], ['kreis', m.district]] as const) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  };
  return [f, set];
}

/** One choice of view (which breakdown a figure shows) in the URL parameter `name`; `options[0]` is the default. */
export function useView<T extends string>(name: string, options: readonly T[]): [T, (v: T) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get(name);
  const value = options.find((o) => o === raw) ?? options[0];
  const set = (v: T) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v === options[0]) next.delete(name);
        else next.set(name, v);
        return next;
      },
      { replace: true },
    );
  return [value, set];
}
