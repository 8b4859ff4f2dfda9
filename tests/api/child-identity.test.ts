import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient, type Client } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

/** No child identity in any free text of the marketplace: every such field refuses it, naming it. */

let t: TestContext;
let office: Client, provider: Client, unitId: string;
beforeAll(async () => {
  t = await createTestContext({ jobs: true }); // a request schedules its hold and expiry jobs
  office = (await userClient(t.app, t.ctx.sql, 'office', 'caseworker')).client;
  const p = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  provider = p.client;
  unitId = (await makeUnit(t.ctx.sql, p.org, await makeFacility(t.ctx.sql, p.org), { freePlaces: 5, capacityTotal: 6 })).id;
});
afterAll(() => t.close());

const today = () => new Date().toISOString().slice(0, 10);
const requestBody = (extra: Record<string, unknown> = {}) => ({
  unitIds: [unitId],
  caseRef: `ASD-${Math.floor(Math.random() * 1e6)}`,
  childAge: 14,
  childGender: 'female',
  desiredStart: today(),
  urgency: 'regular',
  ...extra,
});
const FULL = 'Kevin Müller, geb. 03.03.2014, Musterstraße 12, 50667 Köln';

function expectRefused(res: { status: number; body: { error: { details: { issues: { path: string; message: string }[] } } } }, path: string, said: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  const issue = res.body.error.details.issues.find((i) => i.path === path);
  expect(issue, JSON.stringify(res.body.error)).toBeDefined();
  expect(issue!.message).toMatch(said);
}

async function openRequest(): Promise<string> {
  const res = await office.post('/api/v1/requests', requestBody());
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.items[0].id;
}

describe('no child identity in any free text', () => {
  it.each([
    ['geboren am 3. März 2014', /ein Datum/],
    ['geb. 3.3.14', /ein Datum/],
    ['Hauptstr. 5', /eine Anschrift/],
    ['Musterstr.12', /eine Anschrift/],
    ['wohnt Am Markt 3, 50667 Köln', /Postleitzahl mit Ort/],
    [FULL, /Anschrift.*Postleitzahl|Datum/],
  ])('the request note refuses %j', async (note, said) => {
    expectRefused(await office.post('/api/v1/requests', requestBody({ note })), 'body.note', said);
  });

  it.each(['KM-2014-03-03', 'Kevin.Mueller'])('the case reference refuses %j', async (caseRef) => {
    expectRefused(await office.post('/api/v1/requests', requestBody({ caseRef })), 'body.caseRef', /enthält vermutlich/);
  });

  it.each(['KM-2014-03-03', 'Kevin.Mueller'])('an open search refuses %j as its case reference, and the case view does too', async (caseRef) => {
    const criteria = { serviceType: '34', age: 14, reference: { postcode: '50667' } };
    expectRefused(await office.post('/api/v1/searches', { criteria, caseRef }), 'body.caseRef', /enthält vermutlich/);
    const view = await office.get(`/api/v1/cases/${encodeURIComponent(caseRef)}`);
    expect(view.status).toBe(400);
    expect(view.body.error.details.issues[0].path).toBe('params.caseRef');
  });

  it('the emergency request refuses it in note and case reference', async () => {
    const base = { unitIds: [unitId], caseRef: 'NOT-1', childAge: 9, childGender: 'male' };
    expectRefused(await office.post('/api/v1/emergency/requests', { ...base, note: 'Mutter: 0561 123456' }), 'body.note', /Telefonnummer/);
    expectRefused(await office.post('/api/v1/emergency/requests', { ...base, caseRef: 'Lea.Schmidt' }), 'body.caseRef', /einen Namen/);
  });

  it('messages, accept, decline and close texts refuse it; harmless texts pass', async () => {
    const id = await openRequest();
    expectRefused(await office.post(`/api/v1/requests/${id}/messages`, { body: FULL }), 'body.body', /ein Datum/);
    expectRefused(await provider.post(`/api/v1/requests/${id}/messages`, { body: 'Name: Kevin', question: true }), 'body.body', /einen Namen/);
    expectRefused(await provider.post(`/api/v1/requests/${id}/accept`, { message: 'Rückruf an kevin@example.de' }), 'body.message', /E-Mail/);
    expectRefused(await provider.post(`/api/v1/requests/${id}/decline`, { reason: 'group-fit', text: FULL }), 'body.text', /Anschrift/);
    expectRefused(await office.post(`/api/v1/requests/${id}/withdraw`, { message: 'Kind heißt Kevin' }), 'body.message', /einen Namen/);
    const ok = await office.post(`/api/v1/requests/${id}/messages`, { body: 'Hilfe nach § 35a, ab 1.12., 3 Geschwister, seit 2 Jahren in Obhut' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await office.post(`/api/v1/requests/${id}/withdraw`, { message: 'Hat sich erledigt.' })).status).toBe(200);
    const noted = await office.post('/api/v1/requests', requestBody({ note: 'ab 1.12. möglich, 3 Geschwister' }));
    expect(noted.status, JSON.stringify(noted.body)).toBe(201);
  });
});
