import { describe, expect, it } from 'vitest';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { login, makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

const env = useBrowserAndServer();

/** Counts the tones the page plays (Web Audio oscillators started) and the vibrations it asks for. */
const COUNT_SOUND = () => {
  const w = window as unknown as { __tones: number; __vibrations: number };
  w.__tones = 0;
  w.__vibrations = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, ...a: [number?]) {
    w.__tones++;
    return start.apply(this, a);
  };
  Object.defineProperty(navigator, 'vibrate', { value: () => ((w.__vibrations++), true), configurable: true });
};

describe('alerts on every screen', () => {
  it('the provider on /belegung sees and hears an emergency request within 2 s (360×740): badge, toast, title, live region', async () => {
    const sql = env.server.ctx.sql;
    const provider = await makeOrg(sql, 'provider', { name: 'Nachtdienst Träger' });
    const staff = await makeUser(sql, provider, 'provider_staff');
    const unit = await makeUnit(sql, provider, await makeFacility(sql, provider, { lat: 53.55, lon: 9.99 }), {
      name: 'Notaufnahme Hafen',
      serviceTypes: ['42'],
      emergencyIntake: true,
      emergencyPhone: '040 555 0101',
      ageMin: 6,
      ageMax: 17,
      freePlaces: 2,
    });
    const office = await makeOrg(sql, 'office', { name: 'Jugendamt Nacht' });
    const oncall = await login(env.server.url, await makeUser(sql, office, 'oncall'));

    const page = await newPage(env.browser, { width: 360, height: 740 });
    await page.addInitScript(COUNT_SOUND);
    await loginViaForm(page, env.server.url, staff.email, PASSWORD);
    await page.getByRole('link', { name: /Belegung/ }).first().click();
    await page.waitForURL(/\/belegung$/);
    // the page itself, not the one before it still shown while the route loads (each route has its own title)
    await page.getByRole('heading', { level: 1, name: 'Belegung' }).waitFor();
    expect(await page.getByTestId('waiting-badge').count()).toBe(0);
    const titleBefore = await page.title();
    expect(titleBefore).toBe('Belegung – Heimplatzbörse');

    const sentAt = Date.now();
    const res = await oncall.post('/api/v1/emergency/requests', { unitIds: [unit.id], caseRef: 'IO-NACHT-1', childAge: 12, childGender: 'male', postcode: '20095' });
    expect(res.status).toBe(201);
    const toast = page.locator('.toast.emergency');
    await toast.waitFor({ timeout: 2000 });
    const seenAfter = Date.now() - sentAt;
    expect(seenAfter).toBeLessThanOrEqual(2000);
    expect(await toast.textContent()).toContain('Neue Notfallanfrage');
    // heard: tones and a vibration, without a click on the page after login
    const { tones, vibrations } = await page.evaluate(() => ({ tones: (window as unknown as { __tones: number }).__tones, vibrations: (window as unknown as { __vibrations: number }).__vibrations }));
    expect(tones).toBeGreaterThan(0);
    expect(vibrations).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('waiting-badge').textContent()).toContain('1');
    await expect.poll(() => page.title()).toBe(`(1) ${titleBefore}`);
    expect(await page.locator('[aria-live="assertive"]').textContent()).toContain('Neue Notfallanfrage');
    console.log(`emergency alert on /belegung after ${seenAfter} ms`);
    await expectAccessible(page, 'alert-belegung-360');

    // the toast leads to the request
    await toast.getByRole('link').click();
    await page.waitForURL(/\/anfragen\//);
    await page.close();
  });

  it('switched off on this device: the toast still comes, no sound; the choice survives a reload', async () => {
    const sql = env.server.ctx.sql;
    const provider = await makeOrg(sql, 'provider');
    const staff = await makeUser(sql, provider, 'provider_staff');
    const unit = await makeUnit(sql, provider, await makeFacility(sql, provider, { lat: 53.56, lon: 10.0 }), {
      serviceTypes: ['42'],
      emergencyIntake: true,
      emergencyPhone: '040 555 0102',
      ageMin: 6,
      ageMax: 17,
    });
    const office = await makeOrg(sql, 'office');
    const oncall = await login(env.server.url, await makeUser(sql, office, 'oncall'));
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await page.addInitScript(COUNT_SOUND);
    await loginViaForm(page, env.server.url, staff.email, PASSWORD);
    await page.goto(`${env.server.url}/einstellungen`);
    await page.getByLabel(/Ton und Vibration bei Notfällen/).uncheck();
    await page.reload();
    expect(await page.getByLabel(/Ton und Vibration bei Notfällen/).isChecked()).toBe(false);
    await expectAccessible(page, 'settings-1366');
    await page.goto(`${env.server.url}/belegung`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await oncall.post('/api/v1/emergency/requests', { unitIds: [unit.id], caseRef: 'IO-NACHT-2', childAge: 10, childGender: 'female' }).expect(201);
    await page.locator('.toast.emergency').waitFor({ timeout: 2000 });
    expect(await page.evaluate(() => (window as unknown as { __tones: number }).__tones)).toBe(0);
    await page.close();
  });

  it('the office side too: an answer while the tab is in the background comes as a browser notification, and the badge counts it', async () => {
    const sql = env.server.ctx.sql;
    const provider = await makeOrg(sql, 'provider');
    const staff = await login(env.server.url, await makeUser(sql, provider, 'provider_staff'));
    const unit = await makeUnit(sql, provider, await makeFacility(sql, provider, { lat: 53.57, lon: 10.01 }), { name: 'Wohngruppe Alster', freePlaces: 1 });
    const office = await makeOrg(sql, 'office');
    const caseworker = await makeUser(sql, office, 'caseworker');
    const sender = await login(env.server.url, caseworker);
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await page.context().grantPermissions(['notifications']);
    // the tab is in the background; the browser's notifications are recorded
    await page.addInitScript(() => {
      const w = window as unknown as { __shown: { title: string; body: string }[] };
      w.__shown = [];
      Object.defineProperty(document, 'hidden', { get: () => true, configurable: true });
      class FakeNotification {
        static permission = 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, o: { body: string }) {
          w.__shown.push({ title, body: o.body });
        }
        close() {}
      }
      Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true });
    });
    await loginViaForm(page, env.server.url, caseworker.email, PASSWORD);
    await page.goto(`${env.server.url}/suche`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const sent = await sender.post('/api/v1/requests', { unitIds: [unit.id], caseRef: 'AZ-ALSTER', childAge: 12, childGender: 'female', desiredStart: '2026-12-01', urgency: 'regular' });
    await staff.post(`/api/v1/requests/${sent.body.items[0].id}/accept`, {}).expect(200);
    await page.locator('.toast', { hasText: 'Zusage' }).waitFor({ timeout: 2000 });
    const shown = await page.evaluate(() => (window as unknown as { __shown: { title: string; body: string }[] }).__shown);
    expect(shown).toEqual([{ title: 'Heimplatzbörse', body: 'Zusage auf eine Anfrage Ihres Amts' }]);
    await expect.poll(() => page.getByTestId('waiting-badge').textContent()).toContain('1');
    await page.close();
  });
});
