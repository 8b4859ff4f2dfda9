import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, makeUser, login, userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const group = (facilityId: string, o: Record<string, unknown> = {}) => ({
  name: 'Wohngruppe Lindenhof',
  setting: 'stationaer',
  serviceTypes: ['34'],
  ageMin: 12,
  ageMax: 17,
  genders: ['female', 'male', 'diverse'],
  specialisations: ['trauma'],
  exclusions: ['acute-psychosis'],
  languages: ['de', 'ar'],
  capacityTotal: 8,
  freePlaces: 2,
  facilityId,
  ...o,
});

async function provider() {
  const admin = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
  const staffUser = await makeUser(t.ctx.sql, admin.org, 'provider_staff');
  return { ...admin, staff: await login(t.app, staffUser) };
}

describe('facilities', () => {
  it('a provider admin creates a facility located by its postcode and edits it; staff may read only', async () => {
    const p = await provider();
    const res = await p.client.post('/api/v1/facilities', { name: 'Kinderhaus Ehrenfeld', street: 'Venloer Straße 400', postcode: '50825', city: 'Köln', licencePresent: true });
    expect(res.status).toBe(201);
    expect(res.body.lat).toBeCloseTo(50.94, 1);
    expect(res.body.providerId).toBe(p.org.id);
    expect((await p.staff.post('/api/v1/facilities', { name: 'Nope', postcode: '50825' })).status).toBe(403);
    expect((await p.staff.get(`/api/v1/facilities/${res.body.id}`)).status).toBe(200);
    const moved = await p.client.patch(`/api/v1/facilities/${res.body.id}`, { lat: 50.95, lon: 6.92, phone: '0221 12345' });
    expect(moved.status).toBe(200);
    expect(moved.body.lat).toBe(50.95);
    const list = await p.staff.get('/api/v1/facilities');
    expect(list.body.items.map((f: { id: string }) => f.id)).toEqual([res.body.id]);
  });

  it('refuses coordinates outside the region, an unknown postcode, half coordinates', async () => {
    const p = await provider();
    const paris = await p.client.post('/api/v1/facilities', { name: 'Maison Paris', lat: 48.85, lon: 2.35 });
    expect(paris.status).toBe(400);
    expect(paris.body.error.details.issues[0].path).toBe('body.lon');
    const north = await p.client.post('/api/v1/facilities', { name: 'Nordpol', lat: 80, lon: 10 });
    expect(north.body.error.details.issues[0].path).toBe('body.lat');
    const unknown = await p.client.post('/api/v1/facilities', { name: 'Nirgendwo', postcode: '00000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].path).toBe('body.postcode');
    const half = await p.client.post('/api/v1/facilities', { name: 'Halb', lat: 50.9 });
    expect(half.status).toBe(400);
    expect(half.body.error.details.issues[0].path).toBe('body.lon');
  });

  it("another provider's facility is not found, neither to read nor to change; archiving needs no active units", async () => {
    const a = await provider();
    const b = await provider();
    const f = await makeFacility(t.ctx.sql, b.org);
    expect((await a.client.get(`/api/v1/facilities/${f.id}`)).status).toBe(404);
    expect((await a.client.patch(`/api/v1/facilities/${f.id}`, { name: 'Gekapert' })).status).toBe(404);
    expect((await a.client.post(`/api/v1/facilities/${f.id}/archive`)).status).toBe(404);
    await makeUnit(t.ctx.sql, b.org, f);
    const busy = await b.client.post(`/api/v1/facilities/${f.id}/archive`);
    expect(busy.status).toBe(409);
    expect(busy.body.error.details.activeUnits).toBe(1);
  });

  it('offices have no facility routes', async () => {
    const o = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    expect((await o.client.get('/api/v1/facilities')).status).toBe(403);
  });
});

describe('units', () => {
  it('staff create a group with every attribute; it takes the facility location; the event announces it', async () => {
    const p = await provider();
    const f = await makeFacility(t.ctx.sql, p.org, { postcode: '50823' });
    const body = group(f.id, {
      description: 'Koedukative Regelgruppe',
      secureSetting: false,
      siblingsMax: 2,
      stepFree: true,
      emergencyIntake: true,
      emergencyPhone: '0221 555-0',
      maxAnswerHours: 24,
      staffingRatio: '1:1,5',
      therapyInHouse: true,
      schoolingOnSite: false,
      dailyRate: 245.5,
      agreementPresent: true,
      licencePresent: true,
      residentsAgeMin: 13,
      residentsAgeMax: 16,
      residentsFemale: 3,
      residentsMale: 3,
      residentsDiverse: 0,
      contactPhone: '0221 555-1',
      contactEmail: 'gruppe@test.example',
      externalRef: 'WG-LH-1',
    });
    const res = await p.staff.post('/api/v1/units', body);
    expect(res.status).toBe(201);
    const u = res.body;
    expect(u).toMatchObject({ ...body, ownerId: p.org.id, ownerKind: 'provider', freshness: 'fresh', lat: f.lat, lon: f.lon, postcode: '50823', version: 1, fosterAddress: null });
    expect(u.facility.id).toBe(f.id);
    expect(u.lastConfirmedAt).not.toBeNull();
    const [ev] = await t.ctx.sql`select type, rooms, payload from events where payload->>'unitId' = ${u.id}`;
    expect(ev).toMatchObject({ type: 'vacancy:changed', rooms: [`org:${p.org.id}`], payload: { unitId: u.id, providerId: p.org.id, freePlaces: 2, reason: 'created' } });
  });

  it('a non-residential offer has no places; the directory can still list it', async () => {
    const p = await provider();
    const f = await makeFacility(t.ctx.sql, p.org);
    const res = await p.staff.post('/api/v1/units', group(f.id, { name: 'Erziehungsberatung', setting: 'ambulant', serviceTypes: ['28'], ageMin: 0, ageMax: 27, capacityTotal: null, freePlaces: undefined }));
    expect(res.status).toBe(201);
    expect(res.body.capacityTotal).toBeNull();
    expect(res.body.freePlaces).toBeNull();
    const change = await p.staff.post(`/api/v1/units/${res.body.id}/availability`, { freePlaces: 1 });
    expect(change.status).toBe(400);
    expect(change.body.error.details.issues[0].path).toBe('body.freePlaces');
  });

  it('refuses a bad age range, free places above capacity or below 0, unknown taxonomy codes, naming the field', async () => {
    const p = await provider();
    const f = await makeFacility(t.ctx.sql, p.org);
    const path = async (b: object) => {
      const r = await p.staff.post('/api/v1/units', b);
      expect(r.status).toBe(400);
      return r.body.error.details.issues.map((i: { path: string }) => i.path);
    };
    expect(await path(group(f.id, { ageMin: 16, ageMax: 10 }))).toContain('body.ageMax');
    expect(await path(group(f.id, { ageMin: 12, ageMax: 30 }))).toContain('body.ageMax');
    expect(await path(group(f.id, { freePlaces: 9 }))).toContain('body.freePlaces');
    expect(await path(group(f.id, { freePlaces: -1 }))).toContain('body.freePlaces');
    expect(await path(group(f.id, { specialisations: ['trauma', 'telepathy'] }))).toEqual(['body.specialisations.1']);
    expect(await path(group(f.id, { serviceTypes: ['99'] }))).toEqual(['body.serviceTypes.0']);
    expect(await path(group(f.id, { exclusions: ['nothing'] }))).toEqual(['body.exclusions.0']);
    expect(await path(group(f.id, { languages: ['xx'] }))).toEqual(['body.languages.0']);
    expect(await path(group(f.id, { genders: ['robot'] }))).toEqual(['body.genders.0']);
    expect(await path(group(f.id, { emergencyIntake: true }))).toContain('body.emergencyPhone');
    expect(await path(group(f.id, { facilityId: undefined }))).toContain('body.facilityId');
    expect(await path({ ...group(f.id), surprise: 1 })).toEqual(['body']);
    const [{ n }] = await t.ctx.sql`select count(*)::int as n from units where owner_id = ${p.org.id}`;
    expect(n).toBe(0);
  });

  it("refuses a unit in another provider's facility", async () => {
    const a = await provider();
    const b = await provider();
    const fb = await makeFacility(t.ctx.sql, b.org);
    const r = await a.staff.post('/api/v1/units', group(fb.id));
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].path).toBe('body.facilityId');
  });

  it('edits attributes with optimistic versions, keeps updatedAt apart from lastConfirmedAt, refuses capacity below the free count', async () => {
    const p = await provider();
    const f = await makeFacility(t.ctx.sql, p.org);
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const u = await makeUnit(t.ctx.sql, p.org, f, { lastConfirmedAt: old, capacityTotal: 8, freePlaces: 3 });
    const r = await p.staff.patch(`/api/v1/units/${u.id}`, { ageMax: 18, specialisations: ['attachment'], expectedVersion: 1 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ageMax: 18, specialisations: ['attachment'], version: 2 });
    expect(r.body.lastConfirmedAt).toBe(old);
    expect(Date.parse(r.body.updatedAt)).toBeGreaterThan(Date.parse(old));
    const stale = await p.staff.patch(`/api/v1/units/${u.id}`, { name: 'Alt', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.currentVersion).toBe(2);
    const badAges = await p.staff.patch(`/api/v1/units/${u.id}`, { ageMin: 19 });
    expect(badAges.status).toBe(400);
    expect(badAges.body.error.details.issues[0].path).toBe('body.ageMax');
    const small = await p.staff.patch(`/api/v1/units/${u.id}`, { capacityTotal: 2 });
    expect(small.status).toBe(400);
    expect(small.body.error.details.issues[0].path).toBe('body.capacityTotal');
    const toFoster = await p.staff.patch(`/api/v1/units/${u.id}`, { setting: 'pflegefamilie' });
    expect(toFoster.status).toBe(400);
    const events = await t.ctx.sql`select payload->>'reason' as reason from events where payload->>'unitId' = ${u.id}`;
    expect(events.map((e) => e.reason)).toEqual(['attributes-changed']);
  });

  it("another provider's unit is 404 for every operation, and nothing changes", async () => {
    const a = await provider();
    const b = await provider();
    const f = await makeFacility(t.ctx.sql, b.org);
    const u = await makeUnit(t.ctx.sql, b.org, f, { freePlaces: 2 });
    const calls = [
      a.staff.get(`/api/v1/units/${u.id}`),
      a.staff.patch(`/api/v1/units/${u.id}`, { name: 'Gekapert' }),
      a.staff.post(`/api/v1/units/${u.id}/archive`),
      a.staff.post(`/api/v1/units/${u.id}/confirm`),
      a.staff.post(`/api/v1/units/${u.id}/availability`, { delta: 1 }),
      a.staff.post(`/api/v1/units/${u.id}/planned-vacancies`, { availableFrom: '2099-01-01', places: 1 }),
      a.staff.get(`/api/v1/offers/${u.id}`),
    ];
    const statuses = (await Promise.all(calls)).map((r) => r.status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 403]);
    const bulk = await a.staff.put('/api/v1/availability', { units: [{ unitId: u.id, freePlaces: 0 }] });
    expect(bulk.status).toBe(400);
    const [row] = await t.ctx.sql`select name, free_places, archived_at from units where id = ${u.id}`;
    expect(row).toEqual({ name: 'Wohngruppe Test', freePlaces: 2, archivedAt: null });
    expect((await a.staff.get('/api/v1/units')).body.items).toEqual([]);
  });

  it('archives a unit: announced, gone from offers, further changes refused', async () => {
    const p = await provider();
    const f = await makeFacility(t.ctx.sql, p.org);
    const u = await makeUnit(t.ctx.sql, p.org, f);
    const office = await userClient(t.app, t.ctx.sql, 'office');
    expect((await office.client.get(`/api/v1/offers/${u.id}`)).status).toBe(200);
    const r = await p.staff.post(`/api/v1/units/${u.id}/archive`);
    expect(r.status).toBe(200);
    expect(r.body.archivedAt).not.toBeNull();
    expect((await office.client.get(`/api/v1/offers/${u.id}`)).status).toBe(404);
    expect((await p.staff.post(`/api/v1/units/${u.id}/confirm`)).status).toBe(409);
    expect((await p.staff.get('/api/v1/units')).body.items).toEqual([]);
    expect((await p.staff.get('/api/v1/units?includeArchived=true')).body.items).toHaveLength(1);
    const [ev] = await t.ctx.sql`select payload from events where payload->>'unitId' = ${u.id} and payload->>'reason' = 'archived'`;
    expect(ev).toBeDefined();
  });

  it('a facility that moves takes its groups along and announces each', async () => {
    const p = await provider();
    const f = await makeFacility(t.ctx.sql, p.org);
    const u = await makeUnit(t.ctx.sql, p.org, f);
    const r = await p.client.patch(`/api/v1/facilities/${f.id}`, { postcode: '55411', city: 'Bingen am Rhein', street: 'Mainzer Straße 1' });
    expect(r.status).toBe(200);
    const unit = (await p.staff.get(`/api/v1/units/${u.id}`)).body;
    expect(unit).toMatchObject({ postcode: '55411', city: 'Bingen am Rhein', lat: r.body.lat, lon: r.body.lon });
    const [ev] = await t.ctx.sql`select payload from events where payload->>'unitId' = ${u.id} and payload->>'reason' = 'attributes-changed'`;
    expect(ev).toBeDefined();
  });
});

describe('verification', () => {
  it("units of an unverified provider appear nowhere outside their organisation; verifying announces them", async () => {
    const p = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff', await makeOrg(t.ctx.sql, 'provider', { verified: false }));
    const f = await makeFacility(t.ctx.sql, p.org);
    const u = await makeUnit(t.ctx.sql, p.org, f);
    expect((await p.client.get(`/api/v1/units/${u.id}`)).status).toBe(200);
    const office = await userClient(t.app, t.ctx.sql, 'office');
    const admin = await userClient(t.app, t.ctx.sql, 'platform');
    expect((await office.client.get(`/api/v1/offers/${u.id}`)).status).toBe(404);
    expect((await office.client.get(`/api/v1/providers/${p.org.id}/offers`)).body.items).toEqual([]);
    expect((await admin.client.get(`/api/v1/offers/${u.id}`)).status).toBe(404);
    const checklist = { licenceRef: 'BE-45-2026-17', licence: true, address: true, contact: true, units: true };
    const v = await admin.client.post(`/api/v1/organisations/${p.org.id}/verification`, { verified: true, checklist });
    expect(v.status).toBe(200);
    const offer = await office.client.get(`/api/v1/offers/${u.id}`);
    expect(offer.status).toBe(200);
    expect(offer.body).toMatchObject({ id: u.id, provider: { id: p.org.id }, freshness: 'fresh' });
    expect(offer.body.lastConfirmedAt).not.toBeNull();
    expect((await office.client.get(`/api/v1/providers/${p.org.id}/offers`)).body.items).toHaveLength(1);
    const evs = await t.ctx.sql`select payload from events where payload->>'unitId' = ${u.id} and payload->>'reason' = 'verified'`;
    expect(evs).toHaveLength(1);
    // verifying again changes nothing and announces nothing
    await admin.client.post(`/api/v1/organisations/${p.org.id}/verification`, { verified: true, checklist });
    expect(await t.ctx.sql`select 1 from events where payload->>'unitId' = ${u.id} and payload->>'reason' = 'verified'`).toHaveLength(1);
  });
});
