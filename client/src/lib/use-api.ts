import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError } from './api';

/** Anything a call threw, as an ApiError (a bug in our own code shows as its message). */
export const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'INTERNAL', String(e)));

export interface ApiData<T> {
  /** null until the first answer arrives. */
  data: T | null;
  error: ApiError | null;
  /** Loads again (after a change made here or announced by the server). */
  reload: () => void;
  setData: (update: T | null | ((prev: T | null) => T | null)) => void;
  setError: (e: ApiError | null) => void;
}

/**
 * One GET, loaded when `deps` change; an answer that arrives after a newer request started is
 * dropped, so a quick change of filter never shows the older list.
 */
export function useApiData<T>(load: () => Promise<T>, deps: DependencyList): ApiData<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);
  // the caller names what the call depends on, as with useEffect
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    const n = ++latest.current;
    run().then(
      (d) => {
        if (n !== latest.current) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => {
        if (n === latest.current) setError(asApiError(e));
      },
    );
  }, [run]);
  useEffect(reload, [reload]);
  return { data, error, reload, setData, setError };
}

/**
 * A write the user starts (a submit, a button): `busy` while it runs, the failure in `error`.
 * Resolves with the answer, or undefined when the call failed. A second start while one runs is
 * ignored (resolves undefined), so a busy button keeps its focus (`aria-disabled`, not `disabled`)
 * without sending twice.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);
  const run = useCallback(async <R,>(call: () => Promise<R>): Promise<R | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      return await call();
    } catch (e) {
      setError(asApiError(e));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

export type Action = ReturnType<typeof useAction>;
