import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

let t: TestContext;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestContext({ jobs: true, env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://heimplatz.test', CONFIRM_LINK_RATE_PER_IP: '40' } });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const HOUR = 3_600_000;
const ago = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

/** A provider with two aged units and one current one, reminded once; the links of the mail. */
async function reminded() {
  const org = await makeOrg(t.ctx.sql, 'provider');
  const staff = await makeUser(t.ctx.sql, org, 'provider_staff');
  const f = await makeFacility(t.ctx.sql, org);
  const a = await makeUnit(t.ctx.sql, org, f, { name: 'Gruppe Amsel', freePlaces: 2, lastConfirmedAt: ago(50) });
  const b = await makeUnit(t.ctx.sql, org, f, { name: 'Gruppe Buche', freePlaces: 1, lastConfirmedAt: ago(80) });
  const c = await makeUnit(t.ctx.sql, org, f, { name: 'Gruppe Current', freePlaces: 1 });
  await t.ctx.jobs.run('freshness.check', { ownerId: org.id });
  const mail = await sink.waitFor((m) => m.to.includes(staff.email));
  const confirmOf = (name: string) => new RegExp(`${name}[^\\n]*\\n  Stimmt noch: https://heimplatz\\.test/bestaetigen/(\\S+)`).exec(mail.text)![1];
  const all = /Alles unverändert[^\n]*: https:\/\/heimplatz\.test\/bestaetigen\/(\S+)/.exec(mail.text)![1];
  return { org, staff, a, b, c, mail, tokenA: confirmOf('Gruppe Amsel'), tokenB: confirmOf('Gruppe Buche'), all };
}

const confirmedAt = async (id: string) => ((await t.ctx.sql`select last_confirmed_at, free_places from units where id = ${id}`)[0] as { lastConfirmedAt: string; freePlaces: number });

describe('confirm links from the reminder', () => {
  it('GET shows what would be confirmed and changes nothing; POST confirms exactly that unit, once, audited with its origin', async () => {
    const r = await reminded();
    expect(r.mail.text).not.toContain('Gruppe Current');
    const before = await confirmedAt(r.a.id);

    const view = await request(t.app).get(`/api/v1/confirm-links/${r.tokenA}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ providerName: r.org.name, scope: 'unit', state: 'ready', usedAt: null });
    expect(view.body.units.map((u: { name: string }) => u.name)).toEqual(['Gruppe Amsel']);
    // a mail scanner fetching the link confirms nothing
    expect((await confirmedAt(r.a.id)).lastConfirmedAt).toBe(before.lastConfirmedAt);

    const done = await request(t.app).post(`/api/v1/confirm-links/${r.tokenA}`);
    expect(done.status).toBe(200);
    expect(done.body.units).toHaveLength(1);
    const after = await confirmedAt(r.a.id);
    expect(Date.parse(after.lastConfirmedAt)).toBeGreaterThan(Date.parse(before.lastConfirmedAt));
    expect(after.freePlaces).toBe(2);
    // the other unit of the same mail is untouched
    expect(Date.parse((await confirmedAt(r.b.id)).lastConfirmedAt)).toBeLessThan(Date.now() - 79 * HOUR);
    const events = await t.ctx.sql`select payload->>'reason' as reason from events where payload->>'unitId' = ${r.a.id} order by seq`;
    expect(events.map((e) => e.reason)).toContain('confirmed');

    const [audit] = await t.ctx.sql`select actor_kind, outcome, object_type, details, request_id from audit_log
      where action = 'availability.confirm-link' and object_id = ${r.tokenA.split('.')[0]} order by id`;
    expect(audit).toMatchObject({ actorKind: 'system', outcome: 'ok', objectType: 'confirm_link' });
    expect(audit.details).toMatchObject({ providerId: r.org.id, units: [r.a.id], scope: 'unit', sentTo: 'staff' });
    expect(audit.requestId).toBeTruthy();

    // once: a second use is refused, audited as denied, and the page can say so
    const again = await request(t.app).post(`/api/v1/confirm-links/${r.tokenA}`);
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('used');
    expect((await request(t.app).get(`/api/v1/confirm-links/${r.tokenA}`)).body.state).toBe('used');
    const denied = await t.ctx.sql`select 1 from audit_log where action = 'availability.confirm-link' and outcome = 'denied' and object_id = ${r.tokenA.split('.')[0]}`;
    expect(denied).toHaveLength(1);
  });

  it('"Alles unverändert" confirms every unit of the reminder at once', async () => {
    const r = await reminded();
    const res = await request(t.app).post(`/api/v1/confirm-links/${r.all}`);
    expect(res.status).toBe(200);
    expect(res.body.units.map((u: { name: string }) => u.name).sort()).toEqual(['Gruppe Amsel', 'Gruppe Buche']);
    for (const u of [r.a, r.b]) expect(Date.parse((await confirmedAt(u.id)).lastConfirmedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses after 72 hours, a forged signature, and a token used as anything else', async () => {
    const r = await reminded();
    // a forged or altered signature is not found (and confirms nothing)
    const forged = `${r.tokenA.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await request(t.app).post(`/api/v1/confirm-links/${forged}`)).status).toBe(404);
    const otherId = `${r.tokenB.split('.')[0]}.${r.tokenA.split('.')[1]}`;
    expect((await request(t.app).post(`/api/v1/confirm-links/${otherId}`)).status).toBe(404);

    // single-purpose: not a login, not an API token
    const staffApi = await request(t.app).get('/api/v1/units').set('Authorization', `Bearer ${r.tokenB}`);
    expect(staffApi.status).toBe(401);
    const change = await request(t.app).post(`/api/v1/units/${r.b.id}/availability`).set('Authorization', `Bearer ${r.tokenB}`).send({ freePlaces: 0 });
    expect(change.status).toBe(401);
    expect((await confirmedAt(r.b.id)).freePlaces).toBe(1);

  });

  it('refuses after 72 hours (the clock moved on), and says so on the page', async () => {
    const r = await reminded();
    t.ctx.clock = () => new Date(Date.now() + 72 * HOUR + 60_000);
    try {
      expect((await request(t.app).get(`/api/v1/confirm-links/${r.tokenB}`)).body.state).toBe('expired');
      const res = await request(t.app).post(`/api/v1/confirm-links/${r.tokenB}`);
      expect(res.status).toBe(409);
      expect(res.body.error.details.reason).toBe('expired');
    } finally {
      t.ctx.clock = undefined;
    }
    expect(Date.parse((await confirmedAt(r.b.id)).lastConfirmedAt)).toBeLessThan(Date.now() - 79 * HOUR);
    // 71 hours: still good
    t.ctx.clock = () => new Date(Date.now() + 71 * HOUR);
    try {
      expect((await request(t.app).post(`/api/v1/confirm-links/${r.tokenB}`)).status).toBe(200);
    } finally {
      t.ctx.clock = undefined;
    }
  });

  it('a logged-in browser sends its CSRF token like for any write, and units archived since are skipped', async () => {
    const r = await reminded();
    const agent = await login(t.app, r.staff);
    await t.ctx.sql`update units set archived_at = now() where id = ${r.b.id}`;
    expect((await agent.agent.post(`/api/v1/confirm-links/${r.all}`)).status).toBe(403);
    const res = await agent.post(`/api/v1/confirm-links/${r.all}`);
    expect(res.status).toBe(200);
    expect(res.body.units.map((u: { id: string }) => u.id)).toEqual([r.a.id]);
  });

  it('is rate limited per address', async () => {
    const r = await reminded();
    let last = 0;
    for (let i = 0; i < 45 && last !== 429; i++) last = (await request(t.app).get(`/api/v1/confirm-links/${r.tokenA}`)).status;
    expect(last).toBe(429);
  });
});
