import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '../../../shared/events';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type Listener = (e: EventEnvelope) => void;

/**
 * One socket per logged-in tab. Remembers the last sequence number it saw and, after a reconnect,
 * asks the server for everything it missed before announcing the connection as back.
 */
export function connectSocket(opts: {
  onEvent: Listener;
  onStatus: (s: 'online' | 'offline' | 'reload') => void;
  onSessionEnded: (reason: string) => void;
}): ClientSocket {
  const socket: ClientSocket = io({ transports: ['websocket'], withCredentials: true });
  let lastSeq = 0;
  let seen = false;
  const deliver = (e: EventEnvelope) => {
    if (e.seq <= lastSeq) return;
    lastSeq = e.seq;
    opts.onEvent(e);
  };
  socket.on('event', deliver);
  socket.on('connect', () => {
    if (!seen) {
      seen = true;
      socket.emit('sync:since', { seq: 0 }, (r) => {
        if ('lastSeq' in r) lastSeq = Math.max(lastSeq, r.lastSeq);
        opts.onStatus('online');
      });
      return;
    }
    socket.emit('sync:since', { seq: lastSeq }, (r) => {
      if ('error' in r) return opts.onStatus('reload');
      r.events.forEach(deliver);
      opts.onStatus(r.complete ? 'online' : 'reload');
    });
  });
  socket.on('disconnect', () => opts.onStatus('offline'));
  socket.on('session:ended', (p) => opts.onSessionEnded(p.reason));
  return socket;
}
