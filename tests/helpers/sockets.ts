import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents, SocketAck, SyncResult } from '../../shared/events';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client with the given session cookie; resolves once connected (or rejects with the refusal). */
export function connect(url: string, cookie?: string, extraHeaders: Record<string, string> = {}): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { ...(cookie ? { Cookie: cookie } : {}), ...extraHeaders },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

/** Waits for the next `event` whose envelope matches. */
export function nextEvent(socket: TestSocket, match: (e: EventEnvelope) => boolean, timeoutMs = 5000): Promise<EventEnvelope> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('event', on);
      reject(new Error('no matching event'));
    }, timeoutMs);
    const on = (e: EventEnvelope) => {
      if (!match(e)) return;
      clearTimeout(timer);
      socket.off('event', on);
      resolve(e);
    };
    socket.on('event', on);
  });
}

/** Collects every event for a while. */
export async function collectEvents(socket: TestSocket, ms: number): Promise<EventEnvelope[]> {
  const got: EventEnvelope[] = [];
  const on = (e: EventEnvelope) => got.push(e);
  socket.on('event', on);
  await new Promise((r) => setTimeout(r, ms));
  socket.off('event', on);
  return got;
}

export function syncSince(socket: TestSocket, seq: number, seen?: number): Promise<SocketAck<SyncResult>> {
  return new Promise((resolve) => socket.emit('sync:since', seen === undefined ? { seq } : { seq, seen }, resolve));
}
