import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import type { Sql } from '../db';

export interface StoredEvent {
  seq: number;
  type: string;
  at: string;
  payload: unknown;
  rooms: string[];
}

/** How far below the highest delivered number a catch-up looks: transactions commit in their own order. */
const LOOKBACK = 1000;
/** Delivered numbers remembered, so that a catch-up never repeats an event. */
const SEEN_WINDOW = 20_000;
/** More missed events than this: the node's clients resync themselves instead. */
const CATCH_UP_LIMIT = 5000;
// a failover cuts the listen connection and postgres.js's one re-listen finds no database yet:
// the watchdog is what brings it back, so it checks every second
const WATCH_INTERVAL_MS = 1000;
const PING_WAIT_MS = 1000;
const RETRY_MS = 500;
const QUERY_DEADLINE_MS = 5000;

function deadline<T>(p: PromiseLike<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    Promise.resolve(p).then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * This node's side of the event stream: every committed `events` row is handed to `deliver`
 * exactly once, in the order its NOTIFY arrives. The LISTEN connection can be lost (database
 * restart, terminated backend); postgres.js re-listens by itself but gives up silently when the
 * database is still away at that moment. So a watchdog pings a channel of this node's own through
 * the app pool and listens again when the ping is not heard; after every (re-)listen the node
 * catches up from the last number it delivered. When too much was missed it asks its clients to
 * reconnect and resync (`tooFarBehind`).
 */
export class EventStream {
  private lastSeq = 0;
  private readonly seen = new Set<number>();
  private handles: { unlisten(): Promise<unknown> }[] = [];
  private readonly pingChannel = `hpb_ping_${randomUUID().replaceAll('-', '')}`;
  private pong = false;
  private watch?: NodeJS.Timeout;
  private stopped = false;
  private started = false;
  private retry?: NodeJS.Timeout;
  private catchUpFailing = false;
  private checking = false;
  private listener?: Sql;

  constructor(
    private readonly ctx: AppContext,
    private readonly deliver: (ev: StoredEvent) => void,
    private readonly onControl: (payload: string) => void,
    private readonly tooFarBehind: () => void,
    private readonly controlChannel: string,
  ) {}

  async start(): Promise<void> {
    const [{ max }] = await this.ctx.sql`select coalesce(max(seq), 0)::bigint as max from events`;
    this.lastSeq = Number(max);
    await this.listenAll();
    this.started = true;
    this.watch = setInterval(() => void this.checkListening(), WATCH_INTERVAL_MS);
    this.watch.unref();
    // after an outage (a failover among them) do not wait for the next round: deliver what
    // committed meanwhile at once, then make sure the listen connection is back
    this.ctx.health?.onRecovered(() => {
      void this.catchUp();
      void this.checkListening();
    });
  }

  /**
   * Listens on the three channels. With `newListenClient` every (re-)listen gets a fresh client:
   * the old one may sit on a lost primary, and postgres.js repeats a failed LISTEN's error forever.
   */
  private async listenAll(): Promise<void> {
    const old = this.handles;
    this.handles = [];
    if (this.ctx.newListenClient) {
      const previous = this.listener;
      this.listener = this.ctx.newListenClient();
      if (previous) void previous.end({ timeout: 1 }).catch(() => {});
    } else {
      await Promise.all(old.map((h) => h.unlisten().catch(() => {})));
    }
    const sql = this.listener ?? this.ctx.sql;
    this.handles.push(await sql.listen('hpb_events', (p) => void this.onNotify(Number(p)), () => void this.catchUp()));
    this.handles.push(await sql.listen(this.controlChannel, (p) => this.onControl(p)));
    this.handles.push(await sql.listen(this.pingChannel, () => (this.pong = true)));
  }

  private remember(seq: number) {
    this.seen.add(seq);
    if (this.seen.size > SEEN_WINDOW) this.seen.delete(this.seen.values().next().value!);
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  private async onNotify(seq: number): Promise<void> {
    if (this.seen.has(seq)) return;
    try {
      const [ev] = await deadline(this.ctx.sql<StoredEvent[]>`select seq, type, at, payload, rooms from events where seq = ${seq}`, QUERY_DEADLINE_MS);
      if (this.seen.has(seq)) return;
      if (!ev) return this.retryCatchUp();
      this.remember(seq);
      this.deliver(ev);
    } catch (e) {
      // not delivered now (the pool lost its connection while LISTEN kept its own, as in a
      // failover): a catch-up brings it as soon as the database answers again
      this.ctx.log.warn({ err: e, seq }, 'event delivery failed; catching up');
      this.retryCatchUp();
    }
  }

  /** A catch-up soon, repeated until one succeeds; several failures share one. */
  private retryCatchUp(): void {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.catchUp();
    }, RETRY_MS);
    this.retry.unref();
  }

  /** Delivers, in order, every committed event not yet delivered (after a re-listen). */
  async catchUp(): Promise<void> {
    if (!this.started || this.stopped) return;
    try {
      // bounded: a query on a connection postgres.js can no longer send on would wait forever
      const rows = await deadline(
        this.ctx.sql<StoredEvent[]>`
          select seq, type, at, payload, rooms from events where seq > ${Math.max(0, this.lastSeq - LOOKBACK)}
          order by seq limit ${CATCH_UP_LIMIT}`,
        QUERY_DEADLINE_MS,
      );
      if (rows.length >= CATCH_UP_LIMIT) {
        this.ctx.log.warn({ lastSeq: this.lastSeq }, 'too many events missed; clients resync');
        for (const r of rows) this.remember(r.seq);
        this.tooFarBehind();
        return;
      }
      this.catchUpFailing = false;
      let n = 0;
      for (const ev of rows) {
        if (this.seen.has(ev.seq)) continue;
        this.remember(ev.seq);
        this.deliver(ev);
        n++;
      }
      if (n) this.ctx.log.info({ delivered: n }, 'events caught up after the listen connection came back');
    } catch (e) {
      // the database is still away: try again shortly (the clients keep their sockets and get
      // every event once the catch-up succeeds)
      if (!this.catchUpFailing) this.ctx.log.warn({ err: e }, 'event catch-up failed; retrying');
      this.catchUpFailing = true;
      this.retryCatchUp();
    }
  }

  private async checkListening(): Promise<void> {
    if (this.stopped || this.checking || this.ctx.health?.isDown) return;
    this.checking = true;
    try {
      await this.pingOrListen();
    } finally {
      this.checking = false;
    }
  }

  private async pingOrListen(): Promise<void> {
    this.pong = false;
    try {
      await this.ctx.sql`select pg_notify(${this.pingChannel}, '')`;
    } catch {
      return; // the database is away; the next round tries again
    }
    await new Promise((r) => setTimeout(r, PING_WAIT_MS));
    if (this.pong || this.stopped) return;
    this.ctx.log.warn('listen connection lost; listening again');
    try {
      await this.listenAll(); // onlisten then catches up
    } catch (e) {
      this.ctx.log.warn({ err: e }, 'listening again failed; retrying');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.watch) clearInterval(this.watch);
    if (this.retry) clearTimeout(this.retry);
    await Promise.all(this.handles.map((h) => h.unlisten().catch(() => {})));
    this.handles = [];
    await this.listener?.end({ timeout: 1 }).catch(() => {});
  }
}
