import type { Server as HttpServer } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SyncResult } from '../../shared/events';
import { SyncSinceSchema } from '../../shared/schemas/realtime';
import type { AppContext } from '../context';
import { rooms } from '../events';
import { SESSION_COOKIE } from '../features/auth/sessions';
import { originAllowed } from '../http/origin';
import type { UserActor } from '../http/actor';
import { actorFromSessionCookie } from '../http/authenticate';
import { parseSocketInput, socketError } from './ack';
import { coalesceWebSocketWrites } from './coalesce-writes';
import { CONTROL_CHANNEL, type SessionEnd } from './control';
import { EventStream } from './event-stream';
import { replayEventRows, splitEventRow } from './grouped-events';

export interface SocketData {
  actor: UserActor;
}

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Features that handle socket requests (e.g. joining a search room) plug in here. */
export type SocketFeature = (ctx: AppContext, socket: IoSocket) => void;

const SYNC_LIMIT = 1000;

/** Ends the local sockets whose session is gone, timed out (idle or absolute) or whose user is disabled. */
async function endTimedOutSockets(ctx: AppContext, io: IoServer): Promise<void> {
  const sockets = [...io.of('/').sockets.values()].filter((s) => s.data.actor);
  if (!sockets.length) return;
  const ids = [...new Set(sockets.map((s) => s.data.actor.sessionId))];
  const alive = await ctx.sql<{ id: string }[]>`
    select s.id from sessions s join users u on u.id = s.user_id
    where s.id in ${ctx.sql(ids)} and u.disabled_at is null
      and s.last_seen_at > now() - make_interval(mins => ${ctx.config.SESSION_IDLE_MINUTES})
      and s.created_at > now() - make_interval(hours => ${ctx.config.SESSION_ABSOLUTE_HOURS})`;
  const ok = new Set(alive.map((r) => r.id));
  for (const socket of sockets) {
    if (ok.has(socket.data.actor.sessionId)) continue;
    socket.emit('session:ended', { reason: 'expired' });
    socket.disconnect(true);
  }
}

/** Rooms a socket has joined besides its own id: the audience it may hear and replay. */
export function socketRooms(socket: IoSocket): string[] {
  return [...socket.rooms].filter((r) => r !== socket.id);
}

async function sync(ctx: AppContext, socket: IoSocket, since: number, seen = since): Promise<SyncResult> {
  if (since === 0) {
    // a fresh client: it loads current state over HTTP and only needs to know where the stream is
    const [{ max }] = await ctx.sql`select coalesce(max(seq), 0) as max from events`;
    return { events: [], complete: true, lastSeq: Number(max) };
  }
  const allowed = socketRooms(socket);
  const rows = await ctx.sql<{ seq: number; type: string; at: string; payload: unknown }[]>`
    select seq, type, at, payload from events
    where seq > ${since} and rooms && ${allowed}::text[]
    order by seq limit ${SYNC_LIMIT + 1}`;
  const [{ min, max }] = await ctx.sql`select coalesce(min(seq), 0) as min, coalesce(max(seq), 0) as max from events`;
  // pruned below the look-back is harmless: only what came after the client's last event counts
  const pruned = seen > 0 && seen < Number(min) - 1;
  const read = rows.slice(0, SYNC_LIMIT);
  // a grouped row's number is the highest of its searches' events: the position after it
  const replayed = replayEventRows(read, allowed, since);
  // the limit counts events, not rows (a grouped row holds one event per joined search it concerns):
  // past it the client gets the first SYNC_LIMIT and reloads its state instead of the rest
  if (replayed.length > SYNC_LIMIT) {
    const events = replayed.slice(0, SYNC_LIMIT);
    return { events, complete: false, lastSeq: Math.max(...events.map((e) => e.seq)) };
  }
  return { events: replayed, complete: !pruned && rows.length <= SYNC_LIMIT, lastSeq: read.at(-1)?.seq ?? Math.max(since, Number(max)) };
}

/** Closes every local socket's transport: its client reconnects and resyncs by itself. */
function dropTransports(io: IoServer) {
  for (const [, socket] of io.of('/').sockets) socket.conn.close();
}

export interface Realtime {
  io: IoServer;
  close(): Promise<void>;
}

/**
 * socket.io on the HTTP server. Sockets authenticate with the session cookie; each joins its user,
 * organisation and the all-users room. Domain events arrive by NOTIFY after commit and go to the
 * local sockets of their rooms, so every node delivers to its own clients.
 */
export async function createRealtime(ctx: AppContext, server: HttpServer, features: SocketFeature[] = []): Promise<Realtime> {
  // the frames a connection sends together go out with one write (server/realtime/coalesce-writes.ts)
  if (!coalesceWebSocketWrites()) ctx.log.warn('engine.io changed shape: WebSocket frames are written one by one');
  const io: IoServer = new Server(server, {
    serveClient: false,
    allowRequest: (req, cb) => {
      const ok = originAllowed(ctx.config, req.headers.origin, req.headers.host);
      cb(ok ? null : 'cross-origin connection refused', ok);
    },
  });

  io.use(async (socket, next) => {
    try {
      const cookies = parseCookie(socket.request.headers.cookie ?? '');
      const { actor } = await actorFromSessionCookie(ctx, cookies[SESSION_COOKIE]);
      if (actor.kind !== 'user') return next(new Error('UNAUTHENTICATED'));
      socket.data.actor = actor;
      next();
    } catch (e) {
      ctx.log.error({ err: e }, 'socket auth failed');
      next(new Error('UNAVAILABLE'));
    }
  });

  io.on('connection', (socket) => {
    const a = socket.data.actor;
    void socket.join([rooms.user(a.userId), rooms.org(a.orgId), rooms.all]);
    socket.on('sync:since', async (p, ack) => {
      if (typeof ack !== 'function') return;
      const input = parseSocketInput(SyncSinceSchema, p);
      if ('error' in input) return ack(input.error);
      try {
        ack(await sync(ctx, socket, input.data.seq, Math.max(input.data.seq, input.data.seen ?? input.data.seq)));
      } catch (e) {
        ctx.log.error({ err: e }, 'sync failed');
        ack(socketError('INTERNAL', 'Sync failed; try again'));
      }
    });
    for (const f of features) f(ctx, socket);
  });

  // every node pushes each committed event to its own sockets of the event's rooms
  const stream = new EventStream(
    ctx,
    ({ rooms: target, ...row }) => {
      // one event per search of a grouped row, to that search's room (server/realtime/grouped-events.ts)
      for (const { room, event } of splitEventRow(row, (r) => io.of('/').adapter.rooms.has(r))) io.local.to(room ?? target).emit('event', event);
    },
    (payload) => {
      const end = JSON.parse(payload) as SessionEnd;
      for (const [, socket] of io.of('/').sockets) {
        const a = socket.data.actor;
        if (!a) continue;
        if ((end.userId && a.userId === end.userId) || (end.sessionId && a.sessionId === end.sessionId)) {
          socket.emit('session:ended', { reason: end.reason });
          socket.disconnect(true);
        }
      }
    },
    () => dropTransports(io),
    CONTROL_CHANNEL,
    // the local adapter keeps a room only while a socket is in it
    (target) => target.some((room) => io.of('/').adapter.rooms.has(room)),
  );
  await stream.start();

  // a socket lives no longer than its session: idle and absolute timeouts end it too
  const sessionSweep = setInterval(() => {
    void endTimedOutSockets(ctx, io).catch((e) => ctx.log.error({ err: e }, 'socket session sweep failed'));
  }, ctx.config.SOCKET_SESSION_CHECK_SECONDS * 1000);
  sessionSweep.unref();

  return {
    io,
    async close() {
      clearInterval(sessionSweep);
      await stream.stop();
      // Not disconnectSockets(true): socket.io-client does not reconnect after "io server
      // disconnect". Closing the transports looks like a lost connection, so clients reconnect by
      // themselves (to another node once this one stops listening) and resync from their last seq.
      // io.close() would also close the HTTP server; the caller does that itself.
      io.engine.close();
    },
  };
}
