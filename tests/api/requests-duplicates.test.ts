import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { login, makeUser, userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ jobs: true });
});
afterAll(() => t.close());

const today = () => new Date().toISOString().slice(0, 10);
const body = (unitIds: string[], caseRef: string, extra: Record<string, unknown> = {}) => ({
  unitIds,
  caseRef,
  childAge: 9,
  childGender: 'male',
  desiredStart: today(),
  urgency: 'regular',
  ...extra,
});

async function setup() {
  const office = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
  const colleague = await login(t.app, await makeUser(t.ctx.sql, office.org, 'caseworker'));
  const provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const unit = await makeUnit(t.ctx.sql, provider.org, await makeFacility(t.ctx.sql, provider.org), { freePlaces: 3, capacityTotal: 6 });
  return { office, colleague, unit };
}

describe('one running request per case reference and unit', () => {
  it('a colleague asks the same unit for another child; the same child is refused, whatever the letter case', async () => {
    const s = await setup();
    const first = await s.office.client.post('/api/v1/requests', body([s.unit.id], 'AZ-7/1', { reference: '50667 Köln' }));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.items[0].referenceLabel).toBe('50667 Köln');

    const other = await s.colleague.post('/api/v1/requests', body([s.unit.id], 'AZ-7/2'));
    expect(other.status, JSON.stringify(other.body)).toBe(201);

    const dup = await s.colleague.post('/api/v1/requests', body([s.unit.id], 'az-7/1'));
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.reason).toBe('duplicate-request');
    expect(dup.body.error.details.running).toHaveLength(1);
    expect(dup.body.error.details.issues[0]).toMatchObject({ path: 'body.caseRef', code: 'duplicate' });

    // before sending, colleagues see every running request of the office to the unit, with its case
    const running = await s.colleague.get(`/api/v1/requests/running?unitIds=${s.unit.id}`);
    expect(running.body.items.map((i: { caseRef: string }) => i.caseRef).sort()).toEqual(['AZ-7/1', 'AZ-7/2']);
  });

  it('the database refuses a second running request for the same case and unit, even past the service', async () => {
    const s = await setup();
    const ok = await s.office.client.post('/api/v1/requests', body([s.unit.id], 'DB-1'));
    expect(ok.status).toBe(201);
    const [r] = await t.ctx.sql`select * from placement_requests where id = ${ok.body.items[0].id}`;
    await expect(
      t.ctx.sql`insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start, urgency)
        values (gen_random_uuid(), ${r.officeId}, ${r.createdBy}, ${r.unitId}, ${r.providerId}, 'db-1', 9, 'male', current_date, 'regular')`,
    ).rejects.toThrow(/placement_requests_one_running_per_case/);
    // once the first one is closed, the case may ask the unit again
    expect((await s.office.client.post(`/api/v1/requests/${r.id}/withdraw`, {})).status).toBe(200);
    expect((await s.office.client.post('/api/v1/requests', body([s.unit.id], 'DB-1'))).status).toBe(201);
  });

  it('a field issue carries a stable code and its values for the client to word', async () => {
    const s = await setup();
    const res = await s.office.client.post('/api/v1/requests', body([s.unit.id], 'X-1', { childAge: 250, childGender: undefined }));
    expect(res.status).toBe(400);
    const issues = res.body.error.details.issues as { path: string; code: string; params?: Record<string, unknown> }[];
    expect(issues).toContainEqual(expect.objectContaining({ path: 'body.childAge', code: 'too_big', params: { maximum: 27, origin: 'number' } }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'body.childGender', code: 'required' }));
  });
});
