import { describe, expect, it } from 'vitest';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

const env = useBrowserAndServer({ SESSION_IDLE_MINUTES: '10' });

describe('names in the accessibility tree, and time limits (WCAG 4.1.2, 2.5.3, 2.2.1)', () => {
  it('the map is a named region with German zoom buttons; clusters and selects are named; a pin leads to its card', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office');
    const caseworker = await makeUser(sql, office, 'caseworker');
    const provider = await makeOrg(sql, 'provider', { name: 'Träger Kartenbaum' });
    const attrs = { serviceTypes: ['35a-stat'], specialisations: ['autism', 'school-refusal'], ageMin: 3, ageMax: 5, freePlaces: 1 };
    // two units a few hundred metres apart on Sylt (one cluster), one alone near Berchtesgaden (one pin)
    await makeUnit(sql, provider, await makeFacility(sql, provider, { lat: 54.9067, lon: 8.3101 }), { ...attrs, name: 'Wohngruppe Düne' });
    await makeUnit(sql, provider, await makeFacility(sql, provider, { lat: 54.9081, lon: 8.3123 }), { ...attrs, name: 'Wohngruppe Watt' });
    await makeUnit(sql, provider, await makeFacility(sql, provider, { lat: 47.632, lon: 13.0 }), { ...attrs, name: 'Wohngruppe Watzmann' });

    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await loginViaForm(page, env.server.url, caseworker.email, PASSWORD);
    await page.goto(`${env.server.url}/suche`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByLabel('Leistungsart').selectOption('35a-stat');
    await page.getByLabel('Alter des Kindes (Jahre)').fill('4');
    await page.getByRole('group', { name: /Bedarfe, die das Angebot/ }).getByLabel('Autismus-Spektrum').check();
    await page.getByRole('group', { name: /Bedarfe, die das Angebot/ }).getByLabel('Schulverweigerung').check();
    await page.getByRole('button', { name: 'Suchen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Trefferliste' }).getByText('Wohngruppe Watzmann').waitFor();

    const map = page.getByRole('region', { name: 'Karte der Treffer' });
    await map.waitFor();
    await map.getByRole('button', { name: /^\d+ Treffer – vergrößern$/ }).first().waitFor();
    const tree = await page.locator('body').ariaSnapshot();
    expect(tree).toMatch(/- region "Karte der Treffer"/);
    expect(tree).toMatch(/- button "Vergrößern"/);
    expect(tree).toMatch(/- button "Verkleinern"/);
    expect(tree).not.toMatch(/Zoom in|Zoom out/);
    expect(tree).toMatch(/- button "2 Treffer – vergrößern"/);
    // no select box, button or check box without a name
    expect(tree).not.toMatch(/- (combobox|button|checkbox)(\s*\[[^\]]*\])?\s*$/m);
    expect(tree).toMatch(/- combobox "Sortierung"/);
    // the visible text starts the name (2.5.3)
    await page.getByRole('checkbox', { name: 'Für Anfrage auswählen: Wohngruppe Watzmann' }).waitFor();

    // a pin chosen by keyboard: the focus moves to its card in the list
    const pin = page.locator('.leaflet-marker-icon[title*="Wohngruppe Watzmann"]');
    await pin.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^result-/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Wohngruppe Watzmann');
    await expectAccessible(page, 'a11y-tree-map');
    await page.close();
  }, 90_000);

  it('warns two minutes before the idle timeout; "Angemeldet bleiben" extends the session and returns the focus', async () => {
    const sql = env.server.ctx.sql;
    const office = await makeOrg(sql, 'office');
    const caseworker = await makeUser(sql, office, 'caseworker');
    const page = await newPage(env.browser, { width: 1366, height: 900 });
    await page.clock.install();
    await loginViaForm(page, env.server.url, caseworker.email, PASSWORD);
    await page.getByRole('link', { name: 'Anfragen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expect.poll(() => page.title()).toBe('Anfragen – Heimplatzbörse');
    // every call of the page answered first: an answer arriving after the clock's jump counts as
    // activity at the jumped time (under load one did, and the warning came later than the test looked)
    await page.waitForLoadState('networkidle');
    const dialog = page.getByRole('alertdialog', { name: 'Ihre Sitzung läuft bald ab' });
    // the clock's jump drops the socket, and its reconnect refreshes the waiting count, a call that
    // (rightly) extends the session; a user idle on a working network has no such reconnect
    await page.route('**/api/v1/notifications/summary', (r) => r.abort());
    // not yet: seven minutes of ten idle
    await page.clock.runFor(7 * 60_000);
    expect(await dialog.count()).toBe(0);
    // two minutes (and the server's 30 s of slack) before the end
    await page.clock.runFor(30_000 + 5_000);
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Angemeldet bleiben');
    await expectAccessible(page, 'session-warning');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // the session is still alive on the server
    expect((await sql`select count(*)::int as n from sessions where user_id = ${caseworker.id}`)[0].n).toBe(1);
    await page.close();
  }, 60_000);
});
