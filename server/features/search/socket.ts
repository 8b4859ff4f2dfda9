import { randomUUID } from 'node:crypto';
import type { EventEnvelope, SearchJoinResult } from '../../../shared/events';
import { isOfficeRole } from '../../../shared/roles';
import { SearchJoinSchema, SearchLeaveSchema } from '../../../shared/schemas/realtime';
import type { AppContext } from '../../context';
import { rooms } from '../../events';
import { parseSocketInput, socketError } from '../../realtime/ack';
import { replayEventRows } from '../../realtime/grouped-events';
import type { SocketFeature } from '../../realtime/socket';
import {
  deletePresence,
  refreshPresence,
  selectEventBounds,
  selectJoinableSearch,
  selectOwnOpenSearchIds,
  selectRoomEvents,
  upsertPresence,
} from './open-queries';

const REPLAY_LIMIT = 1000;
/** Presence rows are refreshed this often; search_rematch_unit() treats rows older than 90 s as gone. */
const PRESENCE_BEAT_MS = 30_000;
const NODE_ID = randomUUID();

/**
 * Which sockets of this process are connected, kept in search_presence so that any node (and the
 * digest job) can tell whether the owner of a search is online. One timer per process refreshes all.
 */
class Presence {
  private readonly sockets = new Set<string>();
  private timer?: NodeJS.Timeout;
  constructor(private readonly ctx: AppContext) {}

  async add(socketId: string, userId: string): Promise<void> {
    this.sockets.add(socketId);
    if (!this.timer) {
      this.timer = setInterval(() => void this.beat(), PRESENCE_BEAT_MS);
      this.timer.unref();
    }
    await upsertPresence(this.ctx.sql, socketId, userId, NODE_ID);
  }

  async remove(socketId: string): Promise<void> {
    this.sockets.delete(socketId);
    if (this.sockets.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    await deletePresence(this.ctx.sql, socketId);
  }

  private async beat(): Promise<void> {
    try {
      await refreshPresence(this.ctx.sql, [...this.sockets]);
    } catch (e) {
      this.ctx.log.warn({ err: e }, 'search presence refresh failed');
    }
  }
}

const presences = new WeakMap<AppContext, Presence>();
function presenceOf(ctx: AppContext): Presence {
  let p = presences.get(ctx);
  if (!p) presences.set(ctx, (p = new Presence(ctx)));
  return p;
}

/** Events of one room after `since`, in order, as 'sync:since' answers them. */
async function roomEvents(ctx: AppContext, room: string, since: number) {
  const { min, max } = await selectEventBounds(ctx.sql);
  if (since === 0) return { events: [] as EventEnvelope[], complete: true, lastSeq: max };
  const rows = await selectRoomEvents(ctx.sql, room, since, REPLAY_LIMIT + 1);
  const read = rows.slice(0, REPLAY_LIMIT);
  const events = replayEventRows(read, [room], since);
  const pruned = since < min - 1;
  return { events, complete: !pruned && rows.length <= REPLAY_LIMIT, lastSeq: read.at(-1)?.seq ?? Math.max(since, max) };
}

/**
 * Search rooms on the socket. A socket of an office user joins the rooms of the user's own open
 * searches as it connects (before any request of it is handled, so 'sync:since' replays them too)
 * and may join any open search of its own office with 'search:join'. Other offices' searches
 * answer NOT_FOUND, exactly like an id that does not exist.
 */
export const searchSocketFeature: SocketFeature = (ctx, socket) => {
  const actor = socket.data.actor;
  if (!isOfficeRole(actor.role)) return;
  const presence = presenceOf(ctx);
  const ready = (async () => {
    await presence.add(socket.id, actor.userId);
    const own = await selectOwnOpenSearchIds(ctx.sql, actor.userId);
    if (own.length && socket.connected) await socket.join(own.map(rooms.search));
  })().catch((e) => ctx.log.error({ err: e }, 'joining own search rooms failed'));
  // hold the socket's requests until its rooms are joined
  socket.use((_packet, next) => void ready.then(() => next()));
  socket.on('disconnect', () => {
    void ready.then(() => presence.remove(socket.id)).catch(() => {});
  });

  socket.on('search:join', async (p, ack) => {
    if (typeof ack !== 'function') return;
    const input = parseSocketInput(SearchJoinSchema, p);
    if ('error' in input) return ack(input.error);
    const { searchId, since = 0 } = input.data;
    try {
      const s = await selectJoinableSearch(ctx.sql, actor.orgId, searchId);
      if (!s) return ack(socketError('NOT_FOUND', 'Search not found'));
      const status: SearchJoinResult['status'] = s.closeReason === 'closed' ? 'closed' : s.closeReason || s.expired ? 'expired' : 'open';
      const room = rooms.search(searchId);
      if (status === 'open') await socket.join(room);
      ack({ searchId, status, ...(await roomEvents(ctx, room, since)) });
    } catch (e) {
      ctx.log.error({ err: e }, 'search:join failed');
      ack(socketError('INTERNAL', 'Joining the search failed; try again'));
    }
  });

  socket.on('search:leave', async (p, ack) => {
    const input = parseSocketInput(SearchLeaveSchema, p);
    if ('data' in input) await socket.leave(rooms.search(input.data.searchId));
    if (typeof ack === 'function') ack('error' in input ? input.error : { ok: true });
  });
};
