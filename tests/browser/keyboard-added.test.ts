import { describe, expect, it } from 'vitest';
import { expectAccessible, newPage, useBrowserAndServer } from '../helpers/browser';
import { login, makeOrg, makeUser } from '../helpers/factories';
import { expectSaidOnce, focused, followNav, heard, keyboardLogin, press, recordAnnouncements } from '../helpers/keyboard';
import { makeFacility, makeUnit } from '../helpers/places';

const env = useBrowserAndServer();

/**
 * Issue 20's rules on the screens that came after it (issues 13, 14, 16): a title per route and the
 * focus on the h1, results said once through the shell's live region (or read where the focus goes),
 * busy buttons that keep the focus, errors at their fields, alerts announced once.
 */
describe('keyboard only on the alert, settings, case, monitoring, access-log and dialogue screens (BITV 2.0)', () => {
  it('office admin: settings and fallback numbers with errors at the fields, access log, monitoring, dialogue admin', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office', { name: 'Jugendamt Tastenfeld' });
    const admin = await makeUser(sql, office, 'office_admin');
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await recordAnnouncements(page);
    await keyboardLogin(page, env.server.url, admin.email);

    await followNav(page, 'Einstellungen', 'Einstellungen und Benachrichtigungen', 'Einstellungen');
    // a new row: the focus goes into it
    await press(page, 'Nummer hinzufügen');
    await expect.poll(async () => (await focused(page)).id).toBe('fb-kind-0');
    await page.keyboard.press('Tab');
    await page.keyboard.type('x');
    await page.keyboard.press('Tab');
    await page.keyboard.type('abc');
    await press(page, 'Rückfallnummern speichern');
    // refused: the summary takes the focus, each error sits at its field
    await expect.poll(async () => (await focused(page)).cls).toContain('error-summary');
    for (const id of ['fb-label-0', 'fb-phone-0']) {
      const field = page.locator(`#${id}`);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.getAttribute('aria-describedby')).toContain(`${id}-error`);
      expect(await page.locator(`#${id}-error`).textContent()).not.toBe('');
    }
    await expectAccessible(page, 'keyboard-fallback-errors');
    await page.locator('#fb-label-0').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Rufbereitschaft Tastenfeld');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('0221 555 0100');
    await press(page, 'Rückfallnummern speichern');
    await expectSaidOnce(page, '1 Rückfallnummer gespeichert.');
    // the focus stayed on the button, which was never `disabled` (it would have lost the focus)
    expect((await focused(page)).name).toBe('Rückfallnummern speichern');
    expect((await sql`select label from office_fallback_contacts where office_id = ${office.id}`).map((r) => r.label)).toEqual(['Rufbereitschaft Tastenfeld']);
    // removing the only row: its button is gone, the focus goes to "Nummer hinzufügen"
    await press(page, 'Entfernen');
    await expect.poll(async () => (await focused(page)).id).toBe('fb-add');
    await expectSaidOnce(page, 'Nummer 1 entfernt. Zum Übernehmen speichern.');

    // the personal call-back number: an error at the field, then "Gespeichert." once
    await page.getByLabel('Ihre Durchwahl (optional)').focus();
    await page.keyboard.type('abc');
    await press(page, /^Speichern$/);
    await expect.poll(async () => (await focused(page)).cls).toContain('error-summary');
    expect(await page.locator('#s-phone').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#s-phone').getAttribute('aria-describedby')).toContain('s-phone-error');
    await page.locator('#s-phone').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('0221 555 0199');
    await press(page, /^Speichern$/);
    await expectSaidOnce(page, 'Gespeichert.');
    expect((await focused(page)).name).toBe('Speichern');

    await followNav(page, 'Zugriffsprotokoll', 'Zugriffsprotokoll Ihrer Anfragen', 'Zugriffsprotokoll');
    await press(page, 'Filtern');
    await expect.poll(async () => (await heard(page)).filter((h) => /Einträge? gefunden\.$|Eintrag gefunden\.$/.test(h.text)).length).toBe(1);
    expect((await focused(page)).name).toBe('Filtern');

    await followNav(page, 'Monitoring', 'Monitoring Ihres Jugendamts', 'Monitoring');
    // another period chosen by keyboard: the figures change below while the focus stays in the box; said once
    await page.getByLabel('Zeitraum').focus();
    await page.keyboard.type('letzte 9');
    await expectSaidOnce(page, 'Angezeigt: letzte 90 Tage · Eigener Kreis.');
    expect((await focused(page)).id).toBe('mon-days');
    await page.waitForURL(/tage=90/);
    await followNav(page, 'Hilfe-Lotse verwalten', 'Hilfe-Lotse verwalten', 'Hilfe-Lotse verwalten');
    await page.close();
  }, 120_000);

  it('caseworker: from a request to its case view by keyboard; the answer said once with the unit, the toast not a second time', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office', { name: 'Jugendamt Fallansicht' });
    const caseworker = await makeUser(sql, office, 'caseworker');
    const provider = await makeOrg(sql, 'provider');
    const staff = await login(env.server.url, await makeUser(sql, provider, 'provider_staff'));
    const unit = await makeUnit(sql, provider, await makeFacility(sql, provider), { name: 'Wohngruppe Fallblick', freePlaces: 1 });
    const sender = await login(env.server.url, caseworker);
    const sent = await sender.post('/api/v1/requests', { unitIds: [unit.id], caseRef: 'ASD-TASTE-7', childAge: 13, childGender: 'male', desiredStart: '2026-12-01', urgency: 'regular' });
    expect(sent.status).toBe(201);
    const id = sent.body.items[0].id as string;

    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await recordAnnouncements(page);
    await keyboardLogin(page, env.server.url, caseworker.email);
    await page.goto(`${env.server.url}/anfragen/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Wohngruppe Fallblick' }).waitFor();
    await expect.poll(() => page.title()).toBe('Anfrage an Wohngruppe Fallblick – Heimplatzbörse');
    await page.getByRole('link', { name: 'alles zu diesem Fall' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Fall ASD-TASTE-7' }).waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe('h1');
    await expect.poll(() => page.title()).toBe('Fall ASD-TASTE-7 – Heimplatzbörse');
    await expectAccessible(page, 'keyboard-case-view');

    // the provider accepts: a toast for the eye, one polite announcement with the unit's name
    await staff.post(`/api/v1/requests/${id}/accept`, {}).expect(200);
    await page.locator('.toast', { hasText: 'Zusage' }).waitFor();
    await expectSaidOnce(page, 'Wohngruppe Fallblick: Anfrage angenommen, Platz reserviert.');
    expect((await heard(page)).some((h) => h.text.includes('Zusage auf eine Anfrage'))).toBe(false);
    // the toast by keyboard: closing it puts the focus on the page, not on <body>
    await press(page, 'Hinweis schließen');
    await page.locator('.toast').waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused(page)).id).toBe('main');
    await page.close();
  }, 90_000);

  it('provider at 360×740: a new emergency request is said once and urgently, a regular one once and politely; the toasts leave the navigation free', async () => {
    const sql = env.server.ctx.sql;
    const provider = await makeOrg(sql, 'provider');
    const staff = await makeUser(sql, provider, 'provider_staff');
    const unit = await makeUnit(sql, provider, await makeFacility(sql, provider, { lat: 53.58, lon: 10.02 }), {
      name: 'Notaufnahme Tastensteg',
      serviceTypes: ['42'],
      emergencyIntake: true,
      emergencyPhone: '040 555 0199',
      ageMin: 6,
      ageMax: 17,
      freePlaces: 2,
    });
    const office = await makeOrg(sql, 'office');
    const oncall = await login(env.server.url, await makeUser(sql, office, 'oncall'));
    const caseworker = await login(env.server.url, await makeUser(sql, office, 'caseworker'));

    const page = await newPage(env.browser, { width: 360, height: 740 });
    await recordAnnouncements(page);
    await keyboardLogin(page, env.server.url, staff.email);
    await followNav(page, 'Belegung', 'Belegung', 'Belegung');
    await oncall.post('/api/v1/emergency/requests', { unitIds: [unit.id], caseRef: 'IO-TASTE-1', childAge: 12, childGender: 'male', postcode: '20095' }).expect(201);
    await page.locator('.toast.emergency').waitFor();
    await expectSaidOnce(page, 'Neue Notfallanfrage eingegangen – bitte sofort ansehen', 'assertive');
    expect((await heard(page)).some((h) => h.text.includes('neue Anfrage eingegangen'))).toBe(false);

    await caseworker.post('/api/v1/requests', { unitIds: [unit.id], caseRef: 'ASD-TASTE-8', childAge: 12, childGender: 'female', desiredStart: '2026-12-01', urgency: 'regular' }).expect(201);
    await expectSaidOnce(page, 'Notaufnahme Tastensteg: neue Anfrage eingegangen.', 'polite');
    // the toasts sit at the bottom: every link of the navigation stays uncovered
    const toasts = (await page.locator('.toasts').boundingBox())!;
    for (const link of await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link').all()) {
      const b = (await link.boundingBox())!;
      expect(b.y + b.height <= toasts.y || b.y >= toasts.y + toasts.height, `${await link.textContent()} under the toasts`).toBe(true);
    }
    await expectAccessible(page, 'keyboard-alerts-360');
    // the emergency toast's link by keyboard: the request opens, its h1 has the focus
    await page.locator('.toast.emergency').getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Notaufnahme Tastensteg' }).waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe('h1');
    await page.close();
  }, 90_000);
});
