import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { expectAccessible, launchBrowser, newPage } from '../helpers/browser';
import { startTestServer } from '../helpers/context';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// this file takes its server away in the middle, so it has a server of its own
let browser: Browser;
let server: RunningServer;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the emergency page without server', () => {
  it('shows the last result, the 24/7 units and the fallback numbers kept on the device, marked as not current, and no child data', async () => {
    const sql = server.ctx.sql;
    const [home] = await sql<{ lat: number; lon: number }[]>`select lat, lon from postcodes where code = '94469'`;
    const provider = await makeOrg(sql, 'provider', { name: 'Träger Donau' });
    await makeUnit(sql, provider, await makeFacility(sql, provider, { lat: home.lat + 0.05, lon: home.lon }), {
      name: 'Notaufnahme Donauufer',
      serviceTypes: ['42'],
      emergencyIntake: true,
      emergencyPhone: '0991 111 222',
      ageMin: 0,
      ageMax: 17,
    });
    const office = await makeOrg(sql, 'office', { name: 'Jugendamt Deggendorf' });
    await sql`update organisations set postcode = '94469' where id = ${office.id}`;
    await sql`insert into office_fallback_contacts (office_id, kind, label, phone, position) values (${office.id}, 'state_office', 'Landesjugendamt Bayern', '089 1261 04', 0)`;
    const oncall = await makeUser(sql, office, 'oncall');

    const page = await newPage(browser, { width: 360, height: 740 });
    await page.goto(server.url);
    await page.getByLabel('E-Mail-Adresse').fill(oncall.email);
    await page.getByLabel(/^Passwort/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByLabel('Alter des Kindes').fill('13');
    await page.getByLabel('divers').check();
    await page.getByLabel('Postleitzahl').fill('94469');
    await page.getByRole('button', { name: 'Plätze suchen' }).click();
    await page.getByRole('link', { name: /Notaufnahme Donauufer anrufen/ }).waitFor();
    // the service worker runs this page and holds the app shell
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 10_000 });
    await page.waitForFunction(async () => (await (await caches.open('hpb-shell-v1')).keys()).some((r) => r.url.includes('/assets/index-')), undefined, { timeout: 10_000 });
    await expect.poll(() => page.evaluate(() => localStorage.getItem('hpb.emergency.offline') ?? '')).toContain('Landesjugendamt Bayern');

    // no child data on the device: age, gender, postcode of the child are not kept
    const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(kept).toContain('0991 111 222');
    for (const childData of ['"13"', 'diverse', '94469', 'childAge', 'childGender', 'IO-']) expect(kept).not.toContain(childData);
    const cached = await page.evaluate(async () => (await (await caches.open('hpb-shell-v1')).keys()).map((r) => r.url));
    expect(cached.some((u) => u.includes('/api/'))).toBe(false);

    // the server is gone: no new connections (its open websocket ends with the reload)
    server.http.close();
    server.http.closeAllConnections();
    await page.reload();
    await page.getByRole('heading', { name: 'Keine Verbindung zum Server' }).waitFor();
    const fallback = page.getByRole('link', { name: /Landesjugendamt Bayern/ });
    expect(await fallback.getAttribute('href')).toBe('tel:089126104');
    const unitCall = page.getByRole('link', { name: /Notaufnahme Donauufer anrufen/ }).first();
    expect(await unitCall.getAttribute('href')).toBe('tel:0991111222');
    expect(await page.getByText(/^Stand: \d\d:\d\d, nicht aktuell$/).count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(page, 'emergency-offline-360');
    await page.close();
  });
});
