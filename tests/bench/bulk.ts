/**
 * `bulk_1000` of `npm run bench`: one provider changes 1,000 units in one bulk call
 * (PUT /api/v1/availability) while two caseworkers search and a third opens searches; then how long
 * the node takes to deliver the bulk's events (`catch_up_ms`), how long a search sent right after
 * the bulk's answer takes, when the queued re-match is done, and the app process's memory.
 */
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '../../shared/events';
import type { SearchCriteriaInput } from '../../shared/schemas/search';
import type { Sql } from '../../server/db';

export interface Session {
  cookie: string;
  csrf: string;
}

type Stats = (name: string, ms: number[], extra?: object) => { p95_ms: number } & Record<string, unknown>;
const round = (x: number) => Math.round(x * 100) / 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process in MB (Linux). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : -1;
}

/** Gives one new provider 1,000 residential units of the data set (with their facilities); returns its id and units. */
export async function makeBulkProvider(owner: Sql, passwordHash: string, email: string): Promise<{ providerId: string; units: { id: string; cap: number; free: number }[] }> {
  const [p] = await owner`
    insert into organisations (kind, name, verified_at) values ('provider', 'Bench Großträger', now()) returning id`;
  await owner`insert into users (organisation_id, org_kind, email, display_name, role, password_hash)
    values (${p.id}, 'provider', ${email}, 'Bench Belegung', 'provider_admin', ${passwordHash})`;
  // whole providers move over (facilities first, then their units), until 1,000 units are reached
  const donors = await owner`
    select u.owner_id, count(*)::int as n from units u join organisations o on o.id = u.owner_id
    where o.kind = 'provider' and o.verified_at is not null and u.facility_id is not null and u.capacity_total is not null and u.archived_at is null
    group by u.owner_id order by u.owner_id`;
  const take: string[] = [];
  let n = 0;
  for (const d of donors) {
    if (n >= 1000) break;
    take.push(d.ownerId as string);
    n += d.n as number;
  }
  await owner.begin(async (tx) => {
    await tx`update facilities set provider_id = ${p.id} where provider_id = any (${take}::uuid[])`;
    await tx`update units set owner_id = ${p.id} where owner_id = any (${take}::uuid[])`;
  });
  const units = await owner<{ id: string; cap: number; free: number }[]>`
    select id, capacity_total as cap, free_places as free from units
    where owner_id = ${p.id} and facility_id is not null and capacity_total is not null and archived_at is null
    order by id limit 1000`;
  return { providerId: p.id as string, units };
}

interface BulkDeps {
  base: string;
  sql: Sql;
  pid: number;
  provider: Session;
  providerId: string;
  units: { id: string; cap: number; free: number }[];
  searchers: Session[];
  opener: Session;
  searches: SearchCriteriaInput[];
  stats: Stats;
  out: (o: object) => void;
}

async function post(base: string, s: Session, path: string, body: unknown, method = 'POST') {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return { ms: performance.now() - t0, body: JSON.parse(text) as unknown };
}

export async function benchBulk(d: BulkDeps): Promise<void> {
  const search = (s: Session, i: number) => post(d.base, s, '/api/v1/search', { criteria: d.searches[i % d.searches.length], perPage: 25 });
  // the baseline: the same two clients searching with nothing else going on
  const baseline: number[] = [];
  await Promise.all(d.searchers.map(async (s, k) => {
    for (let i = 0; i < 40; i++) baseline.push((await search(s, i * 2 + k)).ms);
  }));
  const memBefore = rssMb(d.pid);

  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(d.base, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { Cookie: d.provider.cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const wanted = new Set(d.units.map((u) => u.id));
  let lastHeardAt = 0;
  socket.on('event', (e: EventEnvelope) => {
    if (e.type !== 'vacancy:changed' || !wanted.delete((e.payload as { unitId: string }).unitId)) return;
    if (!wanted.size) lastHeardAt = performance.now();
  });

  let running = true;
  const during: number[] = [];
  const opening: number[] = [];
  /** When each opening started (performance.now()), to place the slow ones against the bulk's answer. */
  const openedAt: number[] = [];
  const failures: string[] = [];
  /** A failed call counts with the time it took, and its reason is reported. */
  const timed = async (f: () => Promise<{ ms: number }>) => {
    const t = performance.now();
    try {
      return (await f()).ms;
    } catch (e) {
      failures.push(String(e instanceof Error ? (e.cause ?? e.message) : e).slice(0, 120));
      return performance.now() - t;
    }
  };
  const load = d.searchers.map(async (s, k) => {
    for (let i = 0; running; i++) during.push(await timed(() => search(s, 1000 + i * 2 + k)));
  });
  const opener = (async () => {
    await sleep(300);
    for (let i = 0; running; i++) {
      openedAt.push(performance.now());
      opening.push(await timed(() => post(d.base, d.opener, '/api/v1/searches', { criteria: d.searches[(500 + i) % d.searches.length] })));
      await sleep(200);
    }
  })();
  const [{ max: seqBefore }] = await d.sql`select coalesce(max(seq), 0)::bigint as max from events`;
  const t0 = performance.now();
  const body = { units: d.units.map((u) => ({ unitId: u.id, freePlaces: u.free === u.cap ? u.free - 1 : u.free + 1 })) };
  await post(d.base, d.provider, '/api/v1/availability', body, 'PUT');
  const answered = performance.now();
  running = false;
  const after = (await search(d.searchers[0], 7)).ms;
  await Promise.all([...load, opener]);
  // searches opened while the queued re-match is worked off: each waits for the matching lock,
  // i.e. for the worker's transaction in progress
  const openingQueued: number[] = [];
  for (let i = 0; i < 15; i++) {
    openingQueued.push(await timed(() => post(d.base, d.opener, '/api/v1/searches', { criteria: d.searches[(900 + i) % d.searches.length] })));
    await sleep(100);
  }
  for (let i = 0; i < 600 && wanted.size; i++) await sleep(50);
  let rematched = -1;
  const queued = (await d.sql`select to_regclass('search_rematch_queue') is not null as q`)[0].q as boolean;
  if (!queued) rematched = 0; // (before issue 18 the re-match ran inside the bulk's commit)
  for (let i = 0; queued && i < 1200; i++) {
    const [{ n }] = await d.sql`select count(*)::int as n from search_rematch_queue where attempts < 5`;
    if (!n) {
      rematched = performance.now() - answered;
      break;
    }
    await sleep(50);
  }
  // a search event row holds the events of all the searches it concerns, one room each
  const [{ events, rows }] = await d.sql`select coalesce(sum(case when type like 'search:match-%' then cardinality(rooms) else 1 end), 0)::int as events, count(*)::int as rows from events where seq > ${seqBefore}`;
  socket.close();
  const base95 = d.stats('', baseline).p95_ms;
  const dur = d.stats('', during);
  const open = d.stats('', opening);
  d.out({
    bench: 'bulk_1000',
    units: d.units.length,
    seconds: round((answered - t0) / 1000),
    concurrent_search_p95_ms: dur.p95_ms,
    baseline_search_p95_ms: base95,
    concurrent_vs_baseline: round(dur.p95_ms / base95),
    open_search_p95_ms: open.p95_ms,
    open_search_max_ms: open.max_ms,
    open_search_while_queued_p50_ms: d.stats('', openingQueued).p50_ms,
    open_search_while_queued_max_ms: d.stats('', openingQueued).max_ms,
    opened_during: opening.length,
    // the three slowest openings: ms, and when they started relative to the bulk's answer (negative: before)
    open_search_slowest: opening.map((ms, i) => [round(ms), round(openedAt[i] - answered)]).sort((a, b) => b[0] - a[0]).slice(0, 3),
    failed_calls: failures.length,
    failures: [...new Set(failures)].slice(0, 3),
    search_right_after_ms: round(after),
    rematch_done_ms: round(rematched),
    events_written: events,
    event_rows_written: rows,
    missing_vacancy_events: wanted.size,
    app_rss_mb_before: memBefore,
    app_rss_mb_after: rssMb(d.pid),
  });
  d.out({ bench: 'catch_up_ms', value: lastHeardAt ? round(lastHeardAt - answered) : null, measured_from: 'bulk answer to the last of its 1,000 vacancy:changed events at a socket' });
}
