import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, makeUser, userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/** Providers see their own figures: each unit's freshness history and the answer times beside the region. */

let t: TestContext;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestContext({ jobs: true, env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://heimplatz.test' } });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const HOUR = 3_600_000;
type Item = { via: string; action: string | null; userName: string | null; tokenName: string | null; linkSentTo: string | null; at: string };

describe('freshness history on the capacity board', () => {
  it('records every confirmation with who or what confirmed it: the board, an API token, a CSV upload, a reminder link', async () => {
    const p = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    await t.ctx.sql`update users set display_name = 'Maria Beispiel' where id = ${p.user.id}`;
    const admin = (await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin', p.org)).client;
    const f = await makeFacility(t.ctx.sql, p.org);
    const u = await makeUnit(t.ctx.sql, p.org, f, { name: 'Gruppe Verlauf', freePlaces: 2, lastConfirmedAt: new Date(Date.now() - 60 * HOUR).toISOString() });
    const history = async () => {
      const res = await p.client.get(`/api/v1/units/${u.id}/confirmations`);
      expect(res.status).toBe(200);
      return res.body.items as Item[];
    };

    // the reminder link (from the freshness job's mail): confirmed without a login
    await t.ctx.jobs.run('freshness.check', { ownerId: p.org.id });
    const mail = await sink.waitFor((m) => m.to.includes(p.user.email));
    const token = /Stimmt noch: https:\/\/heimplatz\.test\/bestaetigen\/(\S+)/.exec(mail.text)![1];
    expect((await request(t.app).post(`/api/v1/confirm-links/${token}`)).status).toBe(200);
    // the board (one tap), then a change of the free count (it confirms too)
    await p.client.post(`/api/v1/units/${u.id}/confirm`);
    await p.client.post(`/api/v1/units/${u.id}/availability`, { delta: 1 });
    // the provider's software through an API token
    const apiToken = (await admin.post('/api/v1/api-tokens', { name: 'Fachsoftware' })).body.token;
    await request(t.app).put('/api/v1/availability').set('Authorization', `Bearer ${apiToken}`).send({ units: [{ unitId: u.id, freePlaces: 3 }] });
    // a CSV upload from the web client
    await p.client.agent.post('/api/v1/availability/csv?dryRun=false').set('X-CSRF-Token', p.client.csrf).set('Content-Type', 'text/csv').send(`ID;Freie Plätze\n${u.id};1\n`);

    const items = await history();
    expect(items.map((i) => [i.via, i.action, i.userName, i.tokenName, i.linkSentTo])).toEqual([
      ['csv', 'availability.csv', 'Maria Beispiel', null, null],
      ['api', 'availability.bulk', null, 'Fachsoftware', null],
      ['board', 'availability.change', 'Maria Beispiel', null, null],
      ['board', 'availability.confirm', 'Maria Beispiel', null, null],
      ['link', 'availability.confirm-link', null, null, 'staff'],
      // the unit's confirmation from before the history began (the factory's), without an actor
      ['unknown', null, null, null, null],
    ]);
    // newest first, each its own moment
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort().reverse());
    const limited = await p.client.get(`/api/v1/units/${u.id}/confirmations?limit=2`);
    expect(limited.body.items).toHaveLength(2);
  });

  it('one transaction is one confirmation; a refused change records nothing; other organisations see nothing', async () => {
    const p = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    const f = await makeFacility(t.ctx.sql, p.org);
    const u = await makeUnit(t.ctx.sql, p.org, f, { name: 'Gruppe Eins', capacityTotal: 4, freePlaces: 1 });
    const count = async () => (await t.ctx.sql`select count(*)::int as n from unit_confirmations where unit_id = ${u.id}`)[0].n as number;
    const before = await count();
    // planned vacancy and free count in one bulk call: one transaction, one entry
    const res = await p.client.put('/api/v1/availability', { units: [{ unitId: u.id, freePlaces: 2, plannedVacancies: [{ availableFrom: '2099-01-01', places: 1 }] }] });
    expect(res.status).toBe(200);
    expect(await count()).toBe(before + 1);
    // above the capacity: refused, nothing recorded
    expect((await p.client.post(`/api/v1/units/${u.id}/availability`, { freePlaces: 9 })).status).toBe(400);
    expect(await count()).toBe(before + 1);
    const other = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    expect((await other.client.get(`/api/v1/units/${u.id}/confirmations`)).status).toBe(404);
    const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    expect((await office.client.get(`/api/v1/units/${u.id}/confirmations`)).status).toBe(403);
  });

  it('the daily prune removes entries older than CONFIRMATION_HISTORY_DAYS but keeps each unit\'s latest', async () => {
    const p = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    const f = await makeFacility(t.ctx.sql, p.org);
    const day = 86_400_000;
    const old = await makeUnit(t.ctx.sql, p.org, f, { lastConfirmedAt: new Date(Date.now() - 500 * day).toISOString() });
    const both = await makeUnit(t.ctx.sql, p.org, f, { lastConfirmedAt: new Date(Date.now() - 450 * day).toISOString() });
    await t.ctx.sql`insert into unit_confirmations (unit_id, confirmed_at) values (${both.id}, now() - interval '420 days'), (${both.id}, now() - interval '10 days')`;
    await t.ctx.jobs.run('availability.history-prune');
    const left = async (id: string) => (await t.ctx.sql`select (now() - confirmed_at) > interval '400 days' as old from unit_confirmations where unit_id = ${id}`).map((r) => r.old);
    expect(await left(old.id)).toEqual([true]); // its only entry, however old
    expect(await left(both.id)).toEqual([false]);
  });
});

describe('answer times on the board', () => {
  /** A provider with a hand-made history of requests answered after the given minutes. */
  async function answered(minutes: number[]) {
    const db = t.ctx.sql;
    const provider = await makeOrg(db, 'provider');
    const office = await makeOrg(db, 'office');
    const cw = await makeUser(db, office, 'caseworker');
    const unit = await makeUnit(db, provider, await makeFacility(db, provider));
    for (const [i, m] of minutes.entries()) {
      const created = new Date(Date.now() - 2 * 24 * HOUR);
      await db`insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start, urgency, status, answered_at, created_at)
        values (${randomUUID()}, ${office.id}, ${cw.id}, ${unit.id}, ${provider.id}, ${`AZ-B-${i}`}, 12, 'female', current_date, 'regular', 'question', ${new Date(created.getTime() + m * 60_000)}, ${created})`;
    }
    return provider;
  }

  it("shows the provider's own median and shares beside the median of all providers with enough requests", async () => {
    const own = await answered([10, 20, 30, 40, 50]); // median 30
    await answered([100, 100, 100, 100, 100]);
    await answered([1, 2]); // too few: not in the regional median
    const staff = (await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff', own)).client;
    const res = await staff.get('/api/v1/availability/answer-times');
    expect(res.status).toBe(200);
    expect(res.body.own).toEqual({ enough: true, requests: 5, medianMinutes: 30, emergencyWithin30: null, regularWithin24h: 1 });
    expect(res.body.days).toBe(90);
    // the region: every provider on the platform with five requests or more (other tests add theirs)
    const [{ n }] = await t.ctx.sql`select count(*)::int as n from (select provider_id from placement_requests
      where created_at > now() - interval '90 days' and status <> 'withdrawn' or answered_at is not null group by provider_id having count(*) >= 5) x`;
    expect(res.body.region.providers).toBeGreaterThanOrEqual(2);
    expect(res.body.region.providers).toBeLessThanOrEqual(n);
    expect(res.body.region.medianMinutes).toEqual(expect.any(Number));

    const few = (await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff', await answered([5]))).client;
    expect((await few.get('/api/v1/availability/answer-times')).body.own).toMatchObject({ enough: false, medianMinutes: null });
    const office = (await userClient(t.app, t.ctx.sql, 'office', 'office_admin')).client;
    expect((await office.get('/api/v1/availability/answer-times')).status).toBe(403);
  });
});
