import { useEffect } from 'react';
import { useRealtime } from '../../lib/realtime';

/** Calls `onChange` whenever a request (optionally: this one) changes anywhere. */
export function useRequestEvents(onChange: (requestId: string) => void, only?: string) {
  const { subscribe } = useRealtime();
  useEffect(
    () =>
      subscribe((e) => {
        if (e.type !== 'request:changed') return;
        const p = e.payload as { requestId: string };
        if (!only || p.requestId === only) onChange(p.requestId);
      }),
    [subscribe, onChange, only],
  );
}
