import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { EventEnvelope } from '../../../shared/events';
import { connectSocket } from '../lib/socket';
import { useAuth } from './auth';

type Status = 'connecting' | 'online' | 'offline' | 'reload';
type Listener = (e: EventEnvelope) => void;

interface RealtimeState {
  status: Status;
  /** Subscribe to domain events; returns the unsubscribe function. */
  subscribe(l: Listener): () => void;
}

const RealtimeContext = createContext<RealtimeState>({ status: 'connecting', subscribe: () => () => {} });

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { me, sessionEnded } = useAuth();
  const [status, setStatus] = useState<Status>('connecting');
  const listeners = useRef(new Set<Listener>());
  const userId = me?.user.id;

  useEffect(() => {
    if (!userId) return;
    const socket = connectSocket({
      onEvent: (e) => listeners.current.forEach((l) => l(e)),
      onStatus: setStatus,
      onSessionEnded: (reason) => sessionEnded(reason === 'expired' ? 'expired' : 'loggedOut'),
    });
    return () => {
      socket.disconnect();
    };
  }, [userId, sessionEnded]);

  const value: RealtimeState = {
    status,
    subscribe: (l) => {
      listeners.current.add(l);
      return () => listeners.current.delete(l);
    },
  };
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeState {
  return useContext(RealtimeContext);
}
