import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circle, lockBoundaries, square } from '../helpers/boundaries';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, userClient, type Client } from '../helpers/factories';

const URL = '/api/v1/monitoring/district-boundaries';
let t: TestContext;
let unlock: () => Promise<void>;
let platform: Client;
let caseworker: Client;
let officeAdmin: Client;
let oncall: Client;
let providerAdmin: Client;

const feature = (properties: object, geometry: object) => ({ type: 'Feature', properties, geometry });
const polygon = (coordinates: unknown) => ({ type: 'Polygon', coordinates });
/** Greiz (16076) as a dense circle in two parts (merged), Altenburger Land (16077) keyed by RS. */
const GOOD = {
  type: 'FeatureCollection',
  features: [
    feature({ RS: '16076', GEN: 'Greiz' }, polygon(circle(12.2, 50.65, 0.15, 2000))),
    feature({ RS: '16076', GEN: 'Greiz' }, { type: 'MultiPolygon', coordinates: [square(12.5, 50.6, 0.01)] }),
    feature({ RS: '16077', GEN: 'Altenburger Land' }, polygon(square(12.43, 50.98))),
  ],
};
const one = (f: object) => ({ type: 'FeatureCollection', features: [f] });
const greiz = (properties: object = { AGS: '16076' }) => feature(properties, polygon(square(12.2, 50.65)));

beforeAll(async () => {
  t = await createTestContext();
  unlock = await lockBoundaries(t.ctx.sql);
  platform = (await userClient(t.app, t.ctx.sql, 'platform')).client;
  const office = await makeOrg(t.ctx.sql, 'office', { districtAgs: '16076' });
  caseworker = await login(t.app, await makeUser(t.ctx.sql, office, 'caseworker'));
  officeAdmin = await login(t.app, await makeUser(t.ctx.sql, office, 'office_admin'));
  oncall = await login(t.app, await makeUser(t.ctx.sql, office, 'oncall'));
  providerAdmin = (await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin')).client;
});
afterAll(async () => {
  await platform?.delete(URL);
  await unlock?.();
  await t.close();
});

/** The one error shape, naming the field. */
function expectField(res: { status: number; body: { error?: { code: string; details?: { issues?: { path: string; code?: string }[] } } } }, path: string, code?: string) {
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(400);
  expect(res.body.error?.code).toBe('VALIDATION_FAILED');
  const issue = res.body.error?.details?.issues?.[0];
  expect(issue?.path).toBe(path);
  if (code) expect(issue?.code).toBe(code);
}

describe('district boundaries: upload and read back', () => {
  it('stores an upload (features of one district merged, simplified, rounded) and offices read it back', async () => {
    const res = await platform.put(URL, GOOD);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ districts: 2, features: 3, keyProperty: 'RS' });
    expect(res.body.pointsIn).toBe(2001 + 5 + 5);
    // the 2,000-point circle is simplified to a few dozen points
    expect(res.body.pointsOut).toBeLessThan(200);
    for (const reader of [caseworker, officeAdmin, oncall, platform]) {
      const got = await reader.get(URL);
      expect(got.status).toBe(200);
      expect(got.body.features.map((f: { id: string }) => f.id)).toEqual(['16076', '16077']);
    }
    const got = await caseworker.get(URL);
    expect(Date.now() - Date.parse(got.body.uploadedAt)).toBeLessThan(60_000);
    const [g, a] = got.body.features;
    // names come from the districts table, not from the file
    expect(g.properties).toEqual({ ags: '16076', name: 'Greiz' });
    expect(a.properties).toEqual({ ags: '16077', name: 'Altenburger Land' });
    expect(g.geometry.type).toBe('MultiPolygon');
    expect(g.geometry.coordinates).toHaveLength(2);
    expect(a.geometry.type).toBe('Polygon');
    const coords = (g.geometry.coordinates as number[][][][]).flat(2);
    expect(coords.length).toBe(res.body.pointsOut - 5);
    expect(coords.every(([x, y]) => Math.round(x * 1e4) / 1e4 === x && Math.round(y * 1e4) / 1e4 === y)).toBe(true);
    const ring = g.geometry.coordinates[0][0];
    expect(ring[0]).toEqual(ring.at(-1));
  });

  it('writes an audit row for the upload and for the removal, and DELETE goes back to none', async () => {
    await platform.put(URL, GOOD).expect(200);
    const [up] = await t.ctx.sql`select details from audit_log where action = 'monitoring.boundaries.upload' and actor_user_id = ${platform.user.id} order by id desc limit 1`;
    expect(up.details).toMatchObject({ districts: 2, features: 3, keyProperty: 'RS' });
    const del = await platform.delete(URL);
    expect(del.status).toBe(204);
    const [d] = await t.ctx.sql`select details from audit_log where action = 'monitoring.boundaries.delete' and actor_user_id = ${platform.user.id} order by id desc limit 1`;
    expect(d.details).toEqual({ districts: 2 });
    const got = await caseworker.get(URL);
    expect(got.body).toEqual({ type: 'FeatureCollection', uploadedAt: null, maxMegabytes: 20, features: [] });
  });

  it('replaces the whole set: a second upload leaves nothing of the first', async () => {
    await platform.put(URL, GOOD).expect(200);
    await platform.put(`${URL}?keyProperty=kreis`, one(greiz({ kreis: 16076 }))).expect(200);
    const got = await caseworker.get(URL);
    expect(got.body.features.map((f: { id: string }) => f.id)).toEqual(['16076']);
  });
});

describe('district boundaries: who may', () => {
  it('only the platform admin writes; office roles and the platform admin read; providers and anonymous callers do not', async () => {
    for (const c of [caseworker, officeAdmin, oncall, providerAdmin]) {
      expect((await c.put(URL, GOOD)).status).toBe(403);
      expect((await c.delete(URL)).status).toBe(403);
    }
    expect((await providerAdmin.get(URL)).status).toBe(403);
    const anon = await (await import('supertest')).default(t.app).get(URL);
    expect(anon.status).toBe(401);
  });
});

describe('district boundaries: bad input is refused with a 400 naming the field, and nothing is stored', () => {
  beforeAll(async () => {
    await platform.put(URL, one(greiz())).expect(200);
  });
  afterAll(async () => {
    const got = await caseworker.get(URL);
    expect(got.body.features.map((f: { id: string }) => f.id)).toEqual(['16076']);
  });

  it('not a FeatureCollection', async () => {
    expectField(await platform.put(URL, greiz()), 'body.type');
    expectField(await platform.put(URL, { type: 'FeatureCollection', features: [] }), 'body.features', 'too_small');
  });
  it('a geometry that is not Polygon or MultiPolygon', async () => {
    expectField(await platform.put(URL, one(feature({ AGS: '16076' }, { type: 'Point', coordinates: [12.2, 50.6] }))), 'body.features.0.geometry.type');
    expectField(await platform.put(URL, one(feature({ AGS: '16076' }, null as never))), 'body.features.0.geometry');
  });
  it('coordinates out of range (a file in UTM metres instead of WGS84 degrees), or an open ring', async () => {
    const utm = one(feature({ AGS: '16076' }, polygon([[[300000, 5600000], [310000, 5600000], [310000, 5610000], [300000, 5600000]]])));
    const res = await platform.put(URL, utm);
    expectField(res, 'body.features.0.geometry.coordinates.0.0.0', 'too_big');
    expect(res.body.error.details.issues.length).toBeLessThanOrEqual(5);
    expectField(await platform.put(URL, one(feature({ AGS: '16076' }, polygon([[[12, 95], [12.1, 50], [12.2, 50], [12, 95]]])))), 'body.features.0.geometry.coordinates.0.0.1', 'too_big');
    expectField(await platform.put(URL, one(feature({ AGS: '16076' }, polygon([[[12, 50], [12.1, 50], [12.2, 50.1], [12, 50.1]]])))), 'body.features.0.geometry.coordinates.0');
  });
  it('a feature without a district key', async () => {
    expectField(await platform.put(URL, one(greiz({ GEN: 'Greiz' }))), 'body.features.0.properties', 'required');
    // the key is taken from the first feature; a later feature without it is named
    expectField(await platform.put(URL, { type: 'FeatureCollection', features: [greiz(), greiz({ GEN: 'Greiz' })] }), 'body.features.1.properties.AGS', 'required');
    expectField(await platform.put(`${URL}?keyProperty=KRS`, one(greiz())), 'body.features.0.properties.KRS', 'required');
    expectField(await platform.put(URL, one(greiz({ AGS: '1607' }))), 'body.features.0.properties.AGS', 'invalid_format');
    expectField(await platform.put(URL, one(greiz({ AGS: '16076000' }))), 'body.features.0.properties.AGS', 'invalid_format');
  });
  it('a district key that is not a known district', async () => {
    const res = await platform.put(URL, { type: 'FeatureCollection', features: [greiz(), greiz({ AGS: '99999' }), greiz({ AGS: '16099' })] });
    expectField(res, 'body.features.1.properties.AGS', 'unknown_code');
    expect(res.body.error.message).toContain('99999, 16099');
  });
  it('a body larger than DISTRICT_BOUNDARIES_MAX_MB (20 MB) is refused; one over the general BODY_LIMIT is not', async () => {
    const big = JSON.stringify({ type: 'FeatureCollection', features: [greiz({ AGS: '16076', pad: 'x'.repeat(21 * 1024 * 1024) })] });
    const res = await platform.agent.put(URL).set('X-CSRF-Token', platform.csrf).set('Content-Type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    // 1 MB: far over the 200 kB of every other route, well under the upload's limit
    const mid = { type: 'FeatureCollection', features: [greiz({ AGS: '16076', pad: 'x'.repeat(1024 * 1024) })] };
    expect((await platform.put(URL, mid)).status).toBe(200);
    // other routes keep the general limit
    const other = await platform.agent.post('/api/v1/search').set('X-CSRF-Token', platform.csrf).set('Content-Type', 'application/json').send(JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }));
    expect(other.status).toBe(413);
  });
  it('a request that is not JSON', async () => {
    const res = await platform.agent.put(URL).set('X-CSRF-Token', platform.csrf).set('Content-Type', 'text/plain').send('{}');
    expect(res.status).toBe(415);
  });
});
