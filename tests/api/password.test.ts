import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

let t: TestContext;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestContext({ env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://heimplatz.example' } });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const NEW = 'Ganz-neues-Passwort-42';
const sessions = async (userId: string) => (await t.ctx.sql`select count(*)::int as n from sessions where user_id = ${userId}`)[0].n as number;
const tokenFrom = (text: string) => /#token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
const canLogin = async (email: string, password: string) => (await request(t.app).post('/api/v1/auth/login').send({ email, password })).status === 200;

async function office() {
  const org = await makeOrg(t.ctx.sql, 'office');
  return { org, user: await makeUser(t.ctx.sql, org, 'caseworker') };
}

describe('password change and disabling end the other sessions in the table', () => {
  it('changing your own password ends your other sessions, keeps this one', async () => {
    const { user } = await office();
    const desk = await login(t.app, user);
    const phone = await login(t.app, user);
    const wrong = await desk.post('/api/v1/auth/password', { currentPassword: 'not-it-at-all', newPassword: NEW });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.issues[0].path).toBe('body.currentPassword');
    expect((await desk.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: NEW })).status).toBe(200);
    expect(await sessions(user.id)).toBe(1);
    expect((await desk.get('/api/v1/auth/me')).status).toBe(200);
    expect((await phone.get('/api/v1/auth/me')).status).toBe(401);
    expect(await canLogin(user.email, NEW)).toBe(true);
  });

  it('a disabled account loses its sessions in the table, and re-enabling brings none back', async () => {
    const { org, user } = await office();
    const admin = await login(t.app, await makeUser(t.ctx.sql, org, 'office_admin'));
    const phone = await login(t.app, user);
    expect((await admin.patch(`/api/v1/users/${user.id}`, { disabled: true })).status).toBe(200);
    expect(await sessions(user.id)).toBe(0);
    expect((await admin.patch(`/api/v1/users/${user.id}`, { disabled: false })).status).toBe(200);
    expect((await phone.get('/api/v1/auth/me')).status).toBe(401);
  });
});

describe('password reset by e-mail', () => {
  it('sends a single-use link valid 30 minutes; using it sets the password and ends every session', async () => {
    const { user } = await office();
    const old = await login(t.app, user);
    const res = await request(t.app).post('/api/v1/auth/password-reset').send({ email: user.email });
    expect(res.status).toBe(202);
    const mail = await sink.waitFor((m) => m.to.includes(user.email));
    expect(mail.subject).toMatch(/neues Passwort/);
    expect(mail.text).toContain('https://heimplatz.example/passwort-neu#token=');
    const token = tokenFrom(mail.text);
    const [row] = await t.ctx.sql`select extract(epoch from expires_at - created_at)::int as s, token_hash from password_resets where user_id = ${user.id}`;
    expect(row.s).toBe(30 * 60);
    expect(row.tokenHash).not.toBe(token); // stored only hashed

    const done = await request(t.app).post('/api/v1/auth/password-reset/complete').send({ token, password: NEW });
    expect(done.status).toBe(200);
    expect((await old.get('/api/v1/auth/me')).status).toBe(401);
    expect(await canLogin(user.email, PASSWORD)).toBe(false);
    expect(await canLogin(user.email, NEW)).toBe(true);
    const again = await request(t.app).post('/api/v1/auth/password-reset/complete').send({ token, password: 'Noch-ein-Passwort-99' });
    expect(again.status).toBe(400);
    expect(again.body.error.details.issues[0].path).toBe('body.token');
  });

  it('an expired link does not work', async () => {
    const { user } = await office();
    await request(t.app).post('/api/v1/auth/password-reset').send({ email: user.email });
    const token = tokenFrom((await sink.waitFor((m) => m.to.includes(user.email))).text);
    await t.ctx.sql`update password_resets set created_at = now() - interval '31 minutes', expires_at = now() - interval '1 minute' where user_id = ${user.id}`;
    expect((await request(t.app).post('/api/v1/auth/password-reset/complete').send({ token, password: NEW })).status).toBe(400);
    expect(await canLogin(user.email, PASSWORD)).toBe(true);
  });

  it('answers an unknown address exactly like a known one', async () => {
    const { user } = await office();
    const known = await request(t.app).post('/api/v1/auth/password-reset').send({ email: user.email });
    const unknown = await request(t.app).post('/api/v1/auth/password-reset').send({ email: `nobody-${user.id}@test.example` });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.mails.some((m) => m.to.includes(`nobody-${user.id}@test.example`))).toBe(false);
  });
});

describe('admin-initiated reset', () => {
  it('an office admin resets a colleague: the old password stops, sessions end, a link is mailed', async () => {
    const { org, user } = await office();
    const admin = await login(t.app, await makeUser(t.ctx.sql, org, 'office_admin'));
    const victim = await login(t.app, user);
    expect((await admin.post(`/api/v1/users/${user.id}/password-reset`)).status).toBe(200);
    expect((await victim.get('/api/v1/auth/me')).status).toBe(401);
    expect(await canLogin(user.email, PASSWORD)).toBe(false);
    const token = tokenFrom((await sink.waitFor((m) => m.to.includes(user.email) && /Administration/.test(m.text))).text);
    expect((await request(t.app).post('/api/v1/auth/password-reset/complete').send({ token, password: NEW })).status).toBe(200);
    expect(await canLogin(user.email, NEW)).toBe(true);
  });

  it('not for users of another organisation', async () => {
    const { user } = await office();
    const other = await office();
    const admin = await login(t.app, await makeUser(t.ctx.sql, other.org, 'office_admin'));
    expect((await admin.post(`/api/v1/users/${user.id}/password-reset`)).status).toBe(404);
    expect(await canLogin(user.email, PASSWORD)).toBe(true);
  });
});
