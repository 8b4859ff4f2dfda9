import { useEffect, useRef } from 'react';
import { useRealtime } from '../../lib/realtime';

/** Reloads the figures when the server announces a change, at most once every 30 seconds. */
export function useLive(reload: () => void) {
  const { subscribe } = useRealtime();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const off = subscribe(() => {
      if (pending.current) return;
      const wait = Math.max(0, last.current + 30_000 - Date.now());
      pending.current = setTimeout(() => {
        pending.current = null;
        last.current = Date.now();
        reload();
      }, wait);
    });
    return () => {
      off();
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
    };
  }, [subscribe, reload]);
}
