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

const HOUR = 3_600_000;
/** Moves the jobs' clock (server/clock.ts) this many hours ahead of the real time; 0: the real time. */
const clockAhead = (hours: number) => (t.ctx.clock = hours ? () => new Date(Date.now() + hours * HOUR) : undefined);
let t: TestContext;
beforeAll(async () => {
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await createTestContext({
    jobs: true,
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://heimplatz.test' },
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

  it('marks aged units, reminds the staff once per period through SMTP, the admin when unanswered, and a confirmation makes the unit fresh again', async () => {
    const org = await makeOrg(t.ctx.sql, 'provider');
    await t.ctx.sql`update organisations set email = ${`belegung-${org.id.slice(0, 8)}@test.example`} where id = ${org.id}`;
    const admin = await makeUser(t.ctx.sql, org, 'provider_admin');
    const staff = await makeUser(t.ctx.sql, org, 'provider_staff');
    const gone = await makeUser(t.ctx.sql, org, 'provider_staff');
    await t.ctx.sql`update users set disabled_at = now() where id = ${gone.id}`;
    const f = await makeFacility(t.ctx.sql, org);
    const fresh = await makeUnit(t.ctx.sql, org, f, { name: 'Gruppe Frisch' });
    const old = await makeUnit(t.ctx.sql, org, f, { name: 'Gruppe Alt', lastConfirmedAt: new Date(Date.now() - 8 * 24 * HOUR).toISOString() });
    await makeUnit(t.ctx.sql, org, f, { name: 'Beratung ohne Plätze', capacityTotal: null, freePlaces: null, lastConfirmedAt: null, setting: 'ambulant', serviceTypes: ['28'] });

    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    expect(await reasons(old.id)).toEqual(['stale']);
    expect(await reasons(fresh.id)).toEqual([]);
    const first = mailsTo(staff.email);
    expect(first).toHaveLength(1);
    // the staff first (and the organisation's address), not the admin
    expect(first[0].to.sort()).toEqual([staff.email, `belegung-${org.id.slice(0, 8)}@test.example`].sort());
    expect(mailsTo(admin.email)).toHaveLength(0);
    expect(first[0].subject).toContain('Stimmen Ihre Platzzahlen noch? (1)');
    expect(first[0].text).toContain('Gruppe Alt');
    expect(first[0].text).not.toContain('Gruppe Frisch');
    expect(first[0].text).not.toContain('Beratung ohne');
    expect(first[0].text).toContain('https://heimplatz.test/belegung');
    expect(first[0].text).toContain(`Ändern: https://heimplatz.test/belegung/angebote/${old.id}`);
    expect(first[0].text).toMatch(/Stimmt noch: https:\/\/heimplatz\.test\/bestaetigen\/[0-9a-f-]{36}\.\S+/);
    expect(first[0].text).toMatch(/Alles unverändert .*: https:\/\/heimplatz\.test\/bestaetigen\//);
    const [row] = await t.ctx.sql`select freshness_state from units where id = ${old.id}`;
    expect(row.freshnessState).toBe('hidden');

    // again at once: nothing new to mark, and the reminder is throttled
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    expect(mailsTo(staff.email)).toHaveLength(1);
    expect(mailsTo(admin.email)).toHaveLength(0);
    expect(await reasons(old.id)).toEqual(['stale']);

    // 23 hours later still nobody answered: not yet the admin; 25 hours later: the admin, once
    clockAhead(23);
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    expect(mailsTo(admin.email)).toHaveLength(0);
    clockAhead(25);
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    const toAdmin = mailsTo(admin.email);
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0].to).toEqual([admin.email]);
    expect(toAdmin[0].text).toContain('noch unbeantwortet');
    expect(mailsTo(staff.email)).toHaveLength(1);

    // 73 hours later the fresh unit (free places) is past 72 h too, and a new staff reminder is due
    clockAhead(73);
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    expect(await reasons(fresh.id)).toEqual(['stale']);
    const second = mailsTo(staff.email);
    expect(second).toHaveLength(2);
    expect(second[1].text).toContain('Gruppe Frisch');
    expect(second[1].text).toContain('Gruppe Alt');
    clockAhead(0);

    // one tap: fresh again, announced, and the job has nothing left to say about it
    const agent = await login(t.app, staff);
    const confirmed = await agent.post(`/api/v1/units/${fresh.id}/confirm`);
    expect(confirmed.body.freshness).toBe('fresh');
    const [state] = await t.ctx.sql`select freshness_state from units where id = ${fresh.id}`;
    expect(state.freshnessState).toBe('fresh');
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    expect(await reasons(fresh.id)).toEqual(['stale', 'confirmed']);
  });

  it('full units have longer periods: 73 hours old is fresh and not reminded, 8 days old is', async () => {
    const org = await makeOrg(t.ctx.sql, 'provider');
    const staff = await makeUser(t.ctx.sql, org, 'provider_staff');
    const f = await makeFacility(t.ctx.sql, org);
    const full = await makeUnit(t.ctx.sql, org, f, { name: 'Gruppe Voll', freePlaces: 0, lastConfirmedAt: new Date(Date.now() - 73 * HOUR).toISOString() });
    const free = await makeUnit(t.ctx.sql, org, f, { name: 'Gruppe Frei', freePlaces: 1, lastConfirmedAt: new Date(Date.now() - 73 * HOUR).toISOString() });
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    const agent = await login(t.app, staff);
    expect((await agent.get(`/api/v1/units/${full.id}`)).body.freshness).toBe('fresh');
    expect((await agent.get(`/api/v1/units/${free.id}`)).body.freshness).toBe('unconfirmed');
    expect(mailsTo(staff.email)).toHaveLength(1);
    expect(mailsTo(staff.email)[0].text).not.toContain('Gruppe Voll');
    clockAhead(24 * 5);
    await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
    clockAhead(0);
    const second = mailsTo(staff.email)[1];
    expect(second.text).toContain('Gruppe Voll');
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
