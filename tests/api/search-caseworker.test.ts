import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, userClient, type Client, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type FacilityRow } from '../helpers/places';
import { makeServiceType } from './search-fixtures';

let t: TestContext;
let st: string;
let provider: OrgRow;
let facility: FacilityRow;
let cw: { client: Client; org: OrgRow };

beforeAll(async () => {
  t = await createTestContext({ jobs: true });
  st = await makeServiceType(t.ctx.sql);
  provider = await makeOrg(t.ctx.sql, 'provider');
  facility = await makeFacility(t.ctx.sql, provider, { lat: 50.9384, lon: 6.9599, postcode: '50667', city: 'Köln' });
  cw = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
});
afterAll(() => t.close());

const search = (criteria: Record<string, unknown>) => cw.client.post('/api/v1/search', { criteria });

describe('towns as people write them', () => {
  it('folds umlauts, drops district parts and finds close spellings', async () => {
    for (const town of ['Köln', 'Koeln', 'koeln', 'Köln-Ehrenfeld', 'Koeln-Nippes', 'Kölnn']) {
      const res = await search({ serviceType: st, reference: { town } });
      expect(res.status, `${town}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.reference.label, town).toBe('Köln');
    }
  });

  it('names an unknown town with a stable code, and offers a choice when a name is ambiguous', async () => {
    const unknown = await search({ serviceType: st, reference: { town: 'Xyzqwv' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0]).toMatchObject({ path: 'body.criteria.reference.town', code: 'unknown_town', params: { town: 'Xyzqwv' } });
    const ambiguous = await search({ serviceType: st, reference: { town: 'Neukirchen' } });
    expect(ambiguous.status).toBe(400);
    const issue = ambiguous.body.error.details.issues[0];
    expect(issue.code).toBe('ambiguous_town');
    expect(issue.params.options.length).toBeGreaterThan(1);
    for (const option of issue.params.options) expect(option).toMatch(/^\d{5} Neukirchen/);
  });
});

describe('browse without age or gender', () => {
  it('lists what is free by type of service and distance; an open search still needs the age', async () => {
    const near = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], ageMin: 3, ageMax: 8, freePlaces: 1 });
    const teen = await makeUnit(t.ctx.sql, provider, facility, { serviceTypes: [st], ageMin: 14, ageMax: 17, freePlaces: 2 });
    const res = await search({ serviceType: st, reference: { postcode: '50667' }, radiusKm: 30 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((i: { unitId: string }) => i.unitId).sort()).toEqual([near.id, teen.id].sort());
    expect(res.body.items[0].match.reasons.map((r: { criterion: string }) => r.criterion)).not.toContain('age');
    const open = await cw.client.post('/api/v1/searches', { criteria: { serviceType: st } });
    expect(open.status).toBe(400);
    expect(open.body.error.details.issues[0]).toMatchObject({ path: 'body.criteria.age', code: 'required' });
  });
});

describe('open searches named, and not opened twice', () => {
  it('is named after the case by default; the same search for the same case is offered for reuse', async () => {
    const criteria = { serviceType: st, age: 12, reference: { postcode: '50667' }, radiusKm: 20 };
    const first = await cw.client.post('/api/v1/searches', { criteria, caseRef: 'AZ-55', onDuplicate: 'offer' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.search).toMatchObject({ name: 'AZ-55', caseRef: 'AZ-55' });
    const again = await cw.client.post('/api/v1/searches', { criteria, caseRef: 'AZ-55', onDuplicate: 'offer' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ reason: 'duplicate-search', existing: { id: first.body.search.id, name: 'AZ-55' } });
    // another child with the same needs is another search
    const other = await cw.client.post('/api/v1/searches', { criteria, caseRef: 'AZ-56', name: 'Geschwister B.', onDuplicate: 'offer' });
    expect(other.status).toBe(201);
    expect(other.body.search.name).toBe('Geschwister B.');
    const list = await cw.client.get('/api/v1/searches?status=open&mine=true');
    expect(list.body.items.filter((s: { caseRef: string }) => s.caseRef === 'AZ-55')).toHaveLength(1);
  });
});
