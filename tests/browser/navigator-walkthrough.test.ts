import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { uniqueWord } from '../api/directory-fixture';
import { dialogueFor } from '../api/navigator-fixture';
import { expectAccessible, launchBrowser, newPage } from '../helpers/browser';
import { startTestServer } from '../helpers/context';
import { makeOrg } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// This file owns the navigator of Pirmasens (07317).
const AGS = '07317';
const PIRMASENS = { lat: 49.2015, lon: 7.6053 };
const OFFICE_EMERGENCY = '06331 84-9999';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

let server: RunningServer;
let browser: Browser;
let word: string;
beforeAll(async () => {
  browser = await launchBrowser(); // builds the client first
  server = await startTestServer();
  const sql = server.ctx.sql;
  const dialogue = dialogueFor(AGS, 'Pirmasens', { ...PIRMASENS, radiusKm: 20 });
  await sql`insert into navigator_dialogues (district_ags, dialogue) values (${AGS}, ${sql.json(dialogue as never)})
    on conflict (district_ags) do update set dialogue = excluded.dialogue`;
  word = uniqueWord();
  const office = await makeOrg(sql, 'office', { name: `Jugendamt Pirmasens ${word}`, districtAgs: AGS });
  await sql`update organisations set phone = '06331 84-0', emergency_phone = ${OFFICE_EMERGENCY} where id = ${office.id}`;
  const provider = await makeOrg(sql, 'provider', { name: `Familienzentrum Pfalz ${word}` });
  const f = await makeFacility(sql, provider, { name: 'Haus am Park', postcode: '66953', city: 'Pirmasens', ...PIRMASENS });
  await makeUnit(sql, provider, f, { name: `Erziehungsberatung ${word}`, setting: 'ambulant', serviceTypes: ['28'], ageMin: 0, ageMax: 21, capacityTotal: null, freePlaces: null });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const question = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 2, name }).waitFor();

async function open(viewport: { width: number; height: number }): Promise<Page> {
  const page = await newPage(browser, viewport);
  await page.goto(`${server.url}/lotse/${AGS}`);
  await page.getByRole('heading', { name: 'Hilfe-Lotse Pirmasens', level: 1 }).waitFor();
  return page;
}

describe('intake navigator in a real browser', () => {
  it('walks from the concern to fitting offers at desktop width, steps back and restarts', async () => {
    const page = await open(DESKTOP);
    await expect(page.locator('main').textContent()).resolves.toContain('Wir speichern nichts über Sie');
    await expectAccessible(page, 'navigator-start-desktop');
    await page.getByRole('button', { name: 'Fragen zur Erziehung oder Streit in der Familie' }).click();
    await question(page, /Wie alt ist das Kind/);
    // the new question has the focus, so screen readers read it out
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lotse-question');
    await page.getByRole('button', { name: '6 bis 11 Jahre' }).click();
    await question(page, /Postleitzahl/);
    await page.getByLabel('Postleitzahl', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.locator('#lotse-postcode-error').waitFor();
    await page.getByLabel('Postleitzahl', { exact: true }).fill('66953');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await question(page, 'Lotse: Wie dringend ist es?');
    await page.getByRole('button', { name: 'In den nächsten Tagen' }).click();
    await page.getByRole('heading', { name: 'Passende Angebote' }).waitFor();
    const offer = page.getByRole('listitem').filter({ hasText: `Erziehungsberatung ${word}` });
    await expect(offer.textContent()).resolves.toContain('Warum: Erziehungsberatung: passt zu „Fragen zur Erziehung oder Streit in der Familie“, für 0 bis 21 Jahre, 0 km entfernt');
    await expect(page.locator('main').textContent()).resolves.toContain('06331 84-0'); // the office
    // the conversation so far stays visible
    await expect(page.locator('.lotse-log').textContent()).resolves.toContain('66953');
    await expectAccessible(page, 'navigator-results-desktop');

    // send by e-mail: the page says the address is not kept
    await expect(page.locator('main').textContent()).resolves.toContain('Wir verwenden Ihre E-Mail-Adresse nur, um diese Liste zu senden. Danach wird sie gelöscht.');
    await page.getByLabel('Liste per E-Mail senden an').fill(`eltern-${word}@example.org`);
    await page.getByRole('button', { name: 'Liste senden' }).click();
    await page.getByRole('status').filter({ hasText: 'Die Liste ist unterwegs' }).waitFor();

    // printable: the controls and forms are not printed, the list is
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Neu beginnen' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Liste senden' }).isVisible()).toBe(false);
    expect(await offer.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: 'Einen Schritt zurück' }).click();
    await question(page, 'Lotse: Wie dringend ist es?');
    await page.getByRole('button', { name: 'Neu beginnen' }).click();
    await question(page, /Worum geht es/);
    expect(await page.locator('.lotse-log').count()).toBe(0);
    await page.context().close(); // the whole context, so nothing is left closing when the browser ends
  });

  it('on a phone, acute danger shows the emergency numbers at once, before anything else', async () => {
    const page = await open(PHONE);
    await page.getByRole('button', { name: 'Ein Kind oder Jugendlicher ist jetzt in Gefahr' }).click();
    await question(page, 'Lotse: Sofort Hilfe holen');
    const calls = page.locator('[data-testid=emergency] a[href^="tel:"]');
    expect(await calls.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      'tel:110',
      'tel:06331849999',
      'tel:116111',
      'tel:116016',
      'tel:08001921000',
    ]);
    await expect(page.locator('[data-testid=emergency]').textContent()).resolves.toContain(`Jugendamt Pirmasens ${word}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'navigator-emergency-phone');

    // going on: the emergency contacts stay first in the results
    await page.getByRole('button', { name: 'Weitere Hilfe ansehen' }).click();
    await page.getByTestId('results').waitFor();
    const headings = await page.getByTestId('results').getByRole('heading', { level: 3 }).allTextContents();
    expect(headings[0]).toBe('Sofort Hilfe holen');
    await expectAccessible(page, 'navigator-emergency-results-phone');
    await page.context().close(); // the whole context, so nothing is left closing when the browser ends
  });

  it('walks through on a phone in English', async () => {
    const page = await open(PHONE);
    await page.getByRole('button', { name: 'English' }).click();
    await question(page, /What is it about/);
    await page.getByRole('button', { name: 'Violence in the family' }).click();
    await page.getByRole('button', { name: 'No, but it has happened or happens often' }).click();
    await page.getByRole('button', { name: 'I would rather not say' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: 'It can wait, I want to find out more' }).click();
    await page.getByRole('heading', { name: 'Fitting services' }).waitFor();
    await expect(page.getByTestId('results').textContent()).resolves.toContain('116 016');
    await expectAccessible(page, 'navigator-results-phone-en');
    await page.context().close(); // the whole context, so nothing is left closing when the browser ends
  });

  it('lets people choose their municipality and is linked from the login page', async () => {
    const page = await newPage(browser, DESKTOP);
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Ohne Anmeldung' }).getByRole('link', { name: 'Hilfe-Lotse' }).click();
    await page.getByRole('heading', { name: 'Hilfe-Lotse', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Hilfe-Lotse Köln' }).waitFor();
    await expectAccessible(page, 'navigator-chooser-desktop');
    await page.getByRole('link', { name: 'Hilfe-Lotse Pirmasens' }).click();
    await question(page, /Worum geht es/);
    await page.context().close(); // the whole context, so nothing is left closing when the browser ends
  });
});
