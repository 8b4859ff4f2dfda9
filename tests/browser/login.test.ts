import { describe, expect, it } from 'vitest';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';

const env = useBrowserAndServer();

describe('login in a real browser', () => {
  it('the login page has no axe violations, in German and in English', async () => {
    const page = await newPage(env.browser);
    await page.goto(env.server.url);
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await expectAccessible(page, 'login-de');
    await page.evaluate(() => localStorage.setItem('hpb.lang', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page, 'login-en');
    await page.close();
  });

  it('shows the server message for wrong credentials, keeping what was typed', async () => {
    const page = await newPage(env.browser);
    await page.goto(env.server.url);
    await page.getByLabel('E-Mail-Adresse').fill('niemand@test.example');
    await page.getByLabel('Passwort').fill('falsch-falsch');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('falsch');
    expect(await page.getByLabel('E-Mail-Adresse').inputValue()).toBe('niemand@test.example');
    await page.close();
  });

  it('a caseworker logs in with the keyboard, sees the role-aware shell and logs out', async () => {
    const org = await makeOrg(env.server.ctx.sql, 'office', { name: 'Jugendamt Browsertest' });
    const user = await makeUser(env.server.ctx.sql, org, 'caseworker');
    const page = await newPage(env.browser);
    await page.goto(env.server.url);
    await page.getByLabel('E-Mail-Adresse').focus();
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Übersicht' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).isVisible()).resolves.toBe(true);
    // a caseworker has no user administration
    expect(await page.getByRole('link', { name: 'Benutzer' }).count()).toBe(0);
    await expectAccessible(page, 'home-caseworker');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('abgemeldet');
    await page.close();
  });

  it('an office admin manages users; the screen has no axe violations', async () => {
    const org = await makeOrg(env.server.ctx.sql, 'office');
    const admin = await makeUser(env.server.ctx.sql, org, 'office_admin');
    const page = await newPage(env.browser);
    await loginViaForm(page, env.server.url, admin.email, PASSWORD);
    await page.getByRole('link', { name: 'Benutzer' }).click();
    await page.getByRole('heading', { name: 'Benutzer', level: 1 }).waitFor();
    await page.getByLabel(/^Name/).fill('Neue Kollegin');
    await page.getByLabel(/^E-Mail/).fill('kurz');
    await page.getByLabel(/Anfangspasswort/).fill('zu-kurz');
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    // the server's field messages appear beside the fields; nothing typed is lost
    await page.locator('#u-email-error').waitFor();
    expect(await page.getByLabel(/^Name/).inputValue()).toBe('Neue Kollegin');
    await expectAccessible(page, 'users-office-admin');
    // the admin's own last login is shown as a German date and time, whatever the browser's locale
    const ownRow = page.getByRole('row').filter({ hasText: admin.email });
    await expect(ownRow.textContent()).resolves.toMatch(/\d{2}\.\d{2}\.\d{2}, \d{2}:\d{2}/);
    await expect(ownRow.textContent()).resolves.not.toMatch(/AM|PM|\d\/\d/);
    await page.close();
  });

  it('after too many failures the login says in German how many seconds to wait', async () => {
    const page = await newPage(env.browser);
    await page.goto(env.server.url);
    await page.getByLabel('E-Mail-Adresse').fill(`gesperrt-${Date.now()}@test.example`);
    const alert = page.getByRole('alert');
    // LOGIN_MAX_FAILURES (5) failures pass the check; the next attempt has to wait 5 s
    for (let i = 0; i < 6; i++) {
      await page.getByLabel('Passwort').fill(`falsch-${i}-falsch`);
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.getByRole('button', { name: 'Anmelden' }).waitFor();
      await alert.waitFor();
      if (/warten/.test((await alert.textContent()) ?? '')) break;
    }
    await expect(alert.textContent()).resolves.toMatch(/Bitte warten Sie [1-5] Sekunden? und versuchen Sie es dann erneut\./);
    await expectAccessible(page, 'login-wait-de');
    await page.close();
  });
});
