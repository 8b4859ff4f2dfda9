import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { inject } from 'vitest';
import { createDb } from '../../server/db';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, makeUser, PASSWORD, userClient } from '../helpers/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const entries = (objectId: string) =>
  t.ctx.sql`select action, outcome, actor_kind, actor_user_id, ip, request_id from audit_log where object_id = ${objectId} order by id`;

describe('audit log', () => {
  it('records logins and failed logins with who, when and from where', async () => {
    const org = await makeOrg(t.ctx.sql, 'office');
    const user = await makeUser(t.ctx.sql, org, 'caseworker');
    await request(t.app).post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password' });
    await request(t.app).post('/api/v1/auth/login').set('X-Request-Id', 'audit-test-1').send({ email: user.email, password: PASSWORD });
    const rows = await entries(user.id);
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual(['auth.login:failed', 'auth.login:ok']);
    expect(rows[1]).toMatchObject({ actorKind: 'user', actorUserId: user.id, requestId: 'audit-test-1' });
    expect(rows[1].ip).toMatch(/127\.0\.0\.1|::1|::ffff/);
  });

  it('records permission refusals', async () => {
    const { client, user } = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    await client.get('/api/v1/users');
    const [row] = await t.ctx.sql`select action, outcome, details from audit_log where actor_user_id = ${user.id} and action = 'access.denied'`;
    expect(row).toMatchObject({ outcome: 'denied', details: { method: 'GET', path: '/api/v1/users', code: 'FORBIDDEN' } });
  });

  it('cannot be changed or deleted by the application role', async () => {
    const [row] = await t.ctx.sql`insert into audit_log (actor_kind, action) values ('system', 'test.append') returning id`;
    await expect(t.ctx.sql`update audit_log set action = 'forged' where id = ${row.id}`).rejects.toThrow(/permission denied/);
    await expect(t.ctx.sql`delete from audit_log where id = ${row.id}`).rejects.toThrow(/permission denied/);
    await expect(t.ctx.sql`truncate audit_log`).rejects.toThrow(/permission denied/);
    const [still] = await t.ctx.sql`select action from audit_log where id = ${row.id}`;
    expect(still.action).toBe('test.append');
  });

  it('refuses changes even from the owning role (trigger)', async () => {
    const owner = createDb(inject('databaseUrl'), { max: 1 });
    try {
      const [row] = await owner`insert into audit_log (actor_kind, action) values ('system', 'test.owner') returning id`;
      await expect(owner`update audit_log set action = 'x' where id = ${row.id}`).rejects.toThrow(/append-only/);
      await expect(owner`delete from audit_log where id = ${row.id}`).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });

  it('the application works as a role that owns no tables', async () => {
    const [r] = await t.ctx.sql`select current_user as who, (select tableowner from pg_tables where tablename = 'audit_log') as owner`;
    expect(r.who).toBe('hpb_app');
    expect(r.owner).not.toBe('hpb_app');
  });
});
