import { describe, expect, it } from 'vitest';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { scanScreen, taxonomyCodes } from '../helpers/screen-scan';

const env = useBrowserAndServer();

describe('admin screens ask before they act', () => {
  it('disabling a user needs a confirmation; cancelling changes nothing', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office');
    const admin = await makeUser(sql, office, 'office_admin');
    const colleague = await makeUser(sql, office, 'caseworker');
    const page = await newPage(env.browser, { width: 360, height: 740 });
    await loginViaForm(page, env.server.url, admin.email, PASSWORD);
    await page.goto(`${env.server.url}/benutzer`);
    await page.getByRole('button', { name: 'Test caseworker deaktivieren' }).click();
    const box = page.getByRole('group', { name: 'Test caseworker wirklich deaktivieren?' });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'admin-confirm-disable-360');
    await scanScreen(page, 'users confirm 360', await taxonomyCodes(sql));
    await box.getByRole('button', { name: 'Abbrechen' }).click();
    expect((await sql`select disabled_at from users where id = ${colleague.id}`)[0].disabledAt).toBeNull();
    // the box is gone: the focus is back on the button that opened it (WCAG 2.4.3)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Test caseworker deaktivieren');
    await page.getByRole('button', { name: 'Test caseworker deaktivieren' }).click();
    await page.getByRole('button', { name: 'Ja, deaktivieren' }).click();
    // the result takes the focus (which reads it) instead of a second live region
    const status = page.locator('p.status', { hasText: 'Test caseworker' });
    await status.waitFor();
    await expect.poll(() => status.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await sql`select disabled_at from users where id = ${colleague.id}`)[0].disabledAt).not.toBeNull();
    await page.close();
  });

  it('an admin resets a colleague\'s password from the users page after a confirmation', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office');
    const admin = await makeUser(sql, office, 'office_admin');
    const colleague = await makeUser(sql, office, 'caseworker');
    const canLogin = async () =>
      (await fetch(`${env.server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: colleague.email, password: PASSWORD }) })).status === 200;
    expect(await canLogin()).toBe(true);
    const page = await newPage(env.browser, { width: 360, height: 740 });
    await loginViaForm(page, env.server.url, admin.email, PASSWORD);
    await page.goto(`${env.server.url}/benutzer`);
    await page.getByRole('button', { name: 'Passwort zurücksetzen für Test caseworker' }).click();
    const box = page.getByRole('group', { name: 'Passwort von Test caseworker wirklich zurücksetzen?' });
    await box.getByText(colleague.email).waitFor();
    await expectAccessible(page, 'admin-confirm-reset-360');
    await scanScreen(page, 'users reset 360', await taxonomyCodes(sql));
    await box.getByRole('button', { name: 'Abbrechen' }).click();
    expect(await canLogin()).toBe(true);
    await page.getByRole('button', { name: 'Passwort zurücksetzen für Test caseworker' }).click();
    await page.getByRole('button', { name: 'Ja, zurücksetzen' }).click();
    // the result takes the focus (which reads it) instead of a second live region
    const sentTo = page.locator('p.status', { hasText: `Link ist an ${colleague.email} unterwegs` });
    await sentTo.waitFor();
    await expect.poll(() => sentTo.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await canLogin()).toBe(false);
    const [{ n }] = await sql`select count(*)::int as n from password_resets where user_id = ${colleague.id} and used_at is null`;
    expect(n).toBe(1);
    await page.close();
  });

  it('verifying a provider goes through the checklist and shows who verified it', async () => {
    const sql = env.server.ctx.sql;
    const platform = await makeOrg(sql, 'platform');
    const admin = await makeUser(sql, platform, 'platform_admin');
    const provider = await makeOrg(sql, 'provider', { name: `Wohngruppen Prüfstein ${Date.now()}`, verified: false });
    const page = await newPage(env.browser, { width: 1280, height: 900 });
    await loginViaForm(page, env.server.url, admin.email, PASSWORD);
    await page.goto(`${env.server.url}/organisationen`);
    const row = page.getByRole('row').filter({ hasText: provider.name });
    await row.getByText('noch nicht geprüft').waitFor();
    await row.getByRole('button', { name: `Prüfung bestätigen: ${provider.name}` }).click();
    const box = page.getByRole('group', { name: `${provider.name} prüfen` });
    const confirm = box.getByRole('button', { name: 'Prüfung bestätigen' });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await box.getByLabel(/Aktenzeichen der Betriebserlaubnis/).fill('LJA-45-0815');
    for (const label of [/Betriebserlaubnis liegt vor/, /Anschrift stimmt/, /Kontaktdaten sind erreichbar/, /Angebote .* sind plausibel/]) {
      await expect(confirm.isDisabled()).resolves.toBe(true);
      await box.getByLabel(label).check();
    }
    await expectAccessible(page, 'admin-verify-checklist');
    await scanScreen(page, 'verify checklist', await taxonomyCodes(sql));
    await confirm.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('status');
    await row.getByText(/geprüft von Test platform_admin am .* \(Betriebserlaubnis LJA-45-0815\)/).waitFor();
    const [v] = await sql`select licence_ref, verified_by from provider_verifications where organisation_id = ${provider.id}`;
    expect(v).toEqual({ licenceRef: 'LJA-45-0815', verifiedBy: admin.id });

    // withdrawing asks first
    await row.getByRole('button', { name: `Prüfung zurückziehen: ${provider.name}` }).click();
    await page.getByRole('group', { name: `Prüfung von ${provider.name} wirklich zurückziehen?` }).getByRole('button', { name: 'Prüfung zurückziehen' }).click();
    await row.getByText('noch nicht geprüft').waitFor();
    await page.close();
  });
});
