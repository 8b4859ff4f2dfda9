import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeDirectoryFixture, uniqueWord, type DirectoryFixture } from './directory-fixture';

let t: TestContext;
let f: DirectoryFixture;
beforeAll(async () => {
  t = await createTestContext();
  f = await makeDirectoryFixture(t.ctx.sql);
});
afterAll(() => t.close());

async function search(query: Record<string, string | number>) {
  const res = await request(t.app).get('/api/v1/directory/offers').query({ perPage: 100, ...query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: { id: string; name: string; distanceKm: number | null; capacity: unknown }[]; total: number; origin: unknown };
}
const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id).sort();

describe('directory search: what may appear', () => {
  it('finds verified offers by a word, never unverified, archived or foster places', async () => {
    const r = await search({ q: f.word });
    expect(ids(r)).toEqual([f.ids.beratung, f.ids.wohngruppe, f.ids.bonn].sort());
    expect(r.total).toBe(3);
  });

  it('shows contact, opening hours, accessibility and languages on the detail, and 404 for anything unlisted', async () => {
    const res = await request(t.app).get(`/api/v1/directory/offers/${f.ids.beratung}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: expect.stringContaining('Erziehungsberatung'),
      providerName: f.koeln.name,
      phone: '0221 123456',
      email: 'haus@ehrenfeld.example',
      website: 'https://ehrenfeld.example',
      openingHours: 'Mo–Fr 9–17 Uhr',
      accessibility: 'Eingang stufenlos, Aufzug',
      districtName: expect.stringContaining('Köln'),
      capacity: null,
    });
    expect(res.body.languageNames.map((l: { nameDe: string }) => l.nameDe)).toEqual(['Deutsch', 'Türkisch']);
    expect(res.body.otherOffers.map((o: { id: string }) => o.id)).toEqual([f.ids.wohngruppe]);
    for (const hidden of [f.ids.unverified, f.ids.foster, f.ids.archived, f.ids.archivedFacility]) {
      const r = await request(t.app).get(`/api/v1/directory/offers/${hidden}`);
      expect(r.status).toBe(404);
    }
  });

  it('shows residential capacity with its confirmation time', async () => {
    const r = await search({ q: `Sonnenhof ${f.word}` });
    expect(r.items).toHaveLength(1);
    expect(r.items[0].capacity).toMatchObject({ free: 2, total: 8, confirmedAt: expect.any(String) });
  });

  it('drops an offer at once when its provider loses verification, and shows it again after', async () => {
    await t.ctx.sql`update organisations set verified_at = null where id = ${f.bonn.id}`;
    expect(ids(await search({ q: f.word }))).not.toContain(f.ids.bonn);
    await t.ctx.sql`update organisations set verified_at = now() where id = ${f.bonn.id}`;
    expect(ids(await search({ q: f.word }))).toContain(f.ids.bonn);
  });
});

describe('directory search: German full text', () => {
  it('treats Koeln and Köln (and Koln) alike', async () => {
    const expected = [f.ids.beratung, f.ids.wohngruppe].sort();
    expect(ids(await search({ q: `Köln ${f.word}` }))).toEqual(expected);
    expect(ids(await search({ q: `Koeln ${f.word}` }))).toEqual(expected);
    expect(ids(await search({ q: `koln ${f.word}` }))).toEqual(expected);
    expect(ids(await search({ q: `Sued ${f.word}` }))).toEqual([f.ids.beratung]);
  });

  it('tolerates typos ("Jugenhilfe", "Jugendhlife", "Wohngrupe") without matching everything', async () => {
    const koeln = [f.ids.beratung, f.ids.wohngruppe].sort();
    expect(ids(await search({ q: `Jugendhilfe ${f.word}` }))).toEqual(koeln);
    expect(ids(await search({ q: `Jugenhilfe ${f.word}` }))).toEqual(koeln);
    expect(ids(await search({ q: `Jugendhlife ${f.word}` }))).toEqual(koeln);
    expect(ids(await search({ q: `Wohngrupe ${f.word}` }))).toEqual([f.ids.wohngruppe]);
    expect(ids(await search({ q: `Hamburg ${f.word}` }))).toEqual([]);
    // a correctly spelt word is not blurred: Erziehungsberatung does not find the Erziehungsbeistand
    expect(ids(await search({ q: `Erziehungsberatung ${f.word}` }))).toEqual([f.ids.beratung]);
  });

  it('finds offers by their type of service, stems words and ignores stop words', async () => {
    // '34' is Heimerziehung in the taxonomy; the unit's own name does not say so
    expect(ids(await search({ q: `Heimerziehung ${f.word}` }))).toEqual([f.ids.wohngruppe]);
    expect(ids(await search({ q: `Beratungen und ${f.word}` }))).toEqual([f.ids.beratung, f.ids.bonn].sort());
  });
});

describe('directory search: kept current', () => {
  it('finds an offer by its new words as soon as unit, facility or provider are renamed', async () => {
    const fresh = uniqueWord('zr');
    await t.ctx.sql`update organisations set name = ${`Neuer Träger ${fresh}`} where id = ${f.bonn.id}`;
    expect(ids(await search({ q: fresh }))).toEqual([f.ids.bonn]);
    const facility = uniqueWord('zs');
    await t.ctx.sql`update facilities set name = ${`Haus ${facility}`} where id = (select facility_id from units where id = ${f.ids.bonn})`;
    expect(ids(await search({ q: facility }))).toEqual([f.ids.bonn]);
    const unit = uniqueWord('zt');
    await t.ctx.sql`update units set description = ${`Gruppenangebot ${unit}`} where id = ${f.ids.bonn}`;
    expect(ids(await search({ q: unit }))).toEqual([f.ids.bonn]);
    // foster places never get a search document
    const [doc] = await t.ctx.sql`select count(*)::int as n from directory_docs where unit_id = ${f.ids.foster}`;
    expect(doc.n).toBe(0);
  });
});

describe('directory search: filters', () => {
  it('filters by type of service, age, language and district', async () => {
    expect(ids(await search({ q: f.word, types: '30' }))).toEqual([f.ids.bonn]);
    expect(ids(await search({ q: f.word, types: '28,34' }))).toEqual([f.ids.beratung, f.ids.wohngruppe].sort());
    expect(ids(await search({ q: f.word, age: 5 }))).toEqual([f.ids.beratung, f.ids.bonn].sort());
    expect(ids(await search({ q: f.word, age: 18 }))).toEqual([f.ids.beratung]);
    expect(ids(await search({ q: f.word, language: 'tr' }))).toEqual([f.ids.beratung]);
    expect(ids(await search({ q: f.word, district: '05314' }))).toEqual([f.ids.bonn]);
  });

  it('filters and sorts by distance from a postcode', async () => {
    const near = await search({ q: f.word, postcode: '50667', radiusKm: 10 });
    expect(ids(near)).toEqual([f.ids.beratung, f.ids.wohngruppe].sort());
    expect(near.origin).toMatchObject({ postcode: '50667', towns: ['Köln'] });
    const all = await search({ q: f.word, postcode: '50667', radiusKm: 40 });
    expect(all.items.map((i) => i.id).at(-1)).toBe(f.ids.bonn);
    const bonn = all.items.find((i) => i.id === f.ids.bonn)!;
    expect(bonn.distanceKm).toBeGreaterThan(20);
    expect(bonn.distanceKm).toBeLessThan(30);
    const fromBonn = await search({ q: f.word, postcode: '53111' });
    expect(fromBonn.items[0].id).toBe(f.ids.bonn);
    expect(fromBonn.items[0].distanceKm).toBeLessThan(1);
  });

  it('answers bad filters with a 400 naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ postcode: '99999' }, 'query.postcode'],
      [{ postcode: '5066' }, 'query.postcode'],
      [{ radiusKm: '10' }, 'query.radiusKm'],
      [{ age: 'zwölf' }, 'query.age'],
      [{ types: 'Heim erziehung' }, 'query.types.0'],
      [{ district: 'Köln' }, 'query.district'],
    ];
    for (const [query, path] of cases) {
      const res = await request(t.app).get('/api/v1/directory/offers').query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it('pages through results', async () => {
    const p1 = await search({ q: f.word, perPage: 2, page: 1 });
    const p2 = await search({ q: f.word, perPage: 2, page: 2 });
    expect(p1.items).toHaveLength(2);
    expect(p2.items).toHaveLength(1);
    expect(p1.total).toBe(3);
    expect(new Set([...ids(p1), ...ids(p2)]).size).toBe(3);
  });

  it('offers filter values: types someone offers, languages, districts with offers', async () => {
    const res = await request(t.app).get('/api/v1/directory/facets');
    expect(res.status).toBe(200);
    const codes = res.body.serviceTypes.map((s: { code: string }) => s.code);
    expect(codes).toEqual(expect.arrayContaining(['28', '30', '34']));
    expect(res.body.districts).toEqual(expect.arrayContaining([{ ags: '05314', name: expect.stringContaining('Bonn') }]));
    expect(res.body.languages.find((l: { code: string }) => l.code === 'tr').nameDe).toBe('Türkisch');
  });

  it('looks up a postcode offline', async () => {
    const res = await request(t.app).get('/api/v1/directory/postcodes/53111');
    expect(res.body).toMatchObject({ postcode: '53111', towns: ['Bonn'] });
    expect((await request(t.app).get('/api/v1/directory/postcodes/00000')).status).toBe(404);
  });
});
