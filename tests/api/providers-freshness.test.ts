import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobs } from '../../server/jobs/all';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** A local SMTP sink: real SMTP over TCP, the decoded mails kept in memory. */
function decodeQp(s: string): string {
  const joined = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]));
  }
  return Buffer.from(bytes).toString('utf8');
}
// adjacent encoded words join without the whitespace between them (RFC 2047)
const decodeHeader = (h: string) => h.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, q: string) => decodeQp(q.replace(/_/g, ' '))).replace(/\r?\n\s+/g, ' ');

const mails: Mail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, cb) {
    let raw = '';
    stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    stream.on('end', () => {
      const [head, ...body] = raw.split(/\r?\n\r?\n/);
      const subject = /^Subject: (.*(?:\r?\n\s+.*)*)/im.exec(head)?.[1] ?? '';
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: decodeHeader(subject), text: decodeQp(body.join('\n\n')) });
      cb();
    });
  },
});

const PERIOD_S = 2;
let t: TestContext;
beforeAll(async () => {
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await createTestContext({
    jobs: true,
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, FRESHNESS_UNCONFIRMED_DAYS: String(PERIOD_S / 86_400), FRESHNESS_HIDDEN_DAYS: '1', PUBLIC_URL: 'https://heimplatz.test' },
  });
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

const mailsTo = (addr: string) => mails.filter((m) => m.to.includes(addr));
const reasons = async (unitId: string) =>
  (await t.ctx.sql`select payload->>'reason' as reason from events where payload->>'unitId' = ${unitId} order by seq`).map((r) => r.reason);

describe('freshness: marking, reminders, the stale-unit helper', () => {
  it('the check runs on a pg-boss schedule', () => {
    const job = allJobs.find((j) => j.name === 'freshness.check');
    expect(job?.schedule).toBeTruthy();
  });

  it('marks aged units, reminds the provider once per period through SMTP, and a confirmation makes the unit fresh again', async () => {
    const org = await makeOrg(t.ctx.sql, 'provider');
    await t.ctx.sql`update organisations set email = ${`belegung-${org.id.slice(0, 8)}@test.example`} where id = ${org.id}`;
    const admin = await makeUser(t.ctx.sql, org, 'provider_admin');
    const staff = await makeUser(t.ctx.sql, org, 'provider_staff');
    const gone = await makeUser(t.ctx.sql, org, 'provider_staff');
    await t.ctx.sql`update users set disabled_at = now() where id = ${gone.id}`;
    const f = await makeFacility(t.ctx.sql, org);
    const fresh = await makeUnit(t.ctx.sql, org, f, { name: 'Gruppe Frisch' });
    const old = await makeUnit(t.ctx.sql, org, f, { name: 'Gruppe Alt', lastConfirmedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() });
    await makeUnit(t.ctx.sql, org, f, { name: 'Beratung ohne Plätze', capacityTotal: null, freePlaces: null, lastConfirmedAt: null, setting: 'ambulant', serviceTypes: ['28'] });

    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    expect(await reasons(old.id)).toEqual(['stale']);
    expect(await reasons(fresh.id)).toEqual([]);
    const first = mailsTo(admin.email);
    expect(first).toHaveLength(1);
    expect(first[0].to.sort()).toEqual([admin.email, staff.email, `belegung-${org.id.slice(0, 8)}@test.example`].sort());
    expect(first[0].subject).toContain('Bitte bestätigen Sie Ihre freien Plätze (1)');
    expect(first[0].text).toContain('Gruppe Alt');
    expect(first[0].text).not.toContain('Gruppe Frisch');
    expect(first[0].text).not.toContain('Beratung ohne');
    expect(first[0].text).toContain('https://heimplatz.test/belegung');
    const [row] = await t.ctx.sql`select freshness_state from units where id = ${old.id}`;
    expect(row.freshnessState).toBe('hidden');

    // again at once: nothing new to mark, and the reminder is throttled
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    expect(mailsTo(admin.email)).toHaveLength(1);
    expect(await reasons(old.id)).toEqual(['stale']);

    // after the (short) period the fresh unit has aged too, and a new reminder is due
    await new Promise((r) => setTimeout(r, PERIOD_S * 1000 + 300));
    const agent = await login(t.app, staff);
    expect((await agent.get(`/api/v1/units/${fresh.id}`)).body.freshness).toBe('unconfirmed');
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    expect(await reasons(fresh.id)).toEqual(['stale']);
    const second = mailsTo(admin.email);
    expect(second).toHaveLength(2);
    expect(second[1].text).toContain('Gruppe Frisch');
    expect(second[1].text).toContain('Gruppe Alt');

    // one tap: fresh again, announced, and the job has nothing left to say about it
    const confirmed = await agent.post(`/api/v1/units/${fresh.id}/confirm`);
    expect(confirmed.body.freshness).toBe('fresh');
    const [state] = await t.ctx.sql`select freshness_state from units where id = ${fresh.id}`;
    expect(state.freshnessState).toBe('fresh');
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    expect(await reasons(fresh.id)).toEqual(['stale', 'confirmed']);
  });

  it('no reminder for a provider whose units are all current', async () => {
    const org = await makeOrg(t.ctx.sql, 'provider');
    const admin = await makeUser(t.ctx.sql, org, 'provider_admin');
    await makeUnit(t.ctx.sql, org, await makeFacility(t.ctx.sql, org));
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    expect(mailsTo(admin.email)).toHaveLength(0);
  });

  it('unit_freshness() tells other features whether a unit is stale, with the configured periods', async () => {
    const [r] = await t.ctx.sql`
      select unit_freshness(now()) as now_default,
             unit_freshness(now() - interval '8 days') as eight_days_default,
             unit_freshness(now() - interval '15 days') as fifteen_days_default,
             unit_freshness(null) as never,
             unit_freshness(now() - interval '3 hours', interval '2 hours', interval '1 day') as custom,
             unit_owner_listed(gen_random_uuid()) as unknown_owner`;
    expect(r).toEqual({ nowDefault: 'fresh', eightDaysDefault: 'unconfirmed', fifteenDaysDefault: 'hidden', never: 'hidden', custom: 'unconfirmed', unknownOwner: false });
  });
});
