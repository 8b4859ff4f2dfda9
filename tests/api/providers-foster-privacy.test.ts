import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../../server/http/route';
import { allRoutes } from '../../server/routes';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeOrg, makeUser, userClient, type Client } from '../helpers/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** The exact address of each foster place: none of this may reach anyone but its owner. */
const PROVIDER_FOSTER = { street: 'Geheimweg 17', postcode: '50999', city: 'Köln', lat: 50.88123, lon: 6.98765 };
const OFFICE_FOSTER = { street: 'Verborgener Pfad 3', postcode: '04229', city: 'Leipzig', lat: 51.32456, lon: 12.33217 };
const PROVIDER_SECRETS = ['Geheimweg', '50999', '50.881', '6.987'];
const OFFICE_SECRETS = ['Verborgener', '04229', '51.324', '12.332'];
const SECRETS = [...PROVIDER_SECRETS, ...OFFICE_SECRETS];

const fosterBody = (address: object) => ({
  name: 'Bereitschaftspflegestelle Süd',
  setting: 'pflegefamilie',
  serviceTypes: ['33', '42'],
  ageMin: 0,
  ageMax: 6,
  genders: ['female', 'male', 'diverse'],
  specialisations: ['infants'],
  capacityTotal: 2,
  freePlaces: 1,
  emergencyIntake: true,
  emergencyPhone: '0221 98765',
  fosterAddress: address,
});

/** Every route of this issue: units, offers, availability, facilities, API tokens, taxonomies. */
const MINE = allRoutes.filter((r) => ['units', 'availability', 'facilities', 'api-tokens'].some((tag) => r.tags.includes(tag)) || r.path.startsWith('/api/v1/taxonomies'));

type Caller = { name: string; send: (method: RouteDef['method'], url: string, body?: object) => request.Test };
const asUser = (name: string, c: Client): Caller => ({ name, send: (m, url, body) => c.agent[m](url).set('X-CSRF-Token', c.csrf).send(body ?? {}) });
const asToken = (name: string, token: string): Caller => ({ name, send: (m, url, body) => request(t.app)[m](url).set('Authorization', `Bearer ${token}`).send(body ?? {}) });
const anonymous: Caller = { name: 'anonymous', send: (m, url, body) => request(t.app)[m](url).send(body ?? {}) };

function requestsFor(r: RouteDef, unitId: string, ownerId: string, vacancyId: string): { url: string; body?: object }[] {
  const url = r.path
    .replace('/providers/:id', `/providers/${ownerId}`)
    .replace(':id', unitId)
    .replace(':vacancyId', vacancyId)
    .replace(':kind', 'specialisations');
  // bodies that would succeed if ownership did not stop them; collection routes get nothing to create
  const bodies: Record<string, object | undefined> = {
    'patch /api/v1/units/:id': { name: 'Übernommen', fosterAddress: { street: 'Andere Straße 1', postcode: '50999', city: 'Köln' } },
    'post /api/v1/units/:id/availability': { delta: -1 },
    'post /api/v1/units/:id/planned-vacancies': { availableFrom: '2099-01-01', places: 1 },
    'put /api/v1/availability': { units: [{ unitId, freePlaces: 0 }] },
    'post /api/v1/availability/csv': { csv: `unit_id,free_places\n${unitId},0\n` },
    'patch /api/v1/facilities/:id': { name: 'x' },
  };
  const key = `${r.method} ${r.path}`;
  const out = [{ url, body: bodies[key] ?? {} }];
  if (r.path === '/api/v1/units') out.push({ url: `${url}?includeArchived=true`, body: {} });
  return out;
}

describe('foster addresses never leave the server except to their owner', () => {
  it('scans every response every non-owner can get from these routes and finds no street, postcode or exact coordinates', async () => {
    // a provider's foster place and an office's (foster service) foster place, created through the API
    const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
    const pStaff = await login(t.app, await makeUser(t.ctx.sql, provider.org, 'provider_staff'));
    const created = await provider.client.post('/api/v1/units', fosterBody(PROVIDER_FOSTER));
    expect(created.status).toBe(201);
    const pUnit = created.body.id as string;
    const planned = await pStaff.post(`/api/v1/units/${pUnit}/planned-vacancies`, { availableFrom: '2099-05-01', places: 1 });
    const pVacancy = planned.body.plannedVacancies[0].id as string;
    const office = await userClient(t.app, t.ctx.sql, 'office', 'office_admin', await makeOrg(t.ctx.sql, 'office', { districtAgs: '14713' }));
    const officeCreated = await office.client.post('/api/v1/units', fosterBody(OFFICE_FOSTER));
    expect(officeCreated.status).toBe(201);
    const oUnit = officeCreated.body.id as string;

    // positive control: the owners do see the address (so the scan can find it)
    const own = JSON.stringify((await pStaff.get(`/api/v1/units/${pUnit}`)).body);
    expect(own).toContain('Geheimweg 17');
    expect(own).toContain('50999');
    expect(JSON.stringify((await office.client.get(`/api/v1/units/${oUnit}`)).body)).toContain('Verborgener Pfad 3');

    // everyone else
    const otherProvider = await makeOrg(t.ctx.sql, 'provider');
    const otherAdmin = await login(t.app, await makeUser(t.ctx.sql, otherProvider, 'provider_admin'));
    const otherStaff = await login(t.app, await makeUser(t.ctx.sql, otherProvider, 'provider_staff'));
    const otherToken = (await otherAdmin.post('/api/v1/api-tokens', { name: 'fremd' })).body.token as string;
    const ownToken = (await provider.client.post('/api/v1/api-tokens', { name: 'eigen' })).body.token as string;
    const otherOffice = await makeOrg(t.ctx.sql, 'office');
    const callers: Caller[] = [
      asUser('other provider admin', otherAdmin),
      asUser('other provider staff', otherStaff),
      asToken('other provider token', otherToken),
      asUser('caseworker', await login(t.app, await makeUser(t.ctx.sql, otherOffice, 'caseworker'))),
      asUser('on-call worker', await login(t.app, await makeUser(t.ctx.sql, otherOffice, 'oncall'))),
      asUser('other office admin', await login(t.app, await makeUser(t.ctx.sql, otherOffice, 'office_admin'))),
      asUser('platform admin', (await userClient(t.app, t.ctx.sql, 'platform')).client),
      anonymous,
    ];
    const before = await t.ctx.sql`select * from units where id in (${pUnit}, ${oUnit}) order by id`;
    const beforeAddr = await t.ctx.sql`select * from foster_addresses where unit_id in (${pUnit}, ${oUnit}) order by unit_id`;

    const targets = [
      { unitId: pUnit, ownerId: provider.org.id, secrets: PROVIDER_SECRETS, nonOwners: [...callers, asUser('office of the other foster place', office.client)] },
      { unitId: oUnit, ownerId: office.org.id, secrets: OFFICE_SECRETS, nonOwners: [...callers, asUser('provider admin', provider.client), asToken('provider token', ownToken)] },
    ];
    let scanned = 0;
    const statuses = new Map<string, number>();
    for (const target of targets) {
      for (const caller of target.nonOwners) {
        for (const route of MINE) {
          for (const { url, body } of requestsFor(route, target.unitId, target.ownerId, pVacancy)) {
            const res = await caller.send(route.method, url, route.method === 'get' ? undefined : body);
            const text = `${JSON.stringify(res.headers)}\n${res.text}`;
            for (const s of target.secrets) expect(text, `${caller.name} ${route.method.toUpperCase()} ${url} → ${res.status}`).not.toContain(s);
            statuses.set(`${caller.name} ${route.method} ${route.path}`, res.status);
            scanned++;
          }
        }
      }
    }
    expect(scanned).toBeGreaterThan(300);

    // offices did get the foster places, with a coarse area only
    const seen = await asUser('caseworker', await login(t.app, await makeUser(t.ctx.sql, otherOffice, 'caseworker'))).send('get', `/api/v1/offers/${pUnit}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ city: 'Köln', postcode: null, locationIsCoarse: true, lat: 50.93, lon: 6.95, facility: null, freePlaces: 1 });
    expect(seen.body).not.toHaveProperty('fosterAddress');
    expect(statuses.get('caseworker get /api/v1/providers/:id/offers')).toBe(200);

    // nothing any of them sent changed anything
    expect(await t.ctx.sql`select * from units where id in (${pUnit}, ${oUnit}) order by id`).toEqual(before);
    expect(await t.ctx.sql`select * from foster_addresses where unit_id in (${pUnit}, ${oUnit}) order by unit_id`).toEqual(beforeAddr);

    // and the announcements carry no address either
    const events = await t.ctx.sql`select payload::text as p from events where payload->>'unitId' in (${pUnit}, ${oUnit})`;
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) for (const s of SECRETS) expect(e.p).not.toContain(s);
  });
});
