import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser } from '../helpers/factories';
import { focused, keyboardLogin as loginByKeyboard, press } from '../helpers/keyboard';
import { makeFacility, makeUnit } from '../helpers/places';

const env = useBrowserAndServer();
const keyboardLogin = (page: Page, email: string) => loginByKeyboard(page, env.server.url, email);

/** The shell's one live region says `text` (the last announcement). */
const announced = (page: Page, text: string) => page.locator('#live-notices', { hasText: text }).waitFor();

describe('keyboard only, with a screen reader in mind (BITV 2.0 / WCAG 2.4.3, 4.1.3)', () => {
  it('caseworker requests, provider keeps the board and answers, caseworker confirms: focus and announcements after each step', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office', { name: 'Jugendamt Tastatur' });
    const caseworker = await makeUser(sql, office, 'caseworker');
    const provider = await makeOrg(sql, 'provider', { name: 'Träger Tastatur' });
    const staff = await makeUser(sql, provider, 'provider_staff');
    const unit = await makeUnit(sql, provider, await makeFacility(sql, provider), { name: 'Wohngruppe Tastenhof', freePlaces: 1, capacityTotal: 4 });

    const cw = await newPage(env.browser, { width: 1366, height: 900 });
    await keyboardLogin(cw, caseworker.email);
    await cw.goto(`${env.server.url}/anfragen/neu?units=${unit.id}&names=${encodeURIComponent(JSON.stringify({ [unit.id]: 'Wohngruppe Tastenhof' }))}`);
    await cw.getByRole('heading', { name: 'Belegungsanfrage stellen' }).waitFor();
    await expect.poll(() => cw.title()).toBe('Anfrage an Wohngruppe Tastenhof – Heimplatzbörse');
    // required fields are marked for everyone: the visible * and the required state
    expect(await cw.getByLabel(/Aktenzeichen Ihres Amts/).getAttribute('required')).not.toBeNull();

    // an empty submit: the focus goes to the error summary, its link to the field
    await press(cw, 'Anfrage senden');
    await expect.poll(async () => (await focused(cw)).cls).toContain('error-summary');
    await cw.keyboard.press('Tab');
    await cw.keyboard.press('Enter');
    await expect.poll(async () => (await focused(cw)).invalid).toBe('true');
    await cw.getByLabel(/Aktenzeichen Ihres Amts/).focus();
    await cw.keyboard.type('ASD-2026-0413');
    await cw.getByLabel(/Alter in Jahren/).focus();
    await cw.keyboard.type('14');
    // the gender is required since the caseworker's day (issue 14): chosen by typing in the select box
    await cw.getByLabel(/Geschlecht/).focus();
    await cw.keyboard.type('weiblich');
    expect(await cw.getByLabel(/Geschlecht/).inputValue()).toBe('female');
    // neither start nor urgency is assumed since issue 14's follow-up: the date typed, the urgency chosen with Space
    await cw.getByLabel(/Gewünschter Beginn/).focus();
    await cw.getByLabel(/Gewünschter Beginn/).fill('2026-12-07');
    await cw.getByRole('radio', { name: 'Regulär' }).focus();
    await cw.keyboard.press('Space');
    expect(await cw.getByRole('radio', { name: 'Regulär' }).isChecked()).toBe(true);
    await press(cw, 'Anfrage senden');
    // the new page: its h1 has the focus, its title names the unit, the notice survived the navigation
    await cw.getByRole('heading', { level: 1, name: 'Wohngruppe Tastenhof' }).waitFor();
    await expect.poll(async () => (await focused(cw)).tag).toBe('h1');
    await announced(cw, 'Anfrage gesendet.');
    await expect.poll(() => cw.title()).toBe('Anfrage an Wohngruppe Tastenhof – Heimplatzbörse');
    const [req] = await sql`select id from placement_requests where unit_id = ${unit.id}`;

    const pv = await newPage(env.browser, { width: 1366, height: 900 });
    await keyboardLogin(pv, staff.email);
    // the caseworker's request, announced on whatever page the provider is
    await pv.goto(`${env.server.url}/belegung`);
    await pv.getByRole('heading', { level: 1, name: 'Belegung' }).waitFor();
    // −/+ and "Unverändert bestätigen" keep the focus on the same unit
    await press(pv, 'Ein Platz mehr frei: Wohngruppe Tastenhof');
    await pv.getByRole('status').filter({ hasText: 'Wohngruppe Tastenhof: jetzt 2 Plätze frei' }).waitFor();
    expect((await focused(pv)).name).toBe('Ein Platz mehr frei: Wohngruppe Tastenhof');
    await pv.keyboard.press('Tab'); // to "Unverändert bestätigen" of the same unit
    await pv.keyboard.press('Shift+Tab');
    await pv.keyboard.press('Shift+Tab'); // back to −
    expect((await focused(pv)).name).toBe('Ein Platz weniger frei: Wohngruppe Tastenhof');
    await pv.keyboard.press('Enter');
    await pv.getByRole('status').filter({ hasText: 'Wohngruppe Tastenhof: jetzt 1 Platz frei' }).waitFor();
    await pv.keyboard.press('Enter');
    await pv.getByRole('status').filter({ hasText: 'Wohngruppe Tastenhof: jetzt 0 Plätze frei' }).waitFor();
    // at 0 the button does nothing but keeps the focus (it was `disabled` and lost it before)
    const minus = pv.getByRole('button', { name: 'Ein Platz weniger frei: Wohngruppe Tastenhof' });
    expect(await minus.getAttribute('aria-disabled')).toBe('true');
    expect((await focused(pv)).name).toBe('Ein Platz weniger frei: Wohngruppe Tastenhof');
    await pv.keyboard.press('Enter');
    await pv.waitForTimeout(300);
    expect((await sql`select free_places from units where id = ${unit.id}`)[0].freePlaces).toBe(0);
    await press(pv, 'Ein Platz mehr frei: Wohngruppe Tastenhof');
    await pv.getByRole('status').filter({ hasText: 'Wohngruppe Tastenhof: jetzt 1 Platz frei' }).waitFor();
    await press(pv, 'Unverändert bestätigen: Wohngruppe Tastenhof');
    await pv.getByRole('status').filter({ hasText: 'Wohngruppe Tastenhof: bestätigt' }).waitFor();
    expect((await focused(pv)).name).toBe('Unverändert bestätigen: Wohngruppe Tastenhof');
    await expectAccessible(pv, 'keyboard-board');

    // the answer: the panel closes, the focus goes to the status; the caseworker hears it
    await pv.goto(`${env.server.url}/anfragen/${req.id}`);
    await pv.getByRole('heading', { level: 1, name: 'Wohngruppe Tastenhof' }).waitFor();
    await press(pv, 'Zusagen und Platz reservieren');
    await expect.poll(async () => (await focused(pv)).cls).toContain('status');
    expect((await focused(pv)).name).toContain('zugesagt');
    await announced(cw, 'Wohngruppe Tastenhof: Anfrage angenommen, Platz reserviert.');
    // the hold shows the time left
    await cw.getByText(/Reserviert bis .* \(noch \d+ Std\. \d+ Min\.\)/).waitFor();
    await expectAccessible(cw, 'keyboard-request-accepted');

    // a message: the focus stays in the thread, "Nachricht gesendet." is said once (not "Erledigt: …")
    await cw.locator('#msg').focus();
    await cw.keyboard.type('Wir kommen morgen um 10 Uhr.');
    await press(cw, 'Senden');
    await announced(cw, 'Nachricht gesendet.');
    expect((await focused(cw)).name).toBe('Senden');

    await press(cw, 'Belegung bestätigen');
    await expect.poll(async () => (await focused(cw)).cls).toContain('status');
    expect((await focused(cw)).name).toContain('Belegung bestätigt');
    await announced(pv, 'Wohngruppe Tastenhof: Belegung bestätigt.');
    await expectAccessible(pv, 'keyboard-request-confirmed');
    await cw.close();
    await pv.close();
  }, 120_000);

  it('on-call at 360×740: errors at the fields, the sticky bar never covers the focus, "sent" is announced', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office');
    const oncall = await makeUser(sql, office, 'oncall');
    const provider = await makeOrg(sql, 'provider', { name: 'Notaufnahme Tastatur' });
    for (const [i, lat] of [50.9391, 50.9392, 50.9393].entries())
      await makeUnit(sql, provider, await makeFacility(sql, provider, { lat, lon: 6.9571 }), {
        name: `Inobhutnahme Taste ${i + 1}`,
        serviceTypes: ['42'],
        emergencyIntake: true,
        emergencyPhone: `0221 555 010${i}`,
        ageMin: 6,
        ageMax: 17,
      });

    const page = await newPage(env.browser, { width: 360, height: 740 });
    await keyboardLogin(page, oncall.email);
    await page.goto(`${env.server.url}/notfall`);
    await page.getByRole('heading', { level: 1, name: 'Notaufnahme finden' }).waitFor();
    expect(await page.title()).toBe('Notfall – Heimplatzbörse');
    // age and gender are required, and marked so
    expect(await page.getByRole('radiogroup', { name: /Geschlecht/ }).getAttribute('aria-required')).toBe('true');
    await press(page, 'Plätze suchen');
    await expect.poll(async () => (await focused(page)).cls).toContain('error-summary');
    const age = page.getByLabel(/Alter des Kindes/);
    expect(await age.getAttribute('aria-invalid')).toBe('true');
    expect(await age.getAttribute('aria-describedby')).toContain('e-age-error');
    const gender = page.getByRole('radiogroup', { name: /Geschlecht/ });
    expect(await gender.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('radio', { name: 'männlich' }).getAttribute('aria-describedby')).toBe('e-gender-error');
    await expectAccessible(page, 'keyboard-emergency-errors-360');

    await age.focus();
    await page.keyboard.type('12');
    await page.keyboard.press('Tab'); // into the gender group
    await page.keyboard.press('Space');
    await page.getByLabel('Postleitzahl').focus();
    await page.keyboard.type('50667');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: /Inobhutnahme Taste 1 anrufen/ }).waitFor();
    // the nearest three are chosen already: Space on the other two leaves the first
    expect(await page.getByRole('checkbox', { name: /Für Anfrage auswählen: Inobhutnahme Taste 1/ }).isChecked()).toBe(true);
    for (const n of [2, 3]) {
      await page.getByRole('checkbox', { name: new RegExp(`Für Anfrage auswählen: Inobhutnahme Taste ${n}`) }).focus();
      await page.keyboard.press('Space');
    }

    // Tab through the cards: every focused element stays clear of the sticky bar
    await page.getByRole('link', { name: /Inobhutnahme Taste 1 anrufen/ }).focus();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const clear = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        const bar = document.querySelector('.sticky-action, .send-bar');
        // past the last control the focus leaves the page
        if (!bar || bar.contains(a) || a === document.body) return 'clear';
        const r = a.getBoundingClientRect();
        const b = bar.getBoundingClientRect();
        return r.bottom <= b.top + 1 ? 'clear' : `${a.outerHTML.slice(0, 80)} ${r.top}-${r.bottom} under bar ${b.top}-${b.bottom}, scrollY ${scrollY}`;
      });
      expect(clear, `focused element ${i + 1} is hidden behind the sticky bar`).toBe('clear');
    }

    await press(page, /Notfallanfrage an 1 Einrichtung/);
    await expect.poll(async () => (await focused(page)).id).toBe('emergency-sent');
    await announced(page, 'Notfallanfrage an 1 Einrichtung verschickt.');
    await expectAccessible(page, 'keyboard-emergency-sent-360');
    await page.close();
  }, 120_000);
});
