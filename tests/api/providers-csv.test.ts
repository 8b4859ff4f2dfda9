import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function setup() {
  const p = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const f = await makeFacility(t.ctx.sql, p.org);
  const a = await makeUnit(t.ctx.sql, p.org, f, { name: 'Gruppe Ahorn', capacityTotal: 8, freePlaces: 1 });
  const b = await makeUnit(t.ctx.sql, p.org, f, { name: 'Gruppe Birke', capacityTotal: 4, freePlaces: 0 });
  await t.ctx.sql`update units set external_ref = 'BIRKE' where id = ${b.id}`;
  return { ...p, a, b };
}

const postCsv = (p: Awaited<ReturnType<typeof setup>>, csv: string, dryRun: boolean) =>
  p.client.agent.post(`/api/v1/availability/csv?dryRun=${dryRun}`).set('X-CSRF-Token', p.client.csrf).set('Content-Type', 'text/csv').send(csv);

const freeOf = async (...ids: string[]) =>
  Object.fromEntries((await t.ctx.sql`select id, free_places from units where id = any(${ids})`).map((r) => [r.id, r.freePlaces]));

describe('CSV upload of availability', () => {
  it('a dry run previews every row and changes nothing; applying changes all rows and announces them', async () => {
    const p = await setup();
    const csv = `unit_id;external_ref;free_places;planned_from;planned_places\n${p.a.id};;3;;\n;BIRKE;1;01.09.2099;2\n`;
    const dry = await postCsv(p, csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, valid: true, applied: false, errors: [] });
    expect(dry.body.rows).toEqual([
      { line: 2, unitId: p.a.id, unitName: 'Gruppe Ahorn', externalRef: null, freePlacesBefore: 1, freePlaces: 3, plannedFrom: null, plannedPlaces: null, changed: true },
      { line: 3, unitId: p.b.id, unitName: 'Gruppe Birke', externalRef: 'BIRKE', freePlacesBefore: 0, freePlaces: 1, plannedFrom: '2099-09-01', plannedPlaces: 2, changed: true },
    ]);
    expect(await freeOf(p.a.id, p.b.id)).toEqual({ [p.a.id]: 1, [p.b.id]: 0 });
    expect(await t.ctx.sql`select 1 from events where payload->>'unitId' in (${p.a.id}, ${p.b.id})`).toHaveLength(0);

    const applied = await postCsv(p, csv, false);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ dryRun: false, valid: true, applied: true });
    expect(await freeOf(p.a.id, p.b.id)).toEqual({ [p.a.id]: 3, [p.b.id]: 1 });
    const unitB = (await p.client.get(`/api/v1/units/${p.b.id}`)).body;
    expect(unitB.plannedVacancies).toMatchObject([{ availableFrom: '2099-09-01', places: 2 }]);
    expect(await t.ctx.sql`select 1 from events where payload->>'unitId' in (${p.a.id}, ${p.b.id})`).toHaveLength(2);
    // the same file again: same state, nothing announced
    const again = await postCsv(p, csv, false);
    expect(again.body.rows.map((r: { changed: boolean }) => r.changed)).toEqual([false, false]);
    expect(await t.ctx.sql`select 1 from events where payload->>'unitId' in (${p.a.id}, ${p.b.id})`).toHaveLength(2);
  });

  it('bad rows: every error is reported by line and column, and applying applies nothing', async () => {
    const p = await setup();
    const csv = [
      'unit_id,free_places,planned_from,planned_places',
      `${p.a.id},5,,`, // fine on its own
      `${p.b.id},9,,`, // above capacity 4
      'not-a-uuid,1,,',
      `${p.a.id.slice(0, -1)}0,1,,`, // a unit that is not ours (or does not exist)
      `${p.b.id},-1,2099-01-01,`, // negative, and planned_places missing
      `${p.b.id},x,31.02.2099,1`, // not a number, impossible date
      `,2,,`,
      `${p.b.id},1,2001-01-01,1`, // in the past
    ].join('\n');
    const dry = await postCsv(p, csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body.valid).toBe(false);
    const errs = dry.body.errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`);
    expect(errs).toEqual(['3:free_places', '4:unit_id', '5:unit_id', '6:free_places', '6:planned_places', '7:free_places', '7:planned_from', '8:unit_id', '9:planned_from']);
    expect(dry.body.rows.map((r: { line: number }) => r.line)).toEqual([2, 3]);

    const apply = await postCsv(p, csv, false);
    expect(apply.status).toBe(400);
    expect(apply.body.error.code).toBe('VALIDATION_FAILED');
    expect(apply.body.error.details.errors).toEqual(dry.body.errors);
    expect(apply.body.error.details.issues[0]).toEqual({ path: 'csv.line3.free_places', message: expect.any(String) });
    expect(await freeOf(p.a.id, p.b.id)).toEqual({ [p.a.id]: 1, [p.b.id]: 0 });
    expect(await t.ctx.sql`select 1 from events where payload->>'unitId' in (${p.a.id}, ${p.b.id})`).toHaveLength(0);
  });

  it('names problems of the file itself: unknown or missing columns, broken quoting, empty', async () => {
    const p = await setup();
    const cols = await postCsv(p, 'unit;frei\n1;2\n', true);
    expect(cols.body.errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`)).toEqual(['1:unit', '1:frei', '1:free_places', '1:unit_id']);
    const quote = await postCsv(p, `unit_id,free_places\n"${p.a.id},1\n`, true);
    expect(quote.body.errors[0]).toMatchObject({ line: 2, column: '*' });
    const empty = await postCsv(p, '   ', true);
    expect(empty.status).toBe(400);
    const headerOnly = await postCsv(p, 'unit_id,free_places\n', true);
    expect(headerOnly.body.errors[0]).toMatchObject({ line: 2, column: '*' });
  });

  it('accepts JSON {csv} and API tokens; refuses other media types', async () => {
    const admin = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
    const f = await makeFacility(t.ctx.sql, admin.org);
    const u = await makeUnit(t.ctx.sql, admin.org, f, { freePlaces: 0 });
    const json = await admin.client.post('/api/v1/availability/csv?dryRun=false', { csv: `unit_id,free_places\n${u.id},2\n` });
    expect(json.status).toBe(200);
    expect(json.body.applied).toBe(true);
    const token = (await admin.client.post('/api/v1/api-tokens', { name: 'CSV' })).body.token;
    const viaToken = await request(t.app)
      .post('/api/v1/availability/csv?dryRun=false')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'text/csv')
      .send(`unit_id,free_places\n${u.id},1\n`);
    expect(viaToken.status).toBe(200);
    expect(await freeOf(u.id)).toEqual({ [u.id]: 1 });
    const xml = await request(t.app).post('/api/v1/availability/csv').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/xml').send('<x/>');
    expect(xml.status).toBe(415);
    const badJson = await admin.client.post('/api/v1/availability/csv', { file: 'x' });
    expect(badJson.status).toBe(400);
  });
});
