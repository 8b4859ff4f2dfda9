import { createServer } from 'node:net';
import PgBoss from 'pg-boss';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import type { Sql } from '../../server/db';
import { replayEventRows, type EventRow } from '../../server/realtime/grouped-events';
import { makeUnit } from '../helpers/places';
import { maxSeq, ownerDb, world } from './fixtures';
import { Fleet, call, loginAt, sleep, watch, type Answer, type Session } from './harness';
import { audit, isWrite, PlacementLoad } from './placement-load';
import { cloneStandby, createPrimary, inRecovery, PrimaryProxy, type PgServer } from './replication';

/**
 * High availability (issue 19): a primary and a synchronous standby made from the embedded
 * binaries, two app nodes that reach the database through one address that always points at the
 * primary (PrimaryProxy, standing in for HAProxy on Patroni's /primary), a load of searches and
 * request → accept → confirm cycles, and clients watching an open search. The primary is killed
 * (`pg_ctl stop -m immediate`), the standby promoted and the address switched; then the old primary
 * is rebuilt as a standby of the new one and the roles are switched back.
 */
const POLL_SECONDS = 1;
let servers: PgServer[] = [];
let proxy: PrimaryProxy;
let db: Sql;
let fleet: Fleet;
let w: Awaited<ReturnType<typeof world>>;
let office: Session;
let staff: Session;
let unitIds: string[];
const initialFree = new Map<string, number>();
let searchId: string;

beforeAll(async () => {
  const primary = await createPrimary('pg1');
  servers.push(primary);
  servers.push(await cloneStandby(primary, 'pg2', { synchronous: true }));
  proxy = new PrimaryProxy(primary.port);
  await proxy.start();
  db = ownerDb(proxy.url);
  fleet = new Fleet(proxy.url, { RESPONSE_TIMEOUT_SECONDS: '8', JOBS_POLL_SECONDS: String(POLL_SECONDS), JOBS_EXPIRE_SECONDS: '6', JOBS_MAINTENANCE_SECONDS: '2' });
  await Promise.all([fleet.start('a'), fleet.start('b')]);
  w = await world(db);
  for (let i = 0; i < 3; i++) {
    const u = await makeUnit(db, w.provider, w.facility, { freePlaces: 500, capacityTotal: 500, serviceTypes: ['34'], lat: 50.94, lon: 6.96 });
    initialFree.set(u.id, 500);
  }
  unitIds = [...initialFree.keys()];
  office = await loginAt(fleet.url('a'), w.caseworker.email, w.password);
  staff = await loginAt(fleet.url('b'), w.staff.email, w.password);
}, 180_000);

afterAll(async () => {
  try {
    await fleet?.stopAll();
    await db?.end({ timeout: 1 }).catch(() => {});
    await proxy?.stop();
  } finally {
    for (const s of servers) s.destroy(); // whatever failed above, no PostgreSQL outlives the test
  }
}, 20_000);

const urls = () => [fleet.url('a'), fleet.url('b')];

/** Clients of the provider (its organisation's room) and of the office (an open search), on both nodes. */
async function watchers(searchId: string) {
  const list = [watch(fleet.url('a'), staff), watch(fleet.url('b'), staff), watch(fleet.url('a'), office), watch(fleet.url('b'), office)];
  await Promise.all(list.map((x) => x.online()));
  for (const x of list.slice(2)) expect(await x.client.joinSearch(searchId)).toMatchObject({ searchId });
  const roomsOf = [
    [`org:${w.provider.id}`, `user:${w.staff.id}`, 'all'],
    [`org:${w.provider.id}`, `user:${w.staff.id}`, 'all'],
    [`org:${w.office.id}`, `user:${w.caseworker.id}`, 'all', `search:${searchId}`],
    [`org:${w.office.id}`, `user:${w.caseworker.id}`, 'all', `search:${searchId}`],
  ];
  return list.map((x, i) => ({ ...x, rooms: roomsOf[i] }));
}

/**
 * Failures must be 503 DATABASE_UNAVAILABLE with Retry-After, answered in bounded time; a write whose
 * COMMIT was on its way when the primary went may be 503 OUTCOME_UNKNOWN (saved or not: nobody can tell).
 */
function badAnswers(answers: Answer[]) {
  const allowed = (a: Answer) => a.code === 'DATABASE_UNAVAILABLE' || (a.code === 'OUTCOME_UNKNOWN' && isWrite(a));
  return answers
    .filter((a) => !(a.status >= 200 && a.status < 300) && !(a.status === 503 && allowed(a) && a.retryAfter))
    .map((a) => `${a.route}: ${a.status} ${a.code ?? ''} after ${a.ms} ms`);
}

/**
 * Switches the primary: kill the old one (or stop it cleanly), promote, point the address at it.
 * `early`: the address points at the standby before it is promoted (a health check that flipped
 * too soon), and the nodes must answer 503 rather than fail on a read-only server.
 */
async function switchPrimary(from: PgServer, to: PgServer, how: 'immediate' | 'fast', early?: () => Promise<void>) {
  const t0 = Date.now();
  from.stop(how);
  const stopped = Date.now();
  if (early) {
    proxy.switchTo(to.port);
    await early();
  }
  to.promote();
  if (!early) proxy.switchTo(to.port);
  const promoted = Date.now();
  expect(await inRecovery(to)).toBe(false);
  return { stopped, promoted, promoteMs: promoted - stopped, stopMs: stopped - t0 };
}

const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0);

function firstWriteAfter(answers: Answer[], t: number): number | undefined {
  const ok = answers.filter((a) => isWrite(a) && a.status >= 200 && a.status < 300 && a.at >= t).map((a) => a.at + a.ms);
  return ok.length ? Math.min(...ok) : undefined;
}

async function eventFigures(list: Awaited<ReturnType<typeof watchers>>, since: number, recovered: number) {
  const figures = [];
  for (const x of list) {
    // a grouped row holds several search rooms' events, each with its own number
    const read = await db<EventRow[]>`select seq, type, at, payload from events where seq > ${since} and rooms && ${x.rooms}::text[] order by seq`;
    const rows = replayEventRows(read, x.rooms, since).map((e) => ({ seq: e.seq, at: e.at }));
    const got = new Set(x.events.map((e) => e.seq));
    const missed = rows.filter((r) => !got.has(r.seq)).map((r) => r.seq);
    const seqs = x.events.filter((e) => e.seq > since).map((e) => e.seq);
    const repeated = seqs.filter((s, i) => seqs.indexOf(s) !== i);
    // how long after the database took writes again a client still waited for an event it missed
    const lateMs = Math.max(0, ...rows.map((r) => (x.receivedAt.get(r.seq) ?? Infinity) - Math.max(recovered, Date.parse(r.at))));
    figures.push({ committed: rows.length, missed, repeated, lateMs, statuses: x.statuses.join(',') });
    x.close();
  }
  return figures;
}

describe('several hosts in one address (porsager/postgres#815): why the app is given one address of the primary', () => {
  it('postgres.js ignores target_session_attrs=read-write and fails on a silent first host; pg-boss and the app refuse such a URL', async () => {
    const [primary, standby] = servers;
    const multi = (first: number) => `postgres://postgres@127.0.0.1:${first},127.0.0.1:${primary.port}/postgres?target_session_attrs=read-write`;
    // postgres 3.4.9: the standby listed first is taken for reads and writes
    // (should this fail, postgres.js honours read-write now: revisit the README's decision)
    const first = postgres(multi(standby.port), { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      const [r] = await first`select pg_is_in_recovery() as standby, inet_server_port() as port`;
      expect(r).toEqual({ standby: true, port: standby.port });
      await expect(first`create table ha_probe (x int)`).rejects.toMatchObject({ code: '25006' });
    } finally {
      await first.end({ timeout: 1 });
    }
    // a first host that accepts and never answers (a dead machine behind a live switch) costs the whole connect timeout
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const behind = postgres(multi((silent.address() as { port: number }).port), { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      // the query fails after the connect timeout instead of going on to the next host; the next
      // connection attempt takes the next host
      const t0 = Date.now();
      const firstTry = await behind`select inet_server_port() as port`.then((r) => r[0].port, (e) => e.code);
      const waitedMs = Date.now() - t0;
      const [again] = await behind`select inet_server_port() as port`;
      expect({ firstTry, waitedForFirstHost: waitedMs >= 1900, again: again.port }).toEqual({ firstTry: 'CONNECT_TIMEOUT', waitedForFirstHost: true, again: primary.port });
    } finally {
      await behind.end({ timeout: 1 });
      silent.close();
    }
    // pg-boss (pg) cannot parse several hosts at all
    const boss = new PgBoss({ connectionString: multi(standby.port) });
    boss.on('error', () => {});
    await expect(boss.start()).rejects.toThrow(/Invalid URL/);
    // so the app refuses it at start, naming the variable
    expect(() => loadConfig({ DATABASE_URL: multi(standby.port) })).toThrow(/DATABASE_URL: must name one host/);
  });
});

describe('the primary is lost: the synchronous standby is promoted under load', () => {
  it('writes resume within 10 s; failures are 503 with Retry-After; no acknowledged hold or placement lost, none given twice; clients miss nothing', async () => {
    const opened = await call(fleet.url('a'), office, 'POST', '/api/v1/searches', { criteria: { serviceType: '34', age: 13, gender: 'male', reference: { postcode: '50667' }, radiusKm: 25 } });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    searchId = opened.body.search.id;
    const list = await watchers(searchId);
    const since = await maxSeq(db);
    const load = new PlacementLoad(urls, office, staff, unitIds, 'HA');
    const loadStart = Date.now();
    load.start({ searchers: 2, cyclers: 4, cyclePauseMs: 400 });
    await sleep(3000);

    const [primary, standby] = servers;
    const sw = await switchPrimary(primary, standby, 'immediate');
    await sleep(10_000);
    const answers = await load.stop();
    const recovered = firstWriteAfter(answers, sw.promoted);
    await sleep(2000);

    const outcome = await audit(db, load, initialFree);
    const events = await eventFigures(list, since, recovered ?? sw.promoted);
    // pg-boss: how long jobs waited to be started before the failover, and from two polling
    // intervals after writes resumed; jobs active on the lost primary come back after their expiry
    const back = (recovered ?? sw.promoted) + 2 * POLL_SECONDS * 1000;
    const jobs = await db`
      select name, extract(epoch from (started_on - created_on)) * 1000 as lag_ms, extract(epoch from created_on) * 1000 as created_ms
      from pgboss.job where created_on > to_timestamp(${loadStart / 1000}) and started_on is not null`;
    const before = jobs.filter((j) => j.createdMs < sw.stopped).map((j) => Number(j.lagMs));
    const after = jobs.filter((j) => j.createdMs > back).map((j) => Number(j.lagMs));
    const pending = async () =>
      (await db`select name, state, retry_count, start_after < now() as due from pgboss.job
        where created_on < to_timestamp(${sw.stopped / 1000}) and state in ('created', 'retry', 'active') and start_after < now()`).map((j) => `${j.name} ${j.state} ${j.retryCount}`);
    await expect.poll(pending, { timeout: 15_000, interval: 500 }).toEqual([]);
    const firstJob = await db`select extract(epoch from min(started_on)) * 1000 as at from pgboss.job where started_on > to_timestamp(${(recovered ?? sw.promoted) / 1000})`;
    const retried = await db`select count(*)::int as n from pgboss.job where created_on < to_timestamp(${sw.stopped / 1000}) and retry_count > 0`;
    const figures = {
      promoteMs: sw.promoteMs,
      writesBackMs: recovered && recovered - sw.promoted,
      answers: answers.length,
      answers503: answers.filter((a) => a.status === 503).length,
      maxAnswerMs: Math.max(...answers.map((a) => a.ms)),
      holds: load.held.size,
      confirmsAcknowledged: load.placed.size,
      ...outcome,
      firstJobMs: firstJob[0].at === null ? undefined : Math.round(Number(firstJob[0].at) - (recovered ?? sw.promoted)),
      jobsBefore: before.length,
      medianJobLagBeforeMs: median(before),
      maxJobLagBeforeMs: Math.round(Math.max(0, ...before)),
      jobsAfter: after.length,
      medianJobLagAfterMs: median(after),
      maxJobLagAfterMs: Math.round(Math.max(0, ...after)),
      jobsRetried: retried[0].n,
      events,
      exits: fleet.unexpectedExits,
    };
    console.log('failover figures', JSON.stringify(figures));

    expect(fleet.unexpectedExits).toEqual([]);
    expect(badAnswers(answers)).toEqual([]);
    expect(figures.maxAnswerMs).toBeLessThan(10_000);
    expect(recovered, 'no write succeeded after the promotion').toBeDefined();
    expect(figures.writesBackMs).toBeLessThanOrEqual(10_000);
    expect(load.held.size).toBeGreaterThan(5);
    expect(outcome.lostHolds).toEqual([]);
    expect(outcome.lostPlacements).toEqual([]);
    expect(outcome.doubleBooked).toEqual([]);
    for (const e of events) {
      expect(e.missed).toEqual([]);
      expect(e.repeated).toEqual([]);
      expect(e.lateMs).toBeLessThanOrEqual(5000);
    }
    expect(events[0].committed).toBeGreaterThan(5);
    // pg-boss works again within two polling intervals of the database taking writes, and its
    // jobs wait no longer than before the failover (the machine's load decides both medians)
    expect(figures.firstJobMs).toBeLessThanOrEqual(2 * POLL_SECONDS * 1000);
    expect(after.length).toBeGreaterThan(0);
    // (after: including the jobs queued while the database was gone, which wait for it by nature)
    expect(figures.medianJobLagAfterMs).toBeLessThanOrEqual(Math.max(figures.medianJobLagBeforeMs, POLL_SECONDS * 1000) * 3);
  });

  it('the old primary is rebuilt as a standby of the new one, and the roles switch back', async () => {
    const [old, current] = servers;
    old.destroy();
    const rebuilt = await cloneStandby(current, 'pg1b', { synchronous: true });
    servers = [rebuilt, current];
    const list = await watchers(searchId);
    const since = await maxSeq(db);
    const load = new PlacementLoad(urls, office, staff, unitIds, 'HB');
    load.start({ searchers: 1, cyclers: 2, cyclePauseMs: 400 });
    await sleep(2000);
    const ready: { status: number; body: unknown }[] = [];
    const sw = await switchPrimary(current, rebuilt, 'fast', async () => {
      await sleep(1500);
      for (const n of ['a', 'b']) {
        const res = await fetch(`${fleet.url(n)}/readyz`);
        ready.push({ status: res.status, body: await res.json() });
      }
    });
    await sleep(5000);
    const answers = await load.stop();
    const recovered = firstWriteAfter(answers, sw.promoted);
    await sleep(1500);
    const outcome = await audit(db, load, initialFree);
    const events = await eventFigures(list, since, recovered ?? sw.promoted);
    console.log('failback figures', JSON.stringify({ promoteMs: sw.promoteMs, stopMs: sw.stopMs, writesBackMs: recovered && recovered - sw.promoted, answers: answers.length, holds: load.held.size, ...outcome, events }));
    for (const e of events) expect({ missed: e.missed, repeated: e.repeated, late: e.lateMs <= 5000 }).toEqual({ missed: [], repeated: [], late: true });
    expect(badAnswers(answers)).toEqual([]);
    // while the address led to a server in recovery, the nodes said so instead of failing writes
    for (const r of ready) expect(r).toMatchObject({ status: 503, body: { status: 'degraded' } });
    expect(answers.filter((a) => a.at > sw.stopped + 300 && a.at + a.ms < sw.promoted && isWrite(a)).every((a) => a.status === 503)).toBe(true);
    expect(recovered).toBeDefined();
    expect(recovered! - sw.promoted).toBeLessThanOrEqual(10_000);
    expect(outcome).toMatchObject({ lostHolds: [], lostPlacements: [], doubleBooked: [] });
    expect(fleet.unexpectedExits).toEqual([]);
  });
});
