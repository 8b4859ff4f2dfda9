import type { Sql } from '../../server/db';
import { generateMonitoringActivity } from '../../server/demo/monitoring-activity';

/**
 * `monitoring_api`: a year of activity at national scale (BENCH_MON_SEARCHES recorded searches,
 * default 1,000,000; BENCH_MON_REQUESTS closed requests, default 60,000; hourly snapshots of a
 * week and daily ones of a year), then the p95 of each dashboard route for the platform admin
 * (all, one district), an office (region) and a provider admin, over 30, 183 and 365 days.
 */
export async function seedMonitoringActivity(owner: Sql, o: { searches: number; requests: number; passwordHash: string }) {
  await generateMonitoringActivity(owner, o);
  const [platform] = await owner`select id from organisations where kind = 'platform' limit 1`;
  const platformId = platform?.id ?? (await owner`insert into organisations (kind, name) values ('platform', 'Bench platform') returning id`)[0].id;
  await owner`insert into users (organisation_id, org_kind, email, display_name, role, password_hash)
    values (${platformId}, 'platform', 'platform@bench.example', 'Bench platform', 'platform_admin', ${o.passwordHash})`;
  const [prov] = await owner`select owner_id from units where owner_kind = 'provider' group by owner_id order by count(*) desc limit 1`;
  await owner`insert into users (organisation_id, org_kind, email, display_name, role, password_hash)
    values (${prov.ownerId}, 'provider', 'provider-admin@bench.example', 'Bench provider admin', 'provider_admin', ${o.passwordHash})`;
}

type Login = (email: string) => Promise<{ cookie: string }>;

/** p95 per dashboard route; one JSON line per route via `out`. */
export async function benchMonitoring(base: string, login: Login, caseworkerEmail: string, n: number, out: (o: object) => void, stats: (name: string, ms: number[], extra?: object) => object) {
  const platform = await login('platform@bench.example');
  const office = await login(caseworkerEmail);
  const provider = await login('provider-admin@bench.example');
  // the office's own district, for the platform admin's view of one district
  const own = await fetch(`${base}/api/v1/monitoring/supply?days=1`, { headers: { cookie: office.cookie } });
  const district = ((await own.json()) as { districts: string[] }).districts[0];
  const routes: [string, { cookie: string }, string][] = [];
  for (const fig of ['supply', 'demand', 'unmet', 'placement-time', 'answer-times']) {
    routes.push([`${fig} (platform, all, 30 days)`, platform, `/api/v1/monitoring/${fig}?days=30`]);
    routes.push([`${fig} (platform, all, 365 days)`, platform, `/api/v1/monitoring/${fig}?days=365`]);
    routes.push([`${fig} (platform, one district, 365 days)`, platform, `/api/v1/monitoring/${fig}?days=365&district=${district}`]);
    routes.push([`${fig} (office, region, 183 days)`, office, `/api/v1/monitoring/${fig}?days=183&scope=region`]);
  }
  routes.push(['provider (30 days)', provider, '/api/v1/monitoring/provider?days=30']);
  routes.push(['provider (365 days)', provider, '/api/v1/monitoring/provider?days=365']);
  const all: number[] = [];
  for (const [name, s, path] of routes) {
    const ms: number[] = [];
    let first = 0;
    // the first (cold) call of each route is reported too: no answer is cached, every call reads the database
    for (let i = 0; i < n + 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { cookie: s.cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      if (i === 0) first = Math.round(performance.now() - t0);
      if (i >= 3) ms.push(performance.now() - t0);
    }
    all.push(...ms);
    out(stats('monitoring_api', ms, { route: name, first_ms: first }));
  }
  out(stats('monitoring_api', all, { route: 'all dashboard routes', target_p95_ms: 200 }));
}
