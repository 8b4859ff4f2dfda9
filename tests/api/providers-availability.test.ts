import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, type Sql } from '../../server/db';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

let t: TestContext;
let owner: Sql;
beforeAll(async () => {
  t = await createTestContext();
  owner = createDb(inject('databaseUrl'), { max: 1 });
});
afterAll(async () => {
  await owner.end({ timeout: 5 });
  await t.close();
});

const DAY = 86_400_000;
const reasons = async (unitId: string) =>
  (await t.ctx.sql`select payload->>'reason' as reason from events where type = 'vacancy:changed' and payload->>'unitId' = ${unitId} order by seq`).map((r) => r.reason);

async function setup(o: Parameters<typeof makeUnit>[3] = {}) {
  const p = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const f = await makeFacility(t.ctx.sql, p.org);
  const u = await makeUnit(t.ctx.sql, p.org, f, o);
  return { ...p, facility: f, unit: u };
}

describe('confirm and free count: one action each', () => {
  it('confirm sets lastConfirmedAt only; the answer carries the age; the event follows', async () => {
    const old = new Date(Date.now() - 4 * DAY).toISOString();
    const { client, unit, org } = await setup({ lastConfirmedAt: old, freePlaces: 2 });
    const before = (await client.get(`/api/v1/units/${unit.id}`)).body;
    expect(before.freshness).toBe('unconfirmed');
    const r = await client.post(`/api/v1/units/${unit.id}/confirm`);
    expect(r.status).toBe(200);
    expect(Date.now() - Date.parse(r.body.lastConfirmedAt)).toBeLessThan(60_000);
    expect(r.body).toMatchObject({ freePlaces: 2, freshness: 'fresh', version: before.version, availabilityChangedAt: before.availabilityChangedAt, updatedAt: before.updatedAt });
    const [ev] = await t.ctx.sql`select rooms, payload from events where payload->>'unitId' = ${unit.id}`;
    expect(ev.rooms).toEqual([`org:${org.id}`]);
    expect(ev.payload).toEqual({ unitId: unit.id, providerId: org.id, freePlaces: 2, lastConfirmedAt: r.body.lastConfirmedAt, reason: 'confirmed' });
  });

  it('+1 / -1 and an absolute value change the count and confirm; out of range is refused naming the field', async () => {
    const old = new Date(Date.now() - 3 * DAY).toISOString();
    const { client, unit } = await setup({ lastConfirmedAt: old, capacityTotal: 4, freePlaces: 3 });
    const plus = await client.post(`/api/v1/units/${unit.id}/availability`, { delta: 1 });
    expect(plus.status).toBe(200);
    expect(plus.body.freePlaces).toBe(4);
    expect(Date.parse(plus.body.lastConfirmedAt)).toBeGreaterThan(Date.parse(old));
    const over = await client.post(`/api/v1/units/${unit.id}/availability`, { delta: 1 });
    expect(over.status).toBe(400);
    expect(over.body.error.details.issues[0].path).toBe('body.delta');
    const above = await client.post(`/api/v1/units/${unit.id}/availability`, { freePlaces: 5 });
    expect(above.status).toBe(400);
    expect(above.body.error.details.issues[0].path).toBe('body.freePlaces');
    const below = await client.post(`/api/v1/units/${unit.id}/availability`, { freePlaces: -1 });
    expect(below.status).toBe(400);
    expect(below.body.error.details.issues[0].path).toBe('body.freePlaces');
    const both = await client.post(`/api/v1/units/${unit.id}/availability`, { freePlaces: 1, delta: 1 });
    expect(both.status).toBe(400);
    const set = await client.post(`/api/v1/units/${unit.id}/availability`, { freePlaces: 0 });
    expect(set.body.freePlaces).toBe(0);
    const minus = await client.post(`/api/v1/units/${unit.id}/availability`, { delta: -1 });
    expect(minus.status).toBe(400);
    expect(await reasons(unit.id)).toEqual(['free-changed', 'free-changed']);
  });

  it('two concurrent updates of one unit: none is lost', async () => {
    const { client, unit } = await setup({ capacityTotal: 40, freePlaces: 0 });
    const ups = await Promise.all(Array.from({ length: 20 }, () => client.post(`/api/v1/units/${unit.id}/availability`, { delta: 1 })));
    expect(ups.map((r) => r.status)).toEqual(Array(20).fill(200));
    const [row] = await t.ctx.sql`select free_places, version from units where id = ${unit.id}`;
    expect(row).toEqual({ freePlaces: 20, version: 21 });
    // a mixed burst: 12 take a place, 5 give one back; the count never leaves 0..capacity
    const mixed = await Promise.all([
      ...Array.from({ length: 12 }, () => client.post(`/api/v1/units/${unit.id}/availability`, { delta: -1 })),
      ...Array.from({ length: 5 }, () => client.post(`/api/v1/units/${unit.id}/availability`, { delta: 1 })),
    ]);
    expect(mixed.every((r) => r.status === 200)).toBe(true);
    const [after] = await t.ctx.sql`select free_places from units where id = ${unit.id}`;
    expect(after.freePlaces).toBe(13);
    expect((await reasons(unit.id)).length).toBe(37);
  });

  it('the last places: concurrent takes beyond zero are refused, not lost or doubled', async () => {
    const { client, unit } = await setup({ capacityTotal: 8, freePlaces: 3 });
    const takes = await Promise.all(Array.from({ length: 6 }, () => client.post(`/api/v1/units/${unit.id}/availability`, { delta: -1 })));
    expect(takes.filter((r) => r.status === 200)).toHaveLength(3);
    expect(takes.filter((r) => r.status === 400)).toHaveLength(3);
    const [row] = await t.ctx.sql`select free_places from units where id = ${unit.id}`;
    expect(row.freePlaces).toBe(0);
  });

  it('absolute values with expectedVersion: of two concurrent writers on one version, one wins and one is told', async () => {
    const { client, unit } = await setup({ capacityTotal: 8, freePlaces: 2 });
    const [a, b] = await Promise.all([
      client.post(`/api/v1/units/${unit.id}/availability`, { freePlaces: 5, expectedVersion: 1 }),
      client.post(`/api/v1/units/${unit.id}/availability`, { freePlaces: 6, expectedVersion: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.details).toMatchObject({ currentVersion: 2 });
  });
});

describe('planned vacancies', () => {
  it('adds and withdraws a planned vacancy; both confirm and are announced; refusals name the field', async () => {
    const { client, unit } = await setup({ capacityTotal: 6, freePlaces: 0 });
    const r = await client.post(`/api/v1/units/${unit.id}/planned-vacancies`, { availableFrom: '2099-03-01', places: 2, note: 'Auszug in Verselbstständigung' });
    expect(r.status).toBe(201);
    expect(r.body.plannedVacancies).toEqual([{ id: expect.any(String), availableFrom: '2099-03-01', places: 2, note: 'Auszug in Verselbstständigung' }]);
    const past = await client.post(`/api/v1/units/${unit.id}/planned-vacancies`, { availableFrom: '2001-01-01', places: 1 });
    expect(past.body.error.details.issues[0].path).toBe('body.availableFrom');
    const many = await client.post(`/api/v1/units/${unit.id}/planned-vacancies`, { availableFrom: '2099-03-01', places: 7 });
    expect(many.body.error.details.issues[0].path).toBe('body.places');
    const badDate = await client.post(`/api/v1/units/${unit.id}/planned-vacancies`, { availableFrom: '01.03.2099', places: 1 });
    expect(badDate.body.error.details.issues[0].path).toBe('body.availableFrom');
    const del = await client.delete(`/api/v1/units/${unit.id}/planned-vacancies/${r.body.plannedVacancies[0].id}`);
    expect(del.status).toBe(200);
    expect(del.body.plannedVacancies).toEqual([]);
    expect((await client.delete(`/api/v1/units/${unit.id}/planned-vacancies/${r.body.plannedVacancies[0].id}`)).status).toBe(404);
    expect(await reasons(unit.id)).toEqual(['planned-changed', 'planned-changed']);
  });
});

describe('events: after commit only', () => {
  it('a committed change is announced (row and NOTIFY); a change that rolls back announces nothing', async () => {
    const { client, unit } = await setup({ capacityTotal: 8, freePlaces: 2 });
    const heard: number[] = [];
    const listener = await t.ctx.sql.listen('hpb_events', (seq) => heard.push(Number(seq)));
    try {
      const ok = await client.post(`/api/v1/units/${unit.id}/availability`, { delta: 1 });
      expect(ok.status).toBe(200);
      const [ev] = await t.ctx.sql`select seq from events where payload->>'unitId' = ${unit.id}`;
      await expect.poll(() => heard.includes(ev.seq), { timeout: 5000 }).toBe(true);

      // make the audit write of this unit's next change fail: it comes after the event in the same transaction
      const fn = `fail_audit_${unit.id.replaceAll('-', '')}`;
      await owner.unsafe(`create function ${fn}() returns trigger language plpgsql as $$ begin raise exception 'test rollback' using errcode = 'check_violation'; end $$;
        create trigger ${fn} before insert on audit_log for each row when (new.object_id = '${unit.id}') execute function ${fn}();`);
      const seqBefore = Number((await t.ctx.sql`select max(seq) as m from events`)[0].m);
      try {
        const failed = await client.post(`/api/v1/units/${unit.id}/availability`, { delta: 1 });
        expect(failed.status).toBe(400);
      } finally {
        await owner.unsafe(`drop trigger ${fn} on audit_log; drop function ${fn}();`);
      }
      await new Promise((r) => setTimeout(r, 300));
      expect(await reasons(unit.id)).toEqual(['free-changed']);
      const [row] = await t.ctx.sql`select free_places from units where id = ${unit.id}`;
      expect(row.freePlaces).toBe(3);
      // every NOTIFY heard since then belongs to a committed row (a rolled-back one would have none)
      const later = heard.filter((s) => s > seqBefore);
      if (later.length) {
        const rows = await t.ctx.sql`select seq, payload->>'unitId' as unit_id from events where seq = any(${later})`;
        expect(rows.length).toBe(later.length);
        expect(rows.some((r) => r.unitId === unit.id)).toBe(false);
      }
    } finally {
      await listener.unlisten();
    }
  });
});
