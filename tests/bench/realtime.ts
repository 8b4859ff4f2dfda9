/**
 * The realtime figures of `npm run bench`: `notify` (1,000 sockets, one search's unit changing) and
 * `reverse_match` / `reverse_match_apply` (which open searches a unit change touches, and the whole
 * re-match as it runs at commit).
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, EventEnvelope, ServerToClientEvents } from '../../shared/events';
import { SearchCriteriaSchema } from '../../shared/schemas/search';
import type { AppContext } from '../../server/context';
import type { Sql } from '../../server/db';
import { publishEvent, rooms } from '../../server/events';
import { openSearch } from '../../server/features/search/service';
import type { UserActor } from '../../server/http/actor';
import { cpuMs } from './search-service';

type Out = (o: object) => void;
type Stats = (name: string, ms: number[], extra?: object) => object;
const info = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const round = (x: number) => Math.round(x * 100) / 100;

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

function connectSocket(base: string, cookie: string): Promise<Client> {
  const s: Client = io(base, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { Cookie: cookie } });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => reject(e));
  });
}

/** 1,000 connected sockets; one caseworker's search matches the unit that changes N times. */
export async function benchNotify(o: { sockets: number; n: number; out: Out; stats: Stats; loginAt: (base: string, email: string) => Promise<{ cookie: string }>; pid?: number }, base: string, ctx: AppContext, owner: Sql, caseworkers: { id: string; email: string; officeId: string }[]) {
  const { sockets: SOCKETS, n: N, out, stats, loginAt } = o;
  // a typical unit: of 41 candidates (in the seeded data's order, the same in every run), the one
  // whose change concerns the median number of open searches. Picked by uuid order before, it was a
  // different unit in each run, concerning 150 or 2,800 searches at stress scale (each one an event
  // row written at the commit and a frame to its owner's tabs): the figure moved 3x between runs
  const candidates = await owner`
    select u.id, u.service_types[1] as type, u.age_min, u.age_max, u.lat, u.lon, u.owner_id, (select count(*)::int from search_affected(u.id)) as affected
    from units u
    join organisations o on o.id = u.owner_id
    where u.setting = 'stationaer' and u.archived_at is null and u.free_places between 1 and 2 and u.capacity_total >= 4
      and o.verified_at is not null and u.last_confirmed_at > now() - interval '5 days'
    order by u.lat, u.lon, u.name limit 41`;
  candidates.sort((a, b) => a.affected - b.affected);
  const unit = candidates[Math.floor(candidates.length / 2)];
  const cw = caseworkers[0];
  const actor: UserActor = { kind: 'user', userId: cw.id, orgId: cw.officeId, orgKind: 'office', role: 'caseworker', sessionId: 'bench', csrfToken: 'bench', orgVerified: true };
  const criteria = SearchCriteriaSchema.parse({ serviceType: unit.type, age: unit.ageMin, reference: { lat: unit.lat, lon: unit.lon }, radiusKm: 10 });
  const { search } = await openSearch(ctx, actor, {}, { criteria, sort: 'fit', page: 1, perPage: 1 });

  const users = caseworkers.slice(0, Math.min(100, caseworkers.length));
  const perUser = Math.ceil(SOCKETS / users.length);
  info(`connecting ${SOCKETS} sockets (${users.length} caseworkers, ${perUser} tabs each)`);
  const sockets: Client[] = [];
  try {
    for (const u of users) {
      const s = await loginAt(base, u.email);
      const batch = await Promise.all(Array.from({ length: Math.min(perUser, SOCKETS - sockets.length) }, () => connectSocket(base, s.cookie)));
      sockets.push(...batch);
    }
    const watcher = sockets[perUser - 1]; // a tab of the search's owner
    await new Promise<void>((resolve) => watcher.emit('sync:since', { seq: 0 }, () => resolve())); // its rooms are joined
    const times: number[] = [];
    const commits: number[] = [];
    let duplicates = 0;
    const seen = new Set<number>();
    // CPU of the app process and of this one (its 1,000 simulated clients read every frame) per change
    const [seq0] = await owner`select coalesce(max(seq), 0)::bigint as max from events`;
    const appCpu0 = o.pid ? cpuMs(o.pid) : 0;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < Math.min(N, 200); i++) {
      const arrived = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('notify: no event within 5 s')), 5000);
        const on = (e: EventEnvelope) => {
          if (e.type !== 'search:match-changed' || (e.payload as { searchId: string }).searchId !== search.id) return;
          if (seen.has(e.seq)) return void duplicates++;
          seen.add(e.seq);
          clearTimeout(timer);
          watcher.off('event', on);
          resolve(performance.now());
        };
        watcher.on('event', on);
      });
      const t0 = performance.now();
      await owner.begin(async (tx) => {
        const [u] = await tx`update units set free_places = ${1 + (i % 2)}, last_confirmed_at = now(), availability_changed_at = now()
          where id = ${unit.id} returning free_places, last_confirmed_at`;
        await publishEvent(tx, 'vacancy:changed', [rooms.org(unit.ownerId)], { unitId: unit.id, providerId: unit.ownerId, freePlaces: u.freePlaces, lastConfirmedAt: u.lastConfirmedAt, reason: 'free-changed' });
      });
      commits.push(performance.now() - t0);
      times.push((await arrived) - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    const [{ n }] = await owner`select count(*)::int as n from search_presence`;
    const cpu = process.cpuUsage(cpu0);
    const appCpu = o.pid ? round((cpuMs(o.pid) - appCpu0) / times.length) : undefined;
    // a search event row holds the events of all the searches it concerns, one room each
    const [{ rows, events, frames }] = await owner`
      select count(distinct e.seq)::int as rows, count(*)::int as events, coalesce(sum(p.n), 0)::int as frames
      from events e cross join lateral unnest(e.rooms) r(room)
      left join open_searches s on s.id = case when r.room like 'search:%' then substr(r.room, 8)::uuid end
      left join (select user_id, count(*) as n from search_presence group by user_id) p on p.user_id = s.owner_user_id
      where e.seq > ${seq0.max}`;
    const c = stats('', commits) as { p50_ms: number; p95_ms: number };
    out(stats('notify', times, { sockets: sockets.length, presence_rows: n, duplicates, unit_affected_searches: unit.affected, candidates_affected_min_max: [candidates[0].affected, candidates[candidates.length - 1].affected], measured_from: 'start of the committing transaction', commit_p50_ms: c.p50_ms, commit_p95_ms: c.p95_ms,
      events_per_change: round(events / times.length), event_rows_per_change: round(rows / times.length), search_frames_per_change: round(frames / times.length),
      app_cpu_ms_per_change: appCpu, bench_cpu_ms_per_change: round((cpu.user + cpu.system) / 1000 / times.length) }));
  } finally {
    sockets.forEach((s) => s.close());
  }
}

export async function benchReverse(o: { n: number; out: Out; stats: Stats }, sql: Sql) {
  const { n: N, out, stats } = o;
  const units = (await sql`select id from units where archived_at is null and capacity_total is not null order by md5(id::text) limit ${Math.max(N, 500)}`).map((u) => u.id as string);
  for (const u of units.slice(0, 50)) await sql`select * from search_affected(${u})`;
  const find: number[] = [];
  let affected = 0;
  for (const u of units) {
    const t0 = performance.now();
    affected += (await sql`select search_id from search_affected(${u})`).length;
    find.push(performance.now() - t0);
  }
  const [{ open }] = await sql`select count(*)::int as open from open_searches where closed_at is null`;
  out(stats('reverse_match', find, { open_searches: open, mean_affected: round(affected / units.length) }));
  // what a re-match reads (migration 0180): per open search, matched before (the unit's snapshot) and now
  const diff: number[] = [];
  for (const u of units) {
    const t0 = performance.now();
    await sql`select search_id from search_diff(${u}, (select s from search_unit_state s where s.unit_id = ${u}), (select s from search_unit_states(array[${u}::uuid]) s))`;
    diff.push(performance.now() - t0);
  }
  out(stats('reverse_match_diff', diff, { open_searches: open }));
  // the same when a deciding attribute changed (one year younger taken, 2 km away): no fast path
  const moved: number[] = [];
  for (const u of units) {
    const t0 = performance.now();
    await sql`select search_id from search_diff(${u}, (select s from search_unit_state s where s.unit_id = ${u}),
      (select (s.unit_id, s.live, s.codes, s.age_min - 1, s.age_max, s.genders, s.specialisations, s.exclusions, s.secure_setting,
         s.siblings_max, s.emergency_intake, s.last_confirmed_at, ll_to_earth(u.lat + 0.018, u.lon), s.available, s.pv_from, s.pv_places,
         s.free_places, s.held_places, s.version, s.updated_at, s.seen_at, s.xid, s.born)::search_unit_state
       from search_unit_states(array[${u}::uuid]) s join units u on u.id = s.unit_id))`;
    moved.push(performance.now() - t0);
  }
  out(stats('reverse_match_diff_moved', moved, { open_searches: open }));
  // the whole re-match as it runs at commit (diff, announcements), rolled back so nothing is sent
  const apply: number[] = [];
  class Rollback extends Error {}
  for (const u of units.slice(0, 200)) {
    await sql
      .begin(async (tx) => {
        const t0 = performance.now();
        await tx`select search_rematch_unit(${u})`;
        apply.push(performance.now() - t0);
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
  }
  out(stats('reverse_match_apply', apply, { open_searches: open }));
}
