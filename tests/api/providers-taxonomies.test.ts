import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { makeFacility } from '../helpers/places';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('taxonomies', () => {
  it('are public, in German and English, with the marketplace flag on types of service', async () => {
    const res = await request(t.app).get('/api/v1/taxonomies');
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.serviceTypes).toContainEqual({ code: '34', section: '§ 34 SGB VIII', nameDe: 'Heimerziehung, sonstige betreute Wohnform', nameEn: 'Residential care', marketplace: true, sort: 40 });
    expect(b.serviceTypes.find((s: { code: string }) => s.code === '28').marketplace).toBe(false);
    expect(b.settings.map((s: { code: string }) => s.code)).toEqual(['stationaer', 'teilstationaer', 'ambulant', 'pflegefamilie']);
    expect(b.genders.map((s: { code: string }) => s.code)).toEqual(['female', 'male', 'diverse']);
    expect(b.languages[0]).toEqual({ code: 'de', nameDe: 'Deutsch', nameEn: 'German' });
    expect(b.specialisations).toContainEqual({ code: 'trauma', nameDe: 'Trauma und sexualisierte Gewalt', nameEn: 'Trauma and sexual violence' });
    expect(b.exclusions.length).toBeGreaterThan(5);
  });

  it('adding a specialisation is a data change: the platform admin posts it and units may use it at once', async () => {
    const admin = await userClient(t.app, t.ctx.sql, 'platform');
    const code = `fasd-${randomUUID().slice(0, 6)}`;
    const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    const f = await makeFacility(t.ctx.sql, provider.org);
    const unit = { name: 'Wohngruppe FASD', setting: 'stationaer', serviceTypes: ['35a-stat'], ageMin: 6, ageMax: 14, genders: ['female', 'male'], specialisations: [code], capacityTotal: 6, facilityId: f.id };
    const before = await provider.client.post('/api/v1/units', unit);
    expect(before.status).toBe(400);
    expect(before.body.error.details.issues[0]).toEqual({ path: 'body.specialisations.0', message: `unknown code ${code}` });

    const added = await admin.client.post(`/api/v1/taxonomies/specialisations`, { code, nameDe: 'Fetale Alkoholspektrumstörung (FASD)', nameEn: 'Fetal alcohol spectrum disorder' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ code, nameDe: 'Fetale Alkoholspektrumstörung (FASD)', nameEn: 'Fetal alcohol spectrum disorder' });
    expect((await request(t.app).get('/api/v1/taxonomies')).body.specialisations.map((s: { code: string }) => s.code)).toContain(code);
    const after = await provider.client.post('/api/v1/units', unit);
    expect(after.status).toBe(201);
    expect(after.body.specialisations).toEqual([code]);
    const [audit] = await t.ctx.sql`select action from audit_log where object_id = ${code}`;
    expect(audit.action).toBe('taxonomy.add');
  });

  it('refuses other roles, duplicates, missing service-type fields and bad codes', async () => {
    const admin = await userClient(t.app, t.ctx.sql, 'platform');
    const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
    const office = await userClient(t.app, t.ctx.sql, 'office', 'office_admin');
    const body = { code: `x-${randomUUID().slice(0, 6)}`, nameDe: 'Etwas', nameEn: 'Something' };
    expect((await provider.client.post('/api/v1/taxonomies/specialisations', body)).status).toBe(403);
    expect((await office.client.post('/api/v1/taxonomies/exclusions', body)).status).toBe(403);
    expect((await request(t.app).post('/api/v1/taxonomies/exclusions').send(body)).status).toBe(401);
    expect((await admin.client.post('/api/v1/taxonomies/exclusions', body)).status).toBe(201);
    const dup = await admin.client.post('/api/v1/taxonomies/exclusions', body);
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.issues[0].path).toBe('body.code');
    const noSection = await admin.client.post('/api/v1/taxonomies/service-types', { ...body, code: `st-${randomUUID().slice(0, 6)}`, marketplace: false });
    expect(noSection.body.error.details.issues[0].path).toBe('body.section');
    const st = await admin.client.post('/api/v1/taxonomies/service-types', { ...body, code: `st-${randomUUID().slice(0, 6)}`, section: '§ 27 Abs. 2 SGB VIII', marketplace: false });
    expect(st.status).toBe(201);
    expect(st.body).toMatchObject({ section: '§ 27 Abs. 2 SGB VIII', marketplace: false, sort: 500 });
    expect((await admin.client.post('/api/v1/taxonomies/languages', { ...body, code: 'toolong' })).body.error.details.issues[0].path).toBe('body.code');
    expect((await admin.client.post('/api/v1/taxonomies/specialisations', { ...body, code: 'Groß Buchstaben' })).body.error.details.issues[0].path).toBe('body.code');
    expect((await admin.client.post('/api/v1/taxonomies/genders', body)).body.error.details.issues[0].path).toBe('params.kind');
  });
});
