/**
 * The search API of two checkouts side by side, for a before/after on a busy machine: one data set
 * (BENCH_UNITS units, no open searches), one app node of this checkout ("b") and one of the checkout
 * at BENCH_AB_ROOT ("a", e.g. main), and the page statement straight on the database ("sql"), called
 * in turn for each search (the order rotating), so that every load the machine has falls on all three
 * alike. `npx tsx tests/bench/ab-search.ts` with BENCH_AB_ROOT=<other checkout>; BENCH_N searches,
 * BENCH_WARM calls of each before. One JSON line per node for one client and for eight (throughput
 * as a share of the same eight-way load on the database, measured in alternating blocks).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SearchCriteriaSchema, type SearchCriteriaInput } from '../../shared/schemas/search';
import { loadConfig } from '../../server/config';
import { createDb } from '../../server/db';
import { typicalSearches } from './typical-searches';
import { generateDataset } from '../../server/demo/generate';
import { startEmbeddedPg } from '../../server/embedded-pg';
import { resolveCriteria, type ResolvedCriteria } from '../../server/features/search/criteria';
import { selectSearchPage } from '../../server/features/search/queries';
import { migrate } from '../../server/migrate';
import { hashPassword } from '../../server/passwords';
import { freePort } from '../helpers/global-setup';
import { httpPost } from './http-post';
import { startAppNode, type AppNode } from './nodes';
import { cpuMs } from './search-service';

const OTHER = process.env.BENCH_AB_ROOT;
if (!OTHER) throw new Error('BENCH_AB_ROOT=<the other checkout> is required');
const UNITS = Number(process.env.BENCH_UNITS ?? 15_000);
const N = Number(process.env.BENCH_N ?? 300);
const WARM = Number(process.env.BENCH_WARM ?? 40);
const PASSWORD = 'Bench-Password-2026';
const info = (m: string) => process.stderr.write(`[ab] ${m}\n`);
const out = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const round = (x: number) => Math.round(x * 100) / 100;
const q = (ms: number[], p: number) => {
  const s = [...ms].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0);
};

const dir = mkdtempSync(join(tmpdir(), 'hpb-ab-'));
chmodSync(dir, 0o755);
const pg = await startEmbeddedPg({ dir: join(dir, 'data'), port: await freePort(), ephemeral: true });
const nodes: AppNode[] = [];
try {
  const owner = createDb(pg.socketUrl, { max: 4 });
  await migrate(owner, 'hpb_app');
  const sql = createDb(pg.socketUrl, { max: 8, role: 'hpb_app' });
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: pg.socketUrl, LOG_LEVEL: 'silent' });
  info(`generating ${UNITS} units`);
  const data = await generateDataset(owner, { units: UNITS, passwordHash: await hashPassword(PASSWORD) });
  await owner`vacuum analyze`;
  const { startAppNode: startOther } = (await import(join(OTHER, 'tests', 'bench', 'nodes.ts'))) as { startAppNode: typeof startAppNode };
  const env = { JOBS_ENABLED: 'false', DATABASE_POOL_SIZE: '10' };
  nodes.push(await startOther(pg.socketUrl, env), await startAppNode(pg.socketUrl, env));
  const [a, b] = nodes;
  const loginAt = async (base: string, email: string) => {
    const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    if (!res.ok) throw new Error(`login ${res.status}`);
    return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  };
  const sessions = {
    a: await Promise.all(data.caseworkers.slice(200, 208).map((c) => loginAt(a.url, c.email))),
    b: await Promise.all(data.caseworkers.slice(208, 216).map((c) => loginAt(b.url, c.email))),
  };
  const postcodes = (await sql`select code from postcodes where not approximate order by code`).map((p) => p.code as string);
  const list = typicalSearches(N, postcodes);
  const resolved: ResolvedCriteria[] = [];
  for (const c of list) resolved.push(await resolveCriteria(sql, config, SearchCriteriaSchema.parse(c), 'criteria'));

  const call = async (which: 'a' | 'b', k: number, c: SearchCriteriaInput) => {
    const s = sessions[which][k % 8];
    const res = await httpPost(`${(which === 'a' ? a : b).url}/api/v1/search`, { criteria: c, perPage: 25 }, { cookie: s.cookie, 'x-csrf-token': s.csrf });
    if (res.status !== 200) throw new Error(`search ${which} ${res.status}`);
    return res.ms;
  };
  const floor = async (c: ResolvedCriteria) => {
    const t0 = performance.now();
    await selectSearchPage(sql, c, 'fit', 25, 0);
    return performance.now() - t0;
  };
  info('warming up');
  for (let i = 0; i < WARM; i++) {
    await call('a', 0, list[i % N]);
    await call('b', 0, list[i % N]);
    await floor(resolved[i % N]);
  }
  const ms = { a: [] as number[], b: [] as number[], sql: [] as number[] };
  const cpu0 = { a: cpuMs(a.pid), b: cpuMs(b.pid) };
  for (let i = 0; i < N; i++) {
    const steps = [
      async () => void ms.a.push(await call('a', 0, list[i])),
      async () => void ms.b.push(await call('b', 0, list[i])),
      async () => void ms.sql.push(await floor(resolved[i])),
    ];
    for (let j = 0; j < 3; j++) await steps[(i + j) % 3]();
  }
  // each node's CPU over the loop: its own calls and what it did after their answers
  const cpu = { a: cpuMs(a.pid) - cpu0.a, b: cpuMs(b.pid) - cpu0.b };
  const sqlP95 = q(ms.sql, 0.95);
  out({ bench: 'ab_search_sql', p50_ms: q(ms.sql, 0.5), p95_ms: sqlP95, n: N });
  for (const w of ['a', 'b'] as const) {
    out({ bench: 'ab_search_api', node: w, root: w === 'a' ? OTHER : 'this checkout', p50_ms: q(ms[w], 0.5), p95_ms: q(ms[w], 0.95), vs_sql_p95: round(q(ms[w], 0.95) / sqlP95), app_cpu_ms_per_call: round(cpu[w] / N) });
  }

  // eight clients: blocks of N calls on sql, a, b, in turn, twice
  const eight = async (one: (i: number, k: number) => Promise<unknown>) => {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 8 }, async (_, k) => {
      for (let i = k; i < N; i += 8) await one(i, k);
    }));
    return performance.now() - t0;
  };
  const spent = { a: 0, b: 0, sql: 0 };
  for (let round_ = 0; round_ < 2; round_++) {
    spent.sql += await eight((i) => selectSearchPage(sql, resolved[i], 'fit', 25, 0));
    spent.a += await eight((i, k) => call('a', k, list[i]));
    spent.b += await eight((i, k) => call('b', k, list[i]));
  }
  for (const w of ['a', 'b'] as const) out({ bench: 'ab_throughput_c8', node: w, per_second: round((2 * N) / (spent[w] / 1000)), share: round(spent.sql / spent[w]) });
  await sql.end({ timeout: 5 });
  await owner.end({ timeout: 5 });
} finally {
  for (const n of nodes) await n.stop().catch(() => {});
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
