/**
 * reserve_contention: two app processes on one database; 200 requests race for units with k
 * available places in total. Every request is accepted at once (only k holds can exist), then
 * every office confirms at once. Confirmed must equal k, with no double booking and no 5xx.
 */
import { createDb } from '../../server/db';
import { hashPassword } from '../../server/passwords';
import { closeHttpPost, httpPost } from './http-post';
import { startAppNode, type AppNode } from './nodes';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function countBy(values: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const ATTEMPTS = 200;
const OFFICES = 20;
const UNITS = 20;
const PASSWORD = 'Bench-Password-2026';

interface Session {
  base: string;
  cookie: string;
  csrf: string;
}

async function loginAt(base: string, email: string): Promise<Session> {
  const res = await httpPost(`${base}/api/v1/auth/login`, { email, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
  return { base, cookie: cookie.split(';')[0], csrf: (res.body as { csrfToken: string }).csrfToken };
}

/** One call as the racing clients make it; `ms` from the call to its whole answer. */
async function post(s: Session, path: string, body: unknown = {}): Promise<{ status: number; body: any; ms: number }> {
  return httpPost(`${s.base}${path}`, body, { cookie: s.cookie, 'x-csrf-token': s.csrf });
}

interface RaceData {
  tag: string;
  unitIds: string[];
  free: number[];
  providerEmail: string;
  officeEmails: string[];
}

/** One race's own provider, units (1-3 free places each) and offices. */
async function createRaceData(sql: ReturnType<typeof createDb>, hash: string, tag: string): Promise<RaceData> {
  const free = Array.from({ length: UNITS }, (_, i) => 1 + (i % 3));
  const [provider] = await sql`insert into organisations (kind, name, verified_at) values ('provider', ${`Bench-Träger ${tag}`}, now()) returning id`;
  const [facility] = await sql`insert into facilities (provider_id, name, postcode, city, lat, lon) values (${provider.id}, 'Bench-Einrichtung', '50667', 'Köln', 50.94, 6.96) returning id`;
  const unitIds: string[] = [];
  for (const f of free) {
    const [u] = await sql`insert into units (owner_id, owner_kind, facility_id, name, setting, service_types, age_min, age_max, genders, capacity_total, free_places, lat, lon, last_confirmed_at)
      values (${provider.id}, 'provider', ${facility.id}, 'Bench-Gruppe', 'stationaer', ${['34']}, 6, 17, ${['female', 'male', 'diverse']}, 10, ${f}, 50.94, 6.96, now()) returning id`;
    unitIds.push(u.id);
  }
  const providerEmail = `bench-provider-${tag}@bench.example`;
  await sql`insert into users (organisation_id, org_kind, email, display_name, role, password_hash) values (${provider.id}, 'provider', ${providerEmail}, 'Bench', 'provider_staff', ${hash})`;
  const officeEmails: string[] = [];
  for (let i = 0; i < OFFICES; i++) {
    const [o] = await sql`insert into organisations (kind, name, district_ags) values ('office', ${`Bench-Jugendamt ${i} ${tag}`}, '05315') returning id`;
    const email = `bench-office-${i}-${tag}@bench.example`;
    await sql`insert into users (organisation_id, org_kind, email, display_name, role, password_hash) values (${o.id}, 'office', ${email}, 'Bench', 'caseworker', ${hash})`;
    officeEmails.push(email);
  }
  return { tag, unitIds, free, providerEmail, officeEmails };
}

/** Logs in, sends the requests, then races the accepts and the confirms; checks the outcome. */
async function race(sql: ReturnType<typeof createDb>, nodes: AppNode[], d: RaceData) {
  const { unitIds, free } = d;
  const k = free.reduce((a, b) => a + b, 0);
  const providerAt = await Promise.all(nodes.map((n) => loginAt(n.url, d.providerEmail)));
  const offices = await Promise.all(d.officeEmails.map((e, i) => loginAt(nodes[i % 2].url, e)));
  // each office asks ATTEMPTS / OFFICES different units: 200 requests, every (office, unit) pair once
  const perOffice = ATTEMPTS / OFFICES;
  const requests: { id: string; office: Session }[] = [];
  for (let i = 0; i < OFFICES; i++) {
    const ids = Array.from({ length: perOffice }, (_, j) => unitIds[(i + j) % UNITS]);
    const r = await post(offices[i], '/api/v1/requests', { unitIds: ids, caseRef: `B-${i}`, childAge: 12, childGender: 'female', desiredStart: '2026-12-01', urgency: 'regular' });
    if (r.status !== 201) throw new Error(`create: ${r.status} ${JSON.stringify(r.body)}`);
    // one request per unit, each in a group of its own would be closer to reality; a shared group
    // would end siblings on confirm, so confirm races only within each unit's holders
    for (const item of r.body.items) requests.push({ id: item.id, office: offices[i] });
  }
  // groups: a confirm ends the other requests of the same office group; keep them apart for the race
  await sql`update placement_requests set group_id = gen_random_uuid() where id = any(${requests.map((r) => r.id)}::uuid[])`;
  let serverErrors = 0;
  // phase bounds on the monotonic clock the nodes' --cpu-prof samples use (µs): where each phase's CPU went
  const mark = (phase: string) => process.env.BENCH_NODE_ARGS && console.error(JSON.stringify({ phase, us: Number(process.hrtime.bigint() / 1000n) }));
  mark('accept');
  const accepts = await Promise.all(requests.map((r, i) => post(providerAt[i % 2], `/api/v1/requests/${r.id}/accept`, {})));
  serverErrors += accepts.filter((a) => a.status >= 500).length;
  mark('confirm');
  const confirms = await Promise.all(requests.map((r, i) => post({ ...r.office, base: nodes[i % 2].url }, `/api/v1/requests/${r.id}/confirm`)));
  serverErrors += confirms.filter((c) => c.status >= 500).length;
  mark('end');
  const confirmed = confirms.filter((c) => c.status === 200).length;

  const perUnit = await sql`select u.id, u.free_places, u.held_places, count(r.id)::int as placed
    from units u left join placement_requests r on r.unit_id = u.id and r.status = 'confirmed'
    where u.id = any(${unitIds}::uuid[]) group by u.id`;
  const doubleBooked = perUnit.reduce((n, u) => n + Math.max(0, u.placed - free[unitIds.indexOf(u.id)]), 0);
  const lat = confirms.map((c) => c.ms);
  return {
    bench: 'reserve_contention',
    attempts: ATTEMPTS,
    places: k,
    confirmed,
    double_booked: doubleBooked,
    server_errors: serverErrors,
    accepted: accepts.filter((a) => a.status === 200).length,
    n: lat.length,
    p50_ms: +percentile(lat, 50).toFixed(1),
    p95_ms: +percentile(lat, 95).toFixed(1),
    nodes: 2,
    // the answers by status, and the accepts' latencies: where the time and the refusals go
    accept_status: countBy(accepts.map((a) => a.status)),
    confirm_status: countBy(confirms.map((c) => c.status)),
    accept_p95_ms: +percentile(accepts.map((a) => a.ms), 95).toFixed(1),
    confirm_200_p95_ms: +percentile(confirms.filter((c) => c.status === 200).map((c) => c.ms), 95).toFixed(1),
    confirm_409_p95_ms: +percentile(confirms.filter((c) => c.status === 409).map((c) => c.ms), 95).toFixed(1),
  };
}

/**
 * BENCH_RESERVE_WARMUP=1: a first race on units and offices of its own, not counted, before the
 * measured one (nodes and database connections that have served requests before; without it the
 * race meets every connection's first use of each statement and function).
 */
export async function benchReserveContention(databaseUrl: string) {
  const sql = createDb(databaseUrl, { max: 4 });
  const tag = Date.now().toString(36);
  const hash = await hashPassword(PASSWORD);
  const warmup = process.env.BENCH_RESERVE_WARMUP === '1';
  const first = warmup ? await createRaceData(sql, hash, `${tag}w`) : undefined;
  const data = await createRaceData(sql, hash, tag);
  const nodes = [await startAppNode(databaseUrl), await startAppNode(databaseUrl)];
  try {
    if (first) await race(sql, nodes, first);
    return { ...(await race(sql, nodes, data)), ...(warmup ? { warmup: true } : {}) };
  } finally {
    closeHttpPost();
    for (const n of nodes) await n.stop();
    await sql.end();
  }
}
