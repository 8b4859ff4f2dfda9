import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, userClient, type Client } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { uniqueWord } from './directory-fixture';
import { dialogueFor } from './navigator-fixture';

// This file owns Oberallgäu (09780, Sonthofen 87527): its navigator dialogue and its offers.
const AGS = '09780';
const SONTHOFEN = { lat: 47.5182, lon: 10.2826 };
// the exact points of the two facilities: never in a public answer
const SHELTER_POINT = { lat: 47.51337, lon: 10.27219 };
const INTAKE_POINT = { lat: 47.52911, lon: 10.29377 };

let t: TestContext;
let provider: Client;
let word: string;
let streets: string[];
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext();
  word = uniqueWord();
  const streetWord = uniqueWord('st');
  streets = [`${streetWord}weg 7`, `${uniqueWord('st')}gasse 3`];
  const { client: admin } = await userClient(t.app, t.ctx.sql, 'platform');
  const loaded = await admin.put(`/api/v1/navigator/dialogues/${AGS}`, dialogueFor(AGS, 'Oberallgäu', { ...SONTHOFEN, radiusKm: 25 }));
  expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);

  const c = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
  provider = c.client;
  const org = c.org;
  await t.ctx.sql`update organisations set name = ${`Schutzverein Allgäu ${word}`}, street = ${streets[0]}, postcode = '87527', city = 'Sonthofen' where id = ${org.id}`;
  // the provider marks the shelter's address confidential itself
  const created = await provider.post('/api/v1/facilities').send({
    name: `Frauen- und Kinderschutzhaus ${word}`, street: streets[0], postcode: '87527', city: 'Sonthofen', districtAgs: AGS, ...SHELTER_POINT, phone: '08321 5555', addressConfidential: true,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.addressConfidential).toBe(true);
  ids.shelterFacility = created.body.id;
  const shelter = { id: created.body.id, providerId: org.id, ...SHELTER_POINT };
  // an emergency intake facility the provider marks nothing on: confidential by default
  const intake = await makeFacility(t.ctx.sql, org, { name: `Schutzstelle ${word}`, postcode: '87527', city: 'Sonthofen', ...INTAKE_POINT });
  await t.ctx.sql`update facilities set street = ${streets[1]}, district_ags = ${AGS} where id = ${intake.id}`;
  ids.intakeFacility = intake.id;

  ids.shelter = (await makeUnit(t.ctx.sql, org, shelter, { name: `Schutzwohnung ${word}`, serviceTypes: ['frauenhaus-gewaltschutz', '34'], ageMin: 0, ageMax: 27, capacityTotal: 6, freePlaces: 2 })).id;
  ids.counselling = (await makeUnit(t.ctx.sql, org, shelter, { name: `Beratung ${word}`, setting: 'ambulant', serviceTypes: ['28'], ageMin: 0, ageMax: 21, capacityTotal: null, freePlaces: null })).id;
  ids.intake = (await makeUnit(t.ctx.sql, org, intake, {
    name: `Inobhutnahme ${word}`, serviceTypes: ['42', '34'], ageMin: 6, ageMax: 17, emergencyIntake: true, emergencyPhone: '08321 6666', capacityTotal: 5, freePlaces: 3,
  })).id;
});
afterAll(() => t.close());

const get = async (path: string, query: Record<string, string | number | boolean> = {}) => {
  const res = await request(t.app).get(path).query(query);
  expect(res.status, `${path} ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
  return res;
};

/** Every public answer that can carry these offers, as text. */
async function publicAnswers(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const keep = (name: string, res: request.Response) => (out[name] = res.text);
  keep('directory search', await get('/api/v1/directory/offers', { q: word, postcode: '87527' }));
  keep('directory search near', await get('/api/v1/directory/offers', { postcode: '87527', radiusKm: 10, perPage: 100 }));
  keep('directory zero results', await get('/api/v1/directory/offers', { q: `${word} ${uniqueWord()}`, types: '42', postcode: '87527', radiusKm: 1 }));
  for (const id of [ids.shelter, ids.counselling, ids.intake]) keep(`offer ${id}`, await get(`/api/v1/directory/offers/${id}`));
  keep('hsds services', await get('/hsds/services', { search: word, full: true }));
  for (const id of [ids.shelter, ids.intake]) keep(`hsds service ${id}`, await get(`/hsds/services/${id}`));
  const sal = await get('/hsds/service_at_locations', { search: word, full: true, postcode: '87527', proximity: 20000 });
  keep('hsds service_at_locations', sal);
  for (const s of sal.body.contents as { id: string }[]) keep(`hsds sal ${s.id}`, await get(`/hsds/service_at_locations/${s.id}`));
  const orgs = await get('/hsds/organizations', { search: word, full_service: true });
  keep('hsds organizations', orgs);
  for (const o of orgs.body.contents as { id: string }[]) keep(`hsds organization ${o.id}`, await get(`/hsds/organizations/${o.id}`, { full_service: true }));
  keep('hsds export', await get('/hsds/export'));
  for (const concern of ['home', 'parenting']) {
    const answers = [{ step: 'concern', option: concern }, { step: 'age', option: '12-17' }, { step: 'where', value: '87527' }, { step: 'urgency', option: 'days' }];
    const res = await request(t.app).post(`/api/v1/navigator/dialogues/${AGS}/results`).send({ answers, locale: 'de' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    keep(`navigator ${concern}`, res);
  }
  return out;
}

describe('confidential addresses', () => {
  it('makes an emergency intake facility confidential by default; the owner sees its own street', async () => {
    const mine = await provider.get(`/api/v1/facilities/${ids.intakeFacility}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ addressConfidential: true, street: streets[1] });
  });

  it('shows the public only the town: no street, no exact point, no live free counts of emergency units', async () => {
    const answers = await publicAnswers();
    // the offers are really in the answers scanned
    expect(answers['directory search']).toContain(ids.shelter);
    expect(answers['directory search near']).toContain(ids.intake);
    expect(answers['hsds export']).toContain(ids.intake);
    expect(answers['navigator home']).toContain(ids.shelter);
    expect(answers['navigator parenting']).toContain(ids.counselling);
    for (const [name, text] of Object.entries(answers)) {
      for (const street of streets) expect(text, `${name} shows ${street}`).not.toContain(street);
      for (const p of [SHELTER_POINT, INTAKE_POINT]) {
        expect(text, `${name} shows the exact point`).not.toContain(String(p.lat));
        expect(text, `${name} shows the exact point`).not.toContain(String(p.lon));
      }
    }
    const offer = (await get(`/api/v1/directory/offers/${ids.shelter}`)).body;
    expect(offer).toMatchObject({ addressConfidential: true, street: null, postcode: '87527', city: 'Sonthofen', lat: SONTHOFEN.lat, lon: SONTHOFEN.lon });
    expect(offer.provider.street).toBeNull();
    expect(offer.capacity).toMatchObject({ free: 2, total: 6 });
    const intake = (await get(`/api/v1/directory/offers/${ids.intake}`)).body;
    expect(intake).toMatchObject({ addressConfidential: true, street: null, capacity: null, emergencyIntake: true });
    const hsds = (await get(`/hsds/services/${ids.intake}`)).body;
    expect(hsds.capacities).toEqual([]);
    expect(hsds.service_at_locations[0].location.addresses).toEqual([]);
    // distances are measured from the town, not from the house
    const near = (await get('/api/v1/directory/offers', { q: word, postcode: '87527' })).body;
    expect(near.items.find((i: { id: string }) => i.id === ids.intake).distanceKm).toBe(0);
  });

  it('keeps the street out of the search: searching it finds nothing', async () => {
    const r = (await get('/api/v1/directory/offers', { q: streets[0].split(' ')[0] })).body;
    expect(r.total).toBe(0);
  });

  it('shows the address again when the provider makes it public, and hides it when marked again', async () => {
    const open = await provider.patch(`/api/v1/facilities/${ids.shelterFacility}`).send({ addressConfidential: false });
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    const shown = (await get(`/api/v1/directory/offers/${ids.shelter}`)).body;
    expect(shown).toMatchObject({ addressConfidential: false, street: streets[0], lat: SHELTER_POINT.lat });
    expect((await get('/api/v1/directory/offers', { q: streets[0].split(' ')[0] })).body.total).toBeGreaterThan(0);
    const closed = await provider.patch(`/api/v1/facilities/${ids.shelterFacility}`).send({ addressConfidential: true });
    expect(closed.status).toBe(200);
    expect((await get(`/api/v1/directory/offers/${ids.shelter}`)).body.street).toBeNull();
    expect((await get('/api/v1/directory/offers', { q: streets[0].split(' ')[0] })).body.total).toBe(0);
  });
});
