import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents, EventEnvelope, SearchJoinResult, ServerToClientEvents, SocketAck, SyncResult } from '../../../shared/events';

/** How far behind the highest number seen a resume starts: covers transactions committed late. */
const RESUME_LOOKBACK = 200;

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The answer to a socket request while there is no connection, in the one error shape. */
export const NOT_CONNECTED = { error: { code: 'UNAVAILABLE', message: 'Not connected' } } as const;

export interface RealtimeClient {
  socket: ClientSocket;
  /** Join an open search's live updates; rejoined by itself after every reconnect. */
  joinSearch(searchId: string): Promise<SocketAck<SearchJoinResult>>;
  leaveSearch(searchId: string): void;
  close(): void;
}

/**
 * One socket per logged-in tab. Remembers the last sequence number it saw; after a reconnect it
 * rejoins its searches and then asks for everything it missed, in order, before it reports
 * itself online again (or tells the views to reload when it was away too long).
 */
export function connectSocket(opts: {
  onEvent: (e: EventEnvelope) => void;
  onStatus: (s: 'online' | 'offline' | 'reload') => void;
  onSessionEnded: (reason: string) => void;
  /** Another server than the page's own, and extra options (the fault tests run this client in Node). */
  url?: string;
  options?: Partial<ManagerOptions & SocketOptions>;
}): RealtimeClient {
  const settings = { transports: ['websocket'], withCredentials: true, ...opts.options };
  const socket: ClientSocket = opts.url ? io(opts.url, settings) : io(settings);
  let lastSeq = 0;
  let connectedBefore = false;
  const searches = new Set<string>();
  // Sequence numbers are taken when an event is written, but transactions commit in their own
  // order: an event with a lower number can arrive after a higher one. So events are told apart
  // by the numbers already seen, not by "higher than the last", and a resume looks back a little.
  const seen = new Set<number>();
  const deliver = (e: EventEnvelope) => {
    if (seen.has(e.seq)) return;
    seen.add(e.seq);
    if (seen.size > 5000) seen.delete(seen.values().next().value!);
    lastSeq = Math.max(lastSeq, e.seq);
    opts.onEvent(e);
  };
  const join = (searchId: string) => new Promise<SocketAck<SearchJoinResult>>((resolve) => socket.emit('search:join', { searchId }, resolve));
  const sync = (seq: number, seen?: number) => new Promise<SocketAck<SyncResult>>((resolve) => socket.emit('sync:since', seen === undefined ? { seq } : { seq, seen }, resolve));

  socket.on('event', deliver);
  socket.on('connect', async () => {
    if (!connectedBefore) {
      connectedBefore = true;
      const head = await sync(0);
      if ('lastSeq' in head) lastSeq = Math.max(lastSeq, head.lastSeq);
      for (const id of searches) await join(id);
      opts.onStatus('online');
      return;
    }
    for (const id of searches) await join(id);
    const r = await sync(Math.max(1, lastSeq - RESUME_LOOKBACK), lastSeq);
    if ('error' in r) return opts.onStatus('reload');
    r.events.forEach(deliver);
    opts.onStatus(r.complete ? 'online' : 'reload');
  });
  socket.on('disconnect', () => opts.onStatus('offline'));
  socket.on('session:ended', (p) => opts.onSessionEnded(p.reason));
  return {
    socket,
    async joinSearch(searchId) {
      searches.add(searchId);
      return join(searchId);
    },
    leaveSearch(searchId) {
      searches.delete(searchId);
      socket.emit('search:leave', { searchId });
    },
    close: () => socket.disconnect(),
  };
}
