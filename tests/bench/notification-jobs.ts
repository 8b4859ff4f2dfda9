import PgBoss from 'pg-boss';
import { createDb } from '../../server/db';
import { makeOrg, makeUser } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { startAppNode, type AppNode } from './nodes';

const BURST = Number(process.env.BENCH_NOTIFY_JOBS ?? 500);

/**
 * notification_jobs: a burst of BURST 'requests.notify' jobs (each an e-mail to the absent side of a
 * request) worked by two app nodes with the default JOBS_POLL_SECONDS / JOBS_BATCH_SIZE. Reports
 * the latency of each job from queued to completed (p50, p95, max) and the time until the last one.
 * Without SMTP_URL the mailer only logs, so this measures the queue, not a mail server.
 */
export async function benchNotificationJobs(url: string) {
  const owner = createDb(url, { max: 2 });
  const nodes: AppNode[] = [];
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 2, supervise: false, schedule: false });
  boss.on('error', () => {});
  try {
    const provider = await makeOrg(owner, 'provider');
    await makeUser(owner, provider, 'provider_staff');
    const facility = await makeFacility(owner, provider);
    const unit = await makeUnit(owner, provider, facility, { freePlaces: 1 });
    const office = await makeOrg(owner, 'office');
    const caseworker = await makeUser(owner, office, 'caseworker');
    const [r] = await owner`insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start, urgency)
      values (gen_random_uuid(), ${office.id}, ${caseworker.id}, ${unit.id}, ${provider.id}, 'BENCH-1', 12, 'female', current_date, 'regular') returning id`;
    nodes.push(...(await Promise.all([startAppNode(url), startAppNode(url)])));
    await boss.start();
    const t0 = Date.now();
    await boss.insert(Array.from({ length: BURST }, () => ({ name: 'requests.notify', data: { requestId: r.id, to: 'provider', what: 'created' } })));
    let done = 0;
    while (done < BURST && Date.now() - t0 < 180_000) {
      await new Promise((res) => setTimeout(res, 250));
      const [c] = await owner`select count(*)::int as n from pgboss.job where name = 'requests.notify' and data->>'requestId' = ${r.id} and state = 'completed'`;
      done = c.n;
    }
    const rows = await owner`select extract(epoch from (completed_on - created_on)) * 1000 as ms from pgboss.job
      where name = 'requests.notify' and data->>'requestId' = ${r.id} and state = 'completed' order by 1`;
    const ms = rows.map((x) => Number(x.ms));
    const q = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)] ?? 0);
    return { bench: 'notification_jobs', n: BURST, completed: ms.length, p50_ms: q(0.5), p95_ms: q(0.95), max_ms: Math.round(ms.at(-1) ?? 0), all_done_s: Math.round((Date.now() - t0) / 100) / 10, nodes: 2 };
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await Promise.all(nodes.map((n) => n.stop()));
    await owner.end({ timeout: 5 });
  }
}
