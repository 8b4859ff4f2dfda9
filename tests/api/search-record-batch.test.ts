import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AfterAnswerBatch, settleAfterAnswer } from '../../server/after-answer';
import { insertSearchRecords, type SearchRecord, type SearchRecordWrite } from '../../server/features/monitoring/record-queries';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// Gera (16052): the office of this file; every record below is its own.
const D = '16052';
let t: TestContext;
let office: OrgRow;
let unitIds: string[];

beforeAll(async () => {
  t = await createTestContext();
  office = await makeOrg(t.ctx.sql, 'office', { districtAgs: D });
  const provider = await makeOrg(t.ctx.sql, 'provider');
  const facility = await makeFacility(t.ctx.sql, provider);
  unitIds = [];
  for (let i = 0; i < 3; i++) unitIds.push((await makeUnit(t.ctx.sql, provider, facility)).id);
});
afterAll(() => t.close());

function record(o: Partial<SearchRecord> = {}): SearchRecord {
  return {
    kind: 'search', officeId: office.id, serviceType: '34', age: 12, gender: 'female', needs: ['trauma'], conditions: [], secureSetting: false,
    siblings: 0, emergencyIntake: false, radiusKm: 40, refLat: 50.9, refLon: 12.1, resultCount: 3, bindingConstraint: null, relaxedFound: null, ...o,
  };
}

describe('search records written together (one statement for the searches of a few milliseconds)', () => {
  it('writes every record as given, in order, the office district from the office and its centre when no point was given', async () => {
    await insertSearchRecords(t.ctx.sql, [
      { record: record({ age: 9, needs: ['a', 'b'] }), unitIds: [] },
      { record: record({ kind: 'browse', age: null, refLat: null, refLon: null, resultCount: 0, bindingConstraint: 'radius', relaxedFound: 4 }), unitIds: [] },
    ]);
    const rows = await t.ctx.sql`
      select kind, age, needs, district_ags, ref_lat::float8, ref_lon::float8, result_count, binding_constraint, relaxed_found
      from search_log where office_id = ${office.id} order by id`;
    const [centre] = await t.ctx.sql<{ lat: number; lon: number }[]>`select lat, lon from district_centres where ags = ${D}`;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { kind: 'search', age: 9, needs: ['a', 'b'], districtAgs: D, refLat: 50.9, refLon: 12.1, resultCount: 3, bindingConstraint: null, relaxedFound: null },
      {
        kind: 'browse', age: null, needs: ['trauma'], districtAgs: D, refLat: Math.round(centre.lat * 10) / 10, refLon: Math.round(centre.lon * 10) / 10,
        resultCount: 0, bindingConstraint: 'radius', relaxedFound: 4,
      },
    ]);
  });

  it('counts a unit once for every record that showed it, and once only within one record', async () => {
    const [a, b, c] = unitIds;
    const count = async (id: string) => (await t.ctx.sql<{ count: number }[]>`select count from unit_appearances where unit_id = ${id} and day = current_date`)[0]?.count ?? 0;
    const before = [await count(a), await count(b), await count(c)];
    const batch = [
      { record: record(), unitIds: [a, b] },
      { record: record(), unitIds: [b, a, a] },
      { record: record(), unitIds: [b] },
    ];
    // the second batch adds to the day's counts the first one started
    await insertSearchRecords(t.ctx.sql, batch);
    await insertSearchRecords(t.ctx.sql, batch);
    expect([await count(a), await count(b), await count(c)]).toEqual([before[0] + 4, before[1] + 6, before[2]]);
  });
});

describe('a batch of search records with one the database refuses', () => {
  it('keeps the other records: a unit deleted between the answer and the batch loses only its own record', async () => {
    const [a] = unitIds;
    const batch = new AfterAnswerBatch<SearchRecordWrite>(pino({ level: 'silent' }), 'recording searches for monitoring', (items) => insertSearchRecords(t.ctx.sql, items), 5);
    batch.add({ record: record({ age: 3 }), unitIds: [a] });
    // no such unit (any more): the foreign key of unit_appearances refuses it
    batch.add({ record: record({ age: 4 }), unitIds: [randomUUID()] });
    batch.add({ record: record({ age: 5 }), unitIds: [] });
    await settleAfterAnswer();
    const rows = await t.ctx.sql<{ age: number }[]>`select age from search_log where office_id = ${office.id} and age in (3, 4, 5) order by id`;
    expect(rows.map((r) => r.age)).toEqual([3, 5]);
  });
});
