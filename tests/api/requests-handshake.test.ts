import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, userClient, type Client } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ jobs: true });
});
afterAll(() => t.close());

const today = () => new Date().toISOString().slice(0, 10);

async function setup(o: { free?: number; capacity?: number } = {}) {
  const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
  const colleague = await login(t.app, await makeUser(t.ctx.sql, office.org, 'caseworker'));
  const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const facility = await makeFacility(t.ctx.sql, provider.org);
  const unit = await makeUnit(t.ctx.sql, provider.org, facility, { freePlaces: o.free ?? 1, capacityTotal: o.capacity ?? 6 });
  return { office, colleague, provider, unit };
}

function body(unitIds: string[], extra: Record<string, unknown> = {}) {
  return { unitIds, caseRef: 'ASD-2026-0412', childAge: 14, childGender: 'female', needs: ['trauma'], desiredStart: today(), urgency: 'regular', ...extra };
}

async function send(c: Client, unitIds: string[], extra: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/requests', body(unitIds, extra));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { groupId: string; items: { id: string; unitId: string; status: string }[] };
}

const unitRow = async (id: string) => (await t.ctx.sql`select free_places, held_places from units where id = ${id}`)[0];

describe('the handshake', () => {
  it('request → accept (hold) → confirm: the placement is recorded and the free count drops', async () => {
    const s = await setup({ free: 2 });
    const { items } = await send(s.office.client, [s.unit.id]);
    const id = items[0].id;
    expect(items[0]).toMatchObject({ status: 'open', caseRef: 'ASD-2026-0412' });

    const seen = await s.provider.client.get(`/api/v1/requests/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.caseRef).toBeUndefined(); // the office's case reference stays with the office
    expect(seen.body).toMatchObject({ childAge: 14, childGender: 'female', needs: ['trauma'] });

    const acc = await s.provider.client.post(`/api/v1/requests/${id}/accept`, { message: 'Wir halten den Platz.' });
    expect(acc.status).toBe(200);
    expect(acc.body.status).toBe('accepted');
    const holdMs = Date.parse(acc.body.holdExpiresAt) - Date.now();
    expect(holdMs).toBeGreaterThan(23 * 3600_000); // regular: 24 h
    expect(await unitRow(s.unit.id)).toMatchObject({ freePlaces: 2, heldPlaces: 1 });

    const conf = await s.office.client.post(`/api/v1/requests/${id}/confirm`);
    expect(conf.status).toBe(200);
    expect(conf.body.status).toBe('confirmed');
    expect(await unitRow(s.unit.id)).toMatchObject({ freePlaces: 1, heldPlaces: 0 });
  });

  it('an emergency request is held for 2 hours by default', async () => {
    const s = await setup();
    const { items } = await send(s.office.client, [s.unit.id], { urgency: 'emergency' });
    const acc = await s.provider.client.post(`/api/v1/requests/${items[0].id}/accept`, {});
    const hours = (Date.parse(acc.body.holdExpiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThan(2.1);
  });

  it('decline needs a reason from the list; the thread carries questions and answers', async () => {
    const s = await setup();
    const { items } = await send(s.office.client, [s.unit.id]);
    const id = items[0].id;
    const q = await s.provider.client.post(`/api/v1/requests/${id}/messages`, { body: 'Besucht das Kind derzeit eine Schule?', question: true });
    expect(q.status).toBe(201);
    expect(q.body.status).toBe('question');
    const a = await s.office.client.post(`/api/v1/requests/${id}/messages`, { body: 'Ja, Klasse 8 einer Gesamtschule.' });
    expect(a.body.status).toBe('open');
    expect(a.body.messages.map((m: { kind: string }) => m.kind)).toEqual(['question', 'message']);
    const bad = await s.provider.client.post(`/api/v1/requests/${id}/decline`, { reason: 'because' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('body.reason');
    const dec = await s.provider.client.post(`/api/v1/requests/${id}/decline`, { reason: 'group-fit', text: 'Gruppe derzeit sehr jung.' });
    expect(dec.body).toMatchObject({ status: 'declined', declineReason: 'group-fit' });
    const late = await s.provider.client.post(`/api/v1/requests/${id}/accept`, {});
    expect(late.status).toBe(409);
  });

  it('withdraw and release free the held place', async () => {
    const s = await setup({ free: 1 });
    const r1 = (await send(s.office.client, [s.unit.id])).items[0].id;
    await s.provider.client.post(`/api/v1/requests/${r1}/accept`, {});
    expect((await unitRow(s.unit.id)).heldPlaces).toBe(1);
    expect((await s.office.client.post(`/api/v1/requests/${r1}/withdraw`, {})).body.status).toBe('withdrawn');
    expect((await unitRow(s.unit.id)).heldPlaces).toBe(0);
    const r2 = (await send(s.colleague, [s.unit.id])).items[0].id;
    await s.provider.client.post(`/api/v1/requests/${r2}/accept`, {});
    expect((await s.provider.client.post(`/api/v1/requests/${r2}/release`, { message: 'Leider doch nicht.' })).body.status).toBe('released');
    expect((await unitRow(s.unit.id)).heldPlaces).toBe(0);
    expect((await s.office.client.post(`/api/v1/requests/${r2}/confirm`)).status).toBe(409);
  });

  it('confirming one request of a group ends the others and frees their holds', async () => {
    const s = await setup({ free: 1 });
    const facility2 = await makeFacility(t.ctx.sql, s.provider.org);
    const unit2 = await makeUnit(t.ctx.sql, s.provider.org, facility2, { freePlaces: 1 });
    const { items } = await send(s.office.client, [s.unit.id, unit2.id]);
    for (const r of items) expect((await s.provider.client.post(`/api/v1/requests/${r.id}/accept`, {})).status).toBe(200);
    // the answer lists the group in no fixed order: confirm the one to the first unit
    const first = items.find((r) => r.unitId === s.unit.id)!;
    const second = items.find((r) => r.unitId === unit2.id)!;
    expect((await s.office.client.post(`/api/v1/requests/${first.id}/confirm`)).status).toBe(200);
    const other = await s.office.client.get(`/api/v1/requests/${second.id}`);
    expect(other.body.status).toBe('withdrawn');
    expect(other.body.messages.at(-1).kind).toBe('system');
    expect(await unitRow(unit2.id)).toMatchObject({ freePlaces: 1, heldPlaces: 0 });
    // a unit that never gave an admittable figure still has none: "as many as are free"
    const [{ admittablePlaces }] = await t.ctx.sql`select admittable_places from units where id = ${s.unit.id}`;
    expect(admittablePlaces).toBeNull();
  });
});

describe('the last free place', () => {
  it('accepting with nothing available is refused with 409 and a clear message', async () => {
    const s = await setup({ free: 1 });
    const other = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    const a = (await send(s.office.client, [s.unit.id])).items[0].id;
    const b = (await send(other.client, [s.unit.id])).items[0].id;
    expect((await s.provider.client.post(`/api/v1/requests/${a}/accept`, {})).status).toBe(200);
    const refused = await s.provider.client.post(`/api/v1/requests/${b}/accept`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/No place available/);
  });

  it('confirming a hold that is no longer active is refused with 409', async () => {
    const s = await setup();
    const id = (await send(s.office.client, [s.unit.id])).items[0].id;
    await s.provider.client.post(`/api/v1/requests/${id}/accept`, {});
    await t.ctx.sql`update placement_requests set hold_expires_at = now() - interval '1 second' where id = ${id}`;
    const res = await s.office.client.post(`/api/v1/requests/${id}/confirm`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/hold has expired/);
  });

  it('the database refuses more holds than free places, whatever the code does', async () => {
    const s = await setup({ free: 1 });
    await expect(t.ctx.sql`update units set held_places = 2 where id = ${s.unit.id}`).rejects.toThrow(/units_held_within_free/);
    await t.ctx.sql`update units set held_places = 1 where id = ${s.unit.id}`;
    await expect(t.ctx.sql`update units set free_places = 0 where id = ${s.unit.id}`).rejects.toThrow(/units_held_within_free/);
  });

  it('the free count cannot drop below the held places', async () => {
    const s = await setup({ free: 2 });
    const id = (await send(s.office.client, [s.unit.id])).items[0].id;
    await s.provider.client.post(`/api/v1/requests/${id}/accept`, {});
    await expect(t.ctx.sql`update units set free_places = 0 where id = ${s.unit.id}`).rejects.toThrow(/units_held_within_free/);
    await t.ctx.sql`update units set free_places = 1 where id = ${s.unit.id}`;
    expect(await unitRow(s.unit.id)).toMatchObject({ freePlaces: 1, heldPlaces: 1 });
  });
});

describe('idempotency keys', () => {
  it('a retried create returns the first answer and creates nothing twice', async () => {
    const s = await setup();
    const key = `create-${Date.now()}-abc`;
    const first = await s.office.client.agent.post('/api/v1/requests').set('X-CSRF-Token', s.office.client.csrf).set('Idempotency-Key', key).send(body([s.unit.id]));
    const again = await s.office.client.agent.post('/api/v1/requests').set('X-CSRF-Token', s.office.client.csrf).set('Idempotency-Key', key).send(body([s.unit.id]));
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.groupId).toBe(first.body.groupId);
    const [n] = await t.ctx.sql`select count(*)::int as n from placement_requests where unit_id = ${s.unit.id}`;
    expect(n.n).toBe(1);
  });

  it('concurrent confirms with one key record one placement', async () => {
    const s = await setup({ free: 3 });
    const id = (await send(s.office.client, [s.unit.id])).items[0].id;
    await s.provider.client.post(`/api/v1/requests/${id}/accept`, {});
    const key = `confirm-${Date.now()}-xyz`;
    const tries = await Promise.all(
      [1, 2, 3].map(() => s.office.client.agent.post(`/api/v1/requests/${id}/confirm`).set('X-CSRF-Token', s.office.client.csrf).set('Idempotency-Key', key).send({})),
    );
    expect(tries.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await unitRow(s.unit.id)).toMatchObject({ freePlaces: 2, heldPlaces: 0 });
  });

  it('a malformed key is named', async () => {
    const s = await setup();
    const res = await s.office.client.agent.post('/api/v1/requests').set('X-CSRF-Token', s.office.client.csrf).set('Idempotency-Key', 'x').send(body([s.unit.id]));
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('headers.idempotency-key');
  });
});

describe('nobody asks twice', () => {
  it("a colleague's running request to the unit is shown and a second one refused", async () => {
    const s = await setup();
    await send(s.office.client, [s.unit.id]);
    const running = await s.colleague.get(`/api/v1/requests/running?unitIds=${s.unit.id}`);
    expect(running.body.items).toHaveLength(1);
    expect(running.body.items[0]).toMatchObject({ unitId: s.unit.id, status: 'open' });
    const dup = await s.colleague.post('/api/v1/requests', body([s.unit.id]));
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.running[0].unitId).toBe(s.unit.id);
  });
});

describe('bad input and privacy', () => {
  it('names the field for bad input', async () => {
    const s = await setup();
    const cases: [Record<string, unknown>, string][] = [
      [{ childAge: 250 }, 'body.childAge'],
      [{ childGender: 'x' }, 'body.childGender'],
      [{ caseRef: 'Max Mustermann' }, 'body.caseRef'],
      [{ note: 'geboren am 03.04.2012' }, 'body.note'],
      [{ desiredStart: 'tomorrow' }, 'body.desiredStart'],
      [{ needs: ['telepathy'] }, 'body.needs'],
      [{ unitIds: [] }, 'body.unitIds'],
    ];
    for (const [extra, path] of cases) {
      const res = await s.office.client.post('/api/v1/requests', body([s.unit.id], extra));
      expect(res.status, path).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe(path);
    }
  });

  it('has no field for a name, birth date or address', async () => {
    const s = await setup();
    const res = await s.office.client.post('/api/v1/requests', { ...body([s.unit.id]), childName: 'Max', birthDate: '2012-04-03' });
    expect(res.status).toBe(201);
    const cols = await t.ctx.sql`select column_name from information_schema.columns where table_name = 'placement_requests'`;
    expect(cols.map((c) => c.columnName).filter((c) => /name|birth|address|street/.test(c))).toEqual([]);
  });
});

describe('tenancy', () => {
  it('a provider sees only requests to its units, an office only its own, on-call workers their office', async () => {
    const s = await setup();
    const id = (await send(s.office.client, [s.unit.id])).items[0].id;
    const otherProvider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    const otherOffice = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
    const oncall = await login(t.app, await makeUser(t.ctx.sql, s.office.org, 'oncall'));
    const platform = await userClient(t.app, t.ctx.sql, 'platform');
    expect((await otherProvider.client.get(`/api/v1/requests/${id}`)).status).toBe(404);
    expect((await otherOffice.client.get(`/api/v1/requests/${id}`)).status).toBe(404);
    expect((await otherProvider.client.post(`/api/v1/requests/${id}/accept`, {})).status).toBe(404);
    expect((await otherOffice.client.post(`/api/v1/requests/${id}/withdraw`, {})).status).toBe(404);
    expect((await platform.client.get(`/api/v1/requests/${id}`)).status).toBe(403);
    expect((await oncall.get(`/api/v1/requests/${id}`)).status).toBe(200);
    const list = await otherOffice.client.get('/api/v1/requests?status=all');
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    // roles: an office cannot accept, a provider cannot confirm
    expect((await s.office.client.post(`/api/v1/requests/${id}/accept`, {})).status).toBe(403);
    expect((await s.provider.client.post(`/api/v1/requests/${id}/confirm`)).status).toBe(403);
  });

  it('units of an unverified provider cannot be requested', async () => {
    const s = await setup();
    const unverified = await makeOrg(t.ctx.sql, 'provider', { verified: false });
    const u = await makeUnit(t.ctx.sql, unverified, await makeFacility(t.ctx.sql, unverified));
    const res = await s.office.client.post('/api/v1/requests', body([u.id]));
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.unitIds');
  });
});

describe('audit', () => {
  it('every read and change of a request is in the audit log', async () => {
    const s = await setup();
    const id = (await send(s.office.client, [s.unit.id])).items[0].id;
    await s.provider.client.get(`/api/v1/requests/${id}`);
    await s.provider.client.post(`/api/v1/requests/${id}/accept`, {});
    await s.office.client.get(`/api/v1/requests/${id}`);
    await s.office.client.post(`/api/v1/requests/${id}/confirm`);
    const rows = await t.ctx.sql`select action, actor_user_id from audit_log where object_id = ${id} order by id`;
    expect(rows.map((r) => r.action)).toEqual(['request.create', 'request.read', 'request.accept', 'request.read', 'request.confirm']);
    expect(rows[1].actorUserId).toBe(s.provider.user.id);
    await s.office.client.get('/api/v1/requests?status=all');
    const [list] = await t.ctx.sql`select details from audit_log where action = 'request.list' and actor_user_id = ${s.office.user.id} order by id desc limit 1`;
    expect(list.details.ids).toContain(id);
  });
});

describe('foster places of an office', () => {
  it("are arranged inside the office, not requested: another office's request is refused naming the field", async () => {
    const s = await setup();
    const fosterOffice = await makeOrg(t.ctx.sql, 'office');
    const foster = await makeUnit(t.ctx.sql, fosterOffice, null, { setting: 'pflegefamilie', serviceTypes: ['33'], capacityTotal: 1, freePlaces: 1 });
    const res = await s.office.client.post('/api/v1/requests', body([foster.id]));
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.unitIds');
  });
});
