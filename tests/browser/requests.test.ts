import { describe, expect, it } from 'vitest';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

const env = useBrowserAndServer();

describe('placement requests in the browser', () => {
  it('caseworker requests, provider accepts, the caseworker sees it live and confirms', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office', { name: 'Jugendamt Browser' });
    const caseworker = await makeUser(sql, office, 'caseworker');
    const provider = await makeOrg(sql, 'provider', { name: 'Träger Browser gGmbH' });
    const staff = await makeUser(sql, provider, 'provider_staff');
    const unit = await makeUnit(sql, provider, await makeFacility(sql, provider), { name: 'Wohngruppe Lindenhof', freePlaces: 1 });

    const cw = await newPage(env.browser);
    await loginViaForm(cw, env.server.url, caseworker.email, PASSWORD);
    await cw.goto(`${env.server.url}/anfragen/neu?units=${unit.id}&names=${encodeURIComponent(JSON.stringify({ [unit.id]: 'Wohngruppe Lindenhof' }))}`);
    await cw.getByRole('heading', { name: 'Belegungsanfrage stellen' }).waitFor();
    await cw.getByLabel(/Aktenzeichen Ihres Amts/).fill('Max Mustermann');
    await cw.getByLabel(/Alter in Jahren/).fill('14');
    await cw.getByLabel(/^Geschlecht/).selectOption('male');
    await cw.getByLabel(/Gewünschter Beginn/).fill('2026-12-07');
    await cw.getByRole('radio', { name: 'Regulär' }).check();
    await cw.getByRole('button', { name: 'Anfrage senden' }).click();
    // the server's message appears next to the field; what was typed stays
    await cw.locator('#c-caseref-error').waitFor();
    expect(await cw.getByLabel(/Alter in Jahren/).inputValue()).toBe('14');
    await expectAccessible(cw, 'request-compose-error');
    await cw.getByLabel(/Aktenzeichen Ihres Amts/).fill('ASD-2026-0412');
    await cw.getByRole('button', { name: 'Anfrage senden' }).click();
    await cw.getByRole('heading', { name: 'Wohngruppe Lindenhof' }).waitFor();
    await cw.locator('.status-badge', { hasText: 'offen' }).waitFor();

    const pv = await newPage(env.browser);
    await loginViaForm(pv, env.server.url, staff.email, PASSWORD);
    await pv.getByRole('link', { name: 'Anfragen' }).click();
    await pv.getByRole('link', { name: /Anfrage an Wohngruppe Lindenhof öffnen/ }).click();
    await pv.getByRole('heading', { name: 'Wohngruppe Lindenhof' }).waitFor();
    // the provider never sees the office's case reference
    expect(await pv.getByText('ASD-2026-0412').count()).toBe(0);
    await expectAccessible(pv, 'request-detail-provider');
    await pv.getByRole('button', { name: 'Zusagen und Platz reservieren' }).click();
    await pv.getByText('zugesagt, Platz reserviert').first().waitFor();

    // no reload: the caseworker's page follows the provider's answer
    await cw.getByRole('button', { name: 'Belegung bestätigen' }).waitFor();
    await expectAccessible(cw, 'request-detail-office-accepted');
    await cw.getByRole('button', { name: 'Belegung bestätigen' }).click();
    await cw.getByText('Belegung bestätigt').first().waitFor();
    const [u] = await sql`select free_places, held_places from units where id = ${unit.id}`;
    expect(u).toEqual({ freePlaces: 0, heldPlaces: 0 });
    await pv.getByText('Belegung bestätigt').first().waitFor();
    await cw.close();
    await pv.close();
  });

  it('emergency flow on a phone (360×740): three inputs, nearest first, tap to call, one action to request', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office');
    const oncall = await makeUser(sql, office, 'oncall');
    const provider = await makeOrg(sql, 'provider', { name: 'Notaufnahme Träger' });
    const near = await makeUnit(sql, provider, await makeFacility(sql, provider, { lat: 50.938, lon: 6.957 }), {
      name: 'Inobhutnahme Südstadt',
      serviceTypes: ['42'],
      emergencyIntake: true,
      emergencyPhone: '0221 555 0101',
      ageMin: 6,
      ageMax: 17,
    });
    await makeUnit(sql, provider, await makeFacility(sql, provider, { lat: 51.2, lon: 6.8 }), {
      name: 'Inobhutnahme weiter weg',
      serviceTypes: ['42'],
      emergencyIntake: true,
      emergencyPhone: '0211 555 0202',
      ageMin: 6,
      ageMax: 17,
    });

    const page = await newPage(env.browser, { width: 360, height: 740 });
    await loginViaForm(page, env.server.url, oncall.email, PASSWORD);
    await page.getByRole('link', { name: 'Notfall' }).click();
    await page.getByRole('heading', { name: 'Notaufnahme finden' }).waitFor();
    await expectAccessible(page, 'emergency-form-360');
    await page.getByLabel('Alter des Kindes').fill('12');
    await page.getByLabel('männlich').check();
    await page.getByLabel('Postleitzahl').fill('50667');
    await page.getByRole('button', { name: 'Plätze suchen' }).click();
    const call = page.getByRole('link', { name: /Inobhutnahme Südstadt anrufen/ });
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:02215550101');
    const titles = await page.locator('.card-title').allTextContents();
    expect(titles.indexOf('Inobhutnahme Südstadt')).toBeLessThan(titles.indexOf('Inobhutnahme weiter weg'));
    const box = await call.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await expectAccessible(page, 'emergency-results-360');
    // the nearest three are chosen already; this request goes to the nearest only
    expect(await page.getByLabel(/Für Anfrage auswählen: Inobhutnahme Südstadt/).isChecked()).toBe(true);
    for (const box of await page.getByLabel(/^Für Anfrage auswählen: /).all()) {
      if (!(await box.getAttribute('aria-label'))!.endsWith('Inobhutnahme Südstadt') && (await box.isChecked())) await box.uncheck();
    }
    await page.getByRole('button', { name: /Notfallanfrage an 1 Einrichtung senden/ }).click();
    await page.getByText('Notfallanfrage gesendet').waitFor();
    const [r] = await sql`select urgency, status from placement_requests where unit_id = ${near.id}`;
    expect(r).toEqual({ urgency: 'emergency', status: 'open' });
    await expectAccessible(page, 'emergency-sent-360');
    await page.close();
  });
});
