import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { uniqueWord } from './directory-fixture';

// This file owns Vulkaneifel (07233, Daun 54550): no other test places offers or an office there.
const DAUN = '54550';
const VULKANEIFEL = '07233';

let t: TestContext;
let word: string;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestContext();
  word = uniqueWord();
  const provider = await makeOrg(t.ctx.sql, 'provider', { name: `Beratungsverbund Mosel ${word}` });
  // Wittlich, about 25 km from Daun
  const f = await makeFacility(t.ctx.sql, provider, { name: `Beratungshaus ${word}`, postcode: '54516', city: 'Wittlich', lat: 49.986, lon: 6.8931 });
  const amb = { setting: 'ambulant' as const, capacityTotal: null, freePlaces: null, ageMin: 0, ageMax: 27 };
  ids.debt = (await makeUnit(t.ctx.sql, provider, f, { ...amb, name: `Geldsorgen-Sprechstunde ${word}`, serviceTypes: ['schuldnerberatung'] })).id;
  ids.addiction = (await makeUnit(t.ctx.sql, provider, f, { ...amb, name: `Fachstelle ${word}`, serviceTypes: ['sucht-drogenberatung'] })).id;
  ids.shelter = (await makeUnit(t.ctx.sql, provider, f, { name: `Schutzhaus ${word}`, serviceTypes: ['frauenhaus-gewaltschutz'], ageMin: 0, ageMax: 27, capacityTotal: 6, freePlaces: 1 })).id;
  const office = await makeOrg(t.ctx.sql, 'office', { name: `Kreisjugendamt Vulkaneifel ${word}`, districtAgs: VULKANEIFEL });
  await t.ctx.sql`update organisations set phone = '06592 933-0', emergency_phone = '06592 933-999' where id = ${office.id}`;
  ids.office = office.id;
});
afterAll(() => t.close());

async function search(query: Record<string, string | number>) {
  const res = await request(t.app).get('/api/v1/directory/offers').query({ perPage: 100, ...query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
const idsOf = (items: { id: string }[]) => items.map((i) => i.id);

describe('the local help system beyond SGB VIII', () => {
  it('finds the new types of service by their German names, common words and small typos', async () => {
    for (const [q, id] of [
      ['Schuldnerberatung', ids.debt],
      ['Schulden', ids.debt],
      ['Schuldnerbertung', ids.debt],
      ['Suchtberatung', ids.addiction],
      ['Drogenberatung', ids.addiction],
      ['Alkohol', ids.addiction],
      ['Frauenhaus', ids.shelter],
      ['häusliche Gewalt', ids.shelter],
    ]) {
      const r = await search({ q, postcode: '54516', radiusKm: 5 });
      expect(idsOf(r.items), q).toContain(id);
      expect(r.alternatives, q).toBeNull();
    }
  });

  it('lists the new types in the facets and the HSDS taxonomy, not in the marketplace', async () => {
    const facets = await request(t.app).get('/api/v1/directory/facets');
    expect(facets.body.serviceTypes.map((s: { code: string }) => s.code)).toEqual(expect.arrayContaining(['schuldnerberatung', 'sucht-drogenberatung', 'frauenhaus-gewaltschutz']));
    // grouped, for the type filter: the debt counselling sits with the other counselling services
    expect(facets.body.groups.map((g: { code: string }) => g.code)).toEqual(['living', 'protection', 'family', 'mental-health', 'school', 'counselling']);
    expect(facets.body.serviceTypes.find((s: { code: string }) => s.code === 'schuldnerberatung').groupCode).toBe('counselling');
    const terms = await request(t.app).get('/hsds/taxonomy_terms').query({ per_page: 200 });
    expect(terms.status).toBe(200);
    const codes = terms.body.contents.map((c: { code: string }) => c.code);
    for (const c of ['fruehe-hilfen', 'schwangerschaftsberatung', 'sucht-drogenberatung', 'schuldnerberatung', 'kinder-jugendpsychiatrie', 'schulsozialarbeit', 'schulpsychologie', 'kinderschutz-fachberatung', 'frauenhaus-gewaltschutz', 'migrationsberatung']) {
      expect(codes).toContain(c);
    }
    const [row] = await t.ctx.sql`select count(*)::int as n from service_types where marketplace and code in ('schuldnerberatung', 'frauenhaus-gewaltschutz', 'fruehe-hilfen')`;
    expect(row.n).toBe(0);
  });
});

describe('a search that finds nothing leads somewhere', () => {
  it('offers related types, the nearest offers without the radius (named), the office of the postcode and the national numbers', async () => {
    const r = await search({ q: 'Schuldnerberatung', postcode: DAUN, radiusKm: 5 });
    expect(r.total).toBe(0);
    expect(r.items).toEqual([]);
    const a = r.alternatives;
    // related: the other counselling types someone offers; not the type searched for itself
    const related = a.relatedTypes.map((x: { code: string }) => x.code);
    expect(related).toContain('sucht-drogenberatung');
    expect(related).not.toContain('schuldnerberatung');
    expect(a.relatedTypes.find((x: { code: string }) => x.code === 'sucht-drogenberatung').group.nameDe).toBe('Beratung in besonderen Lebenslagen');
    // without the radius: the nearest debt counselling, 25 km away
    expect(a.relaxed.dropped).toBe('radiusKm');
    expect(a.relaxed.items[0].id).toBe(ids.debt);
    expect(a.relaxed.items[0].distanceKm).toBeGreaterThan(5);
    // the youth welfare office of the postcode's district, with its emergency number
    expect(a.offices).toContainEqual(expect.objectContaining({ id: ids.office, districtAgs: VULKANEIFEL, emergencyPhone: '06592 933-999' }));
    expect(a.helpNumbers.map((n: { phone: string }) => n.phone)).toEqual(expect.arrayContaining(['110', '112', '116 111', '0800 111 0 550', '116 016']));
  });

  it('drops the filter that blocks (the district) and says so', async () => {
    const r = await search({ types: 'schuldnerberatung', q: word, district: VULKANEIFEL });
    expect(r.total).toBe(0);
    expect(r.alternatives.relaxed.dropped).toBe('district');
    expect(idsOf(r.alternatives.relaxed.items)).toEqual([ids.debt]);
    expect(idsOf(r.alternatives.offices)).toContain(ids.office);
  });

  it('finds the office from a postcode among the words; drops nothing when the words are all there is', async () => {
    const r = await search({ q: `${uniqueWord()} ${DAUN}` });
    expect(r.total).toBe(0);
    expect(r.alternatives.relaxed).toBeNull();
    expect(r.alternatives.relatedTypes).toEqual([]);
    expect(idsOf(r.alternatives.offices)).toContain(ids.office);
    expect(r.alternatives.helpNumbers.length).toBeGreaterThanOrEqual(6);
  });

  it('names no office where no place is known', async () => {
    const r = await search({ q: uniqueWord() });
    expect(r.total).toBe(0);
    expect(r.alternatives.offices).toEqual([]);
    expect(r.alternatives.helpNumbers.length).toBeGreaterThanOrEqual(6);
  });
});
