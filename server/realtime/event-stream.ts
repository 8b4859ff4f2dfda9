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

/** Rows per read: a bulk commit of ~100,000 events is worked off in pages, yielding in between. */
const PAGE = 2000;
/** More missed events than this after the listen connection came back: clients resync instead. */
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

interface ReadRow extends Partial<Omit<StoredEvent, 'payload'>> {
  /** As text: parsed only for an event some socket of this node is to hear. */
  payload: string | null;
  xid: string | null;
  horizon: string;
}

/**
 * This node's side of the event stream: every committed `events` row is handed to `deliver`
 * exactly once. PostgreSQL sends one NOTIFY per committing transaction (migration 0130); the node
 * then reads everything it has not delivered in one query and hands it out in number order.
 * Numbers are taken at insert, so a transaction may commit rows below numbers already delivered.
 * Exactness comes from the transaction ids: after each read the node keeps that read's snapshot
 * xmin (`horizon`); a row that was not yet visible then belongs to a transaction at or above it,
 * so the next read asks for `seq > lastSeq` plus rows with `xid >= horizon` not delivered yet.
 *
 * The LISTEN connection can be lost (database restart, terminated backend); postgres.js re-listens
 * by itself but gives up silently when the database is still away at that moment. So a watchdog
 * pings a channel of this node's own through the app pool and listens again when the ping is not
 * heard; after every (re-)listen the node reads what it missed in the same way. When too much was
 * missed it asks its clients to reconnect and resync (`tooFarBehind`).
 */
export class EventStream {
  private lastSeq = 0;
  /** Snapshot xmin of the last complete read: every row not yet visible then has xid >= this. */
  private horizon = '0';
  /** Delivered rows whose transaction is at or above the horizon (a later read may see them again). */
  private recent = new Map<number, bigint>();
  private handles: { unlisten(): Promise<unknown> }[] = [];
  private readonly pingChannel = `hpb_ping_${randomUUID().replaceAll('-', '')}`;
  private pong = false;
  private watch?: NodeJS.Timeout;
  private stopped = false;
  private started = false;
  private reading = false;
  private again = false;
  private failed = false;
  private checkBehind = false;
  private retry?: NodeJS.Timeout;
  private checking = false;
  private listener?: Sql;

  constructor(
    private readonly ctx: AppContext,
    private readonly deliver: (ev: StoredEvent) => void,
    private readonly onControl: (payload: string) => void,
    private readonly tooFarBehind: () => void,
    private readonly controlChannel: string,
    /**
     * Whether a socket of this node is in one of these rooms. An event for rooms nobody here is in
     * (most of a bulk re-match's) moves the position like any other but is neither parsed nor
     * handed out: after a bulk commit that is most of the work and of the garbage of a read.
     */
    private readonly listening: (rooms: string[]) => boolean = () => true,
  ) {}

  async start(): Promise<void> {
    const [pos] = await this.ctx.sql<{ max: number; horizon: string }[]>`
      select coalesce(max(seq), 0)::bigint as max, pg_snapshot_xmin(pg_current_snapshot())::text as horizon from events`;
    this.lastSeq = pos.max;
    this.horizon = pos.horizon;
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
    this.handles.push(await sql.listen('hpb_events', () => this.read(), () => void this.catchUp()));
    this.handles.push(await sql.listen(this.controlChannel, (p) => this.onControl(p)));
    this.handles.push(await sql.listen(this.pingChannel, () => (this.pong = true)));
  }

  /** Reads (now, or again right after the read in progress) whatever was committed since. */
  private read(): void {
    if (!this.started || this.stopped) return;
    this.again = true;
    if (!this.reading) void this.drain();
  }

  private async drain(): Promise<void> {
    this.reading = true;
    try {
      while (this.again && !this.stopped) {
        this.again = false;
        if (this.checkBehind && (await this.skippedTooMuch())) continue;
        while (!this.stopped && (await this.readPage()) === PAGE);
      }
      this.failed = false;
    } catch (e) {
      // nothing was lost: the position did not move; read again shortly, until the database answers
      if (!this.failed) this.ctx.log.warn({ err: e }, 'event delivery failed; reading again shortly');
      this.failed = true;
      this.retryRead();
    } finally {
      this.reading = false;
    }
  }

  /** A read soon, repeated until one succeeds; several failures share one. */
  private retryRead(): void {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.read();
    }, RETRY_MS);
    this.retry.unref();
  }

  /** One query for what this node has not delivered, in number order; returns the rows read. */
  private async readPage(): Promise<number> {
    const last = this.lastSeq;
    const recent = [...this.recent.keys()];
    // bounded: a query on a connection postgres.js can no longer send on would wait forever
    const rows = await deadline(this.ctx.sql<ReadRow[]>`
      select h.horizon, e.* from (select pg_snapshot_xmin(pg_current_snapshot())::text as horizon) h
      left join lateral (
        select * from (
          (select seq, type, at, payload::text as payload, rooms, xid::text as xid from events where seq > ${last} order by seq limit ${PAGE})
          union all
          (select seq, type, at, payload::text as payload, rooms, xid::text as xid from events
           where xid >= ${this.horizon}::xid8 and seq <= ${last} and seq <> all (${recent}::bigint[]))
        ) x order by seq limit ${PAGE}
      ) e on true`, QUERY_DEADLINE_MS);
    const events = rows.filter((r) => r.seq != null);
    for (const r of events) {
      const seq = r.seq!;
      this.recent.set(seq, BigInt(r.xid!));
      if (seq > this.lastSeq) this.lastSeq = seq;
      if (this.listening(r.rooms!)) this.deliver({ seq, type: r.type!, at: r.at!, payload: JSON.parse(r.payload!), rooms: r.rooms! });
    }
    // the page holds every undelivered row up to its last number unless rows below `last` were cut
    if (events.length < PAGE || events.at(-1)!.seq! > last) this.advance(rows[0].horizon);
    return events.length;
  }

  private advance(horizon: string): void {
    this.horizon = horizon;
    const h = BigInt(horizon);
    for (const [seq, xid] of this.recent) if (xid < h) this.recent.delete(seq);
  }

  /** After a re-listen: when more was missed than clients should get live, they resync instead. */
  private async skippedTooMuch(): Promise<boolean> {
    this.checkBehind = false;
    const [c] = await deadline(this.ctx.sql<{ n: number }[]>`
      select count(*)::int as n from (select 1 from events where seq > ${this.lastSeq} limit ${CATCH_UP_LIMIT}) x`, QUERY_DEADLINE_MS);
    if (c.n < CATCH_UP_LIMIT) return false;
    this.ctx.log.warn({ lastSeq: this.lastSeq }, 'too many events missed; clients resync');
    const [pos] = await this.ctx.sql<{ max: number; horizon: string }[]>`
      select coalesce(max(seq), 0)::bigint as max, pg_snapshot_xmin(pg_current_snapshot())::text as horizon from events`;
    this.lastSeq = Math.max(this.lastSeq, pos.max);
    this.recent.clear();
    this.horizon = pos.horizon;
    this.tooFarBehind();
    return true;
  }

  /** Delivers, in order, every committed event not yet delivered (after a re-listen). */
  async catchUp(): Promise<void> {
    if (!this.started || this.stopped) return;
    this.checkBehind = true;
    this.read();
  }

  private async checkListening(): Promise<void> {
    if (this.stopped || this.checking || this.ctx.health?.isDown) return;
    if (this.failed) this.read();
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
