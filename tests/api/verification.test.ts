import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { DEMO_ORGS } from '../../server/demo/demo-orgs';
import { makeOrg, userClient } from '../helpers/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const full = { licenceRef: 'BE-45-2026-99', licence: true, address: true, contact: true, units: true };

describe('verifying a provider', () => {
  it('needs every checklist item ticked, and records who verified what', async () => {
    const admin = await userClient(t.app, t.ctx.sql, 'platform');
    const provider = await makeOrg(t.ctx.sql, 'provider', { verified: false });
    const url = `/api/v1/organisations/${provider.id}/verification`;

    const bare = await admin.client.post(url, { verified: true });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details.issues[0]).toMatchObject({ path: 'body.checklist', code: 'required' });
    for (const item of ['licence', 'address', 'contact', 'units'] as const) {
      const res = await admin.client.post(url, { verified: true, checklist: { ...full, [item]: false } });
      expect(res.status, item).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe(`body.checklist.${item}`);
    }
    const noLicence = await admin.client.post(url, { verified: true, checklist: { ...full, licenceRef: '' } });
    expect(noLicence.status).toBe(400);
    expect((await t.ctx.sql`select verified_at from organisations where id = ${provider.id}`)[0].verifiedAt).toBeNull();

    const ok = await admin.client.post(url, { verified: true, checklist: full });
    expect(ok.status).toBe(200);
    expect(ok.body.verification).toMatchObject({ byName: 'Test platform_admin', licenceRef: 'BE-45-2026-99' });
    const [row] = await t.ctx.sql`select verified_by, licence_ref, licence_checked, address_checked, contact_checked, units_checked from provider_verifications where organisation_id = ${provider.id}`;
    expect(row).toEqual({ verifiedBy: admin.user.id, licenceRef: 'BE-45-2026-99', licenceChecked: true, addressChecked: true, contactChecked: true, unitsChecked: true });
    // the database itself refuses an unticked item
    await expect(
      t.ctx.sql`insert into provider_verifications (organisation_id, verified_by, licence_ref, licence_checked, address_checked, contact_checked, units_checked)
        values (${provider.id}, ${admin.user.id}, 'X-1', true, true, false, true)`,
    ).rejects.toThrow(/check constraint/);

    // withdrawing needs no checklist
    const off = await admin.client.post(url, { verified: false });
    expect(off.status).toBe(200);
    expect(off.body.verifiedAt).toBeNull();
  });

  it('the demo provider waiting for verification carries no status in its name (verification is shown from verifiedAt)', () => {
    const waiting = DEMO_ORGS.filter((o) => o.kind === 'provider' && !o.verified);
    expect(waiting.length).toBeGreaterThan(0);
    for (const o of DEMO_ORGS) expect(o.name).not.toMatch(/geprüft|verified/i);
  });
});
