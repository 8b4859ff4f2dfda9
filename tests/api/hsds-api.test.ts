import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeDirectoryFixture, type DirectoryFixture } from './directory-fixture';

// The HSDS 3.1 schemas as published by Open Referral (vendored in server/features/hsds/schemas), checked with ajv in draft 2020-12.
const HSDS = join(import.meta.dirname, '..', '..', 'server', 'features', 'hsds', 'schemas');
const read = (f: string) => JSON.parse(readFileSync(join(HSDS, f), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const f of readdirSync(HSDS).filter((x) => x.endsWith('.json') && x !== 'openapi.json')) ajv.addSchema(read(f), f);
const openapi = read('openapi.json');
const schema = {
  page: ajv.compile(openapi.components.schemas.Page),
  service: ajv.compile(read('compiled/service.json')),
  serviceList: ajv.compile(read('compiled/service_list.json')),
  organization: ajv.compile(read('compiled/organization.json')),
  organizationList: ajv.compile(read('compiled/organization_list.json')),
  serviceAtLocation: ajv.compile(read('compiled/service_at_location.json')),
  serviceAtLocationList: ajv.compile(read('compiled/service_at_location_list.json')),
  taxonomy: ajv.getSchema('taxonomy.json')!,
  taxonomyTerm: ajv.getSchema('taxonomy_term.json')!,
};

function expectValid(v: ValidateFunction, data: unknown, what: string) {
  const ok = v(data);
  expect(ok ? [] : v.errors!.map((e) => `${e.instancePath} ${e.message}`), `${what} must validate`).toEqual([]);
}

/** A paginated answer: the envelope against HSDS's Page, every item against its schema. */
function expectPage(body: Record<string, unknown>, item: ValidateFunction, what: string) {
  expectValid(schema.page, body, `${what} page`);
  for (const k of ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents']) expect(body).toHaveProperty(k);
  const contents = body.contents as unknown[];
  expect(body.size).toBe(contents.length);
  contents.forEach((c, i) => expectValid(item, c, `${what} item ${i}`));
}

let t: TestContext;
let f: DirectoryFixture;
beforeAll(async () => {
  t = await createTestContext();
  f = await makeDirectoryFixture(t.ctx.sql);
});
afterAll(() => t.close());

const get = (url: string, query: Record<string, string | number | undefined> = {}) => request(t.app).get(url).query(query as Record<string, string>);

describe('HSDS API: every answer validates against the HSDS 3.1 schemas', () => {
  it('uses validators that really check (formats, required fields, enums)', () => {
    expect(schema.service({ id: 'not-a-uuid', name: 'x', status: 'active' })).toBe(false);
    expect(schema.service({ id: '00000000-0000-4000-8000-000000000000', name: 'x' })).toBe(false);
    expect(schema.service({ id: '00000000-0000-4000-8000-000000000000', name: 'x', status: 'open' })).toBe(false);
    expect(schema.service({ id: '00000000-0000-4000-8000-000000000000', name: 'x', status: 'active', email: null })).toBe(false);
    expect(schema.service({ id: '00000000-0000-4000-8000-000000000000', name: 'x', status: 'active' })).toBe(true);
    expect(schema.taxonomyTerm({ id: '00000000-0000-4000-8000-000000000000', name: 'x' })).toBe(false);
  });

  it('lists services (plain, full, minimal) and one service', async () => {
    for (const q of [{}, { full: 'true' }, { minimal: 'true' }, { search: f.word, full: 'true' }]) {
      const res = await get('/hsds/services', { per_page: 200, ...q });
      expect(res.status).toBe(200);
      expectPage(res.body, q.full ? schema.service : schema.serviceList, `services ${JSON.stringify(q)}`);
    }
    for (const id of [f.ids.beratung, f.ids.wohngruppe, f.ids.bonn]) {
      const res = await get(`/hsds/services/${id}`);
      expect(res.status).toBe(200);
      expectValid(schema.service, res.body, `service ${id}`);
    }
  });

  it('lists organizations (plain, full, full_service) and one organization', async () => {
    for (const q of [{}, { full: 'true' }, { full_service: 'true', search: f.word }]) {
      const res = await get('/hsds/organizations', { per_page: 200, ...q });
      expect(res.status).toBe(200);
      expectPage(res.body, q.full || q.full_service ? schema.organization : schema.organizationList, `organizations ${JSON.stringify(q)}`);
    }
    const res = await get(`/hsds/organizations/${f.koeln.id}`);
    expect(res.status).toBe(200);
    expectValid(schema.organization, res.body, 'organization');
  });

  it('lists services at locations (plain, full, by postcode) and one', async () => {
    for (const q of [{}, { full: 'true' }, { postcode: '50667', proximity: 10000 }]) {
      const res = await get('/hsds/service_at_locations', { per_page: 200, ...q });
      expect(res.status).toBe(200);
      expectPage(res.body, q.full ? schema.serviceAtLocation : schema.serviceAtLocationList, `service_at_locations ${JSON.stringify(q)}`);
    }
    const list = await get('/hsds/service_at_locations', { search: f.word });
    const one = await get(`/hsds/service_at_locations/${list.body.contents[0].id}`);
    expect(one.status).toBe(200);
    expectValid(schema.serviceAtLocation, one.body, 'service_at_location');
  });

  it('lists taxonomies and taxonomy terms, and each one', async () => {
    const tx = await get('/hsds/taxonomies');
    expectPage(tx.body, schema.taxonomy, 'taxonomies');
    expect(tx.body.contents.map((x: { name: string }) => x.name)).toContain('Leistungsarten nach SGB VIII');
    const terms = await get('/hsds/taxonomy_terms', { per_page: 500 });
    expectPage(terms.body, schema.taxonomyTerm, 'taxonomy_terms');
    for (const url of [`/hsds/taxonomies/${tx.body.contents[0].id}`, `/hsds/taxonomy_terms/${terms.body.contents[0].id}`]) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expectValid(url.includes('terms') ? schema.taxonomyTerm : schema.taxonomy, res.body, url);
    }
    const meta = await get('/hsds');
    expect(meta.body).toMatchObject({ version: '3.1', openapi_url: expect.stringMatching(/\/api\/openapi\.json$/) });
  });

  it('exports the whole directory as one HSDS JSON file', async () => {
    const res = await get('/hsds/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="heimplatzboerse-hsds-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = res.body;
    expect(body.hsds_version).toBe('3.1');
    body.organizations.forEach((o: unknown, i: number) => expectValid(schema.organization, o, `export organization ${i}`));
    body.services.forEach((s: unknown, i: number) => expectValid(schema.service, s, `export service ${i}`));
    body.taxonomies.forEach((x: unknown, i: number) => expectValid(schema.taxonomy, x, `export taxonomy ${i}`));
    body.taxonomy_terms.forEach((x: unknown, i: number) => expectValid(schema.taxonomyTerm, x, `export term ${i}`));
    const services = body.services.map((s: { id: string }) => s.id);
    expect(services).toEqual(expect.arrayContaining([f.ids.beratung, f.ids.wohngruppe, f.ids.bonn]));
    // nothing unlisted anywhere in the file, not even by name
    const text = res.text;
    for (const hidden of [f.ids.unverified, f.ids.foster, f.ids.archived, f.ids.archivedFacility, f.unverified.id]) expect(text).not.toContain(hidden);
    expect(text).not.toContain(`Pflegestelle ${f.word}`);
    expect(text).not.toContain(`Ungeprüft ${f.word}`);
    expect(body.organizations.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([f.koeln.id, f.bonn.id]));
  });
});

describe('HSDS API: content', () => {
  it('lists only verified, non-archived offers and never foster places', async () => {
    const res = await get('/hsds/services', { search: f.word, per_page: 50 });
    expect(res.body.contents.map((s: { id: string }) => s.id).sort()).toEqual([f.ids.beratung, f.ids.wohngruppe, f.ids.bonn].sort());
    for (const hidden of [f.ids.unverified, f.ids.foster, f.ids.archived, f.ids.archivedFacility]) {
      expect((await get(`/hsds/services/${hidden}`)).status).toBe(404);
    }
    expect((await get(`/hsds/organizations/${f.unverified.id}`)).status).toBe(404);
    expect((await get(`/hsds/organizations/${f.office.id}`)).status).toBe(404);
  });

  it('maps residential capacity to service_capacity: free places, unit Plätze, updated = last confirmation', async () => {
    const [unit] = await t.ctx.sql`select last_confirmed_at from units where id = ${f.ids.wohngruppe}`;
    const res = await get(`/hsds/services/${f.ids.wohngruppe}`);
    expect(res.body.capacities).toEqual([
      expect.objectContaining({ available: 2, maximum: 8, updated: unit.lastConfirmedAt, unit: expect.objectContaining({ name: 'Plätze' }) }),
    ]);
    const ambulant = await get(`/hsds/services/${f.ids.beratung}`);
    expect(ambulant.body.capacities).toEqual([]);
    expect(ambulant.body.languages.map((l: { code: string }) => l.code)).toEqual(['de', 'tr']);
    expect(ambulant.body.service_at_locations[0].location.addresses[0]).toMatchObject({ postal_code: '50823', city: 'Köln', state_province: 'Nordrhein-Westfalen', country: 'DE' });
    expect(ambulant.body.service_at_locations[0].location.schedules[0].description).toBe('Mo–Fr 9–17 Uhr');
    expect(ambulant.body.service_at_locations[0].location.accessibility[0].description).toBe('Eingang stufenlos, Aufzug');
  });

  it('maps types of service to an HSDS taxonomy and filters by term, taxonomy and organization', async () => {
    const terms = await get('/hsds/taxonomy_terms', { search: 'Erziehungsbeistand' });
    const term = terms.body.contents.find((x: { code: string }) => x.code === '30');
    expect(term).toMatchObject({ name: 'Erziehungsbeistand, Betreuungshelfer', taxonomy: 'Leistungsarten nach SGB VIII' });
    const svc = await get(`/hsds/services/${f.ids.bonn}`);
    expect(svc.body.attributes).toEqual(expect.arrayContaining([expect.objectContaining({ taxonomy_term_id: term.id, link_type: 'service_type', link_entity: 'service' })]));
    const byTerm = await get('/hsds/services', { search: f.word, taxonomy_term_id: term.id });
    expect(byTerm.body.contents.map((s: { id: string }) => s.id)).toEqual([f.ids.bonn]);
    const byTaxonomy = await get('/hsds/taxonomy_terms', { taxonomy_id: term.taxonomy_id, per_page: 500 });
    expect(byTaxonomy.body.contents.every((x: { taxonomy_id: string }) => x.taxonomy_id === term.taxonomy_id)).toBe(true);
    const byOrg = await get('/hsds/services', { organization_id: f.koeln.id });
    expect(byOrg.body.contents.map((s: { id: string }) => s.id).sort()).toEqual([f.ids.beratung, f.ids.wohngruppe].sort());
    const orgsWithTerm = await get('/hsds/organizations', { taxonomy_term_id: term.id, search: f.word });
    expect(orgsWithTerm.body.contents.map((o: { id: string }) => o.id)).toEqual([f.bonn.id]);
  });

  it('nests locations and services in an organization', async () => {
    const res = await get(`/hsds/organizations/${f.koeln.id}`);
    expect(res.body.name).toBe(f.koeln.name);
    expect(res.body.services.map((s: { id: string }) => s.id).sort()).toEqual([f.ids.beratung, f.ids.wohngruppe].sort());
    expect(res.body.locations).toHaveLength(1); // the archived facility is not a location
  });

  it('filters services at locations by distance from a postcode (metres)', async () => {
    const near = await get('/hsds/service_at_locations', { search: f.word, postcode: '50667', proximity: 10_000 });
    expect(near.body.contents.map((s: { service_id: string }) => s.service_id).sort()).toEqual([f.ids.beratung, f.ids.wohngruppe].sort());
    const far = await get('/hsds/service_at_locations', { search: f.word, postcode: '50667', proximity: 40_000 });
    expect(far.body.total_items).toBe(3);
  });

  it('paginates as the specification says', async () => {
    const p1 = await get('/hsds/services', { search: f.word, per_page: 2, page: 1 });
    expect(p1.body).toMatchObject({ total_items: 3, total_pages: 2, page_number: 1, size: 2, first_page: true, last_page: false, empty: false });
    const p2 = await get('/hsds/services', { search: f.word, per_page: 2, page: 2 });
    expect(p2.body).toMatchObject({ total_items: 3, total_pages: 2, page_number: 2, size: 1, first_page: false, last_page: true, empty: false });
    const p3 = await get('/hsds/services', { search: f.word, per_page: 2, page: 3 });
    expect(p3.body).toMatchObject({ size: 0, empty: true, last_page: true, contents: [] });
    const future = await get('/hsds/services', { search: f.word, modified_after: '2999-01-01' });
    expect(future.body).toMatchObject({ total_items: 0, empty: true });
  });

  it('answers bad parameters with a 400 naming the parameter, and unknown ids with 404', async () => {
    for (const [q, path] of [
      [{ per_page: '0' }, 'query.per_page'],
      [{ taxonomy_term_id: 'abc' }, 'query.taxonomy_term_id'],
      [{ format: 'xml' }, 'query.format'],
      [{ modified_after: 'gestern' }, 'query.modified_after'],
    ] as const) {
      const res = await get('/hsds/services', q);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await get('/hsds/services/not-a-uuid')).status).toBe(400);
    expect((await get('/hsds/taxonomy_terms/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
