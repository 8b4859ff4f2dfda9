import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { EventEnvelope, SearchJoinResult, SocketAck } from '../../../shared/events';
import { connectSocket, NOT_CONNECTED, type RealtimeClient } from './socket';
import { useAuth } from './auth';

type Status = 'connecting' | 'online' | 'offline' | 'reload';
type Listener = (e: EventEnvelope) => void;

interface RealtimeState {
  status: Status;
  /** Subscribe to domain events; returns the unsubscribe function. */
  subscribe(l: Listener): () => void;
  joinSearch(searchId: string): Promise<SocketAck<SearchJoinResult>>;
  leaveSearch(searchId: string): void;
}

const noop = () => () => {};
const RealtimeContext = createContext<RealtimeState>({
  status: 'connecting',
  subscribe: noop,
  joinSearch: async () => NOT_CONNECTED,
  leaveSearch: () => {},
});

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { me, sessionEnded } = useAuth();
  const [status, setStatus] = useState<Status>('connecting');
  const listeners = useRef(new Set<Listener>());
  const client = useRef<RealtimeClient | null>(null);
  const userId = me?.user.id;

  useEffect(() => {
    if (!userId) return;
    const c = connectSocket({
      onEvent: (e) => listeners.current.forEach((l) => l(e)),
      onStatus: setStatus,
      onSessionEnded: (reason) => sessionEnded(reason === 'expired' ? 'expired' : 'loggedOut'),
    });
    client.current = c;
    return () => {
      client.current = null;
      c.close();
    };
  }, [userId, sessionEnded]);

  const subscribe = useCallback((l: Listener) => {
    listeners.current.add(l);
    return () => {
      listeners.current.delete(l);
    };
  }, []);
  const joinSearch = useCallback(async (id: string) => client.current?.joinSearch(id) ?? NOT_CONNECTED, []);
  const leaveSearch = useCallback((id: string) => client.current?.leaveSearch(id), []);
  const value = useMemo(() => ({ status, subscribe, joinSearch, leaveSearch }), [status, subscribe, joinSearch, leaveSearch]);
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeState {
  return useContext(RealtimeContext);
}
