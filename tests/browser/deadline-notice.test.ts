import { describe, expect, it } from 'vitest';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

const env = useBrowserAndServer();

describe('a request answered by the deadline (504)', () => {
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 1366, height: 900 },
  ]) {
    it(`says in German that nothing was saved, keeps the input, and a retry sends it (${viewport.width})`, async () => {
      const sql = env.server.ctx.sql;
      const office = await makeOrg(sql, 'office', { name: 'Jugendamt Frist' });
      const caseworker = await makeUser(sql, office, 'caseworker');
      const provider = await makeOrg(sql, 'provider', { name: 'Träger Frist gGmbH' });
      const unit = await makeUnit(sql, provider, await makeFacility(sql, provider), { name: 'Wohngruppe Fristweg', freePlaces: 1 });

      const cw = await newPage(env.browser, viewport);
      await loginViaForm(cw, env.server.url, caseworker.email, PASSWORD);
      await cw.goto(`${env.server.url}/anfragen/neu?units=${unit.id}&names=${encodeURIComponent(JSON.stringify({ [unit.id]: 'Wohngruppe Fristweg' }))}`);
      await cw.getByRole('heading', { name: 'Belegungsanfrage stellen' }).waitFor();
      await cw.getByLabel(/Aktenzeichen Ihres Amts/).fill('ASD-2026-0777');
      await cw.getByLabel(/Alter in Jahren/).fill('15');
      await cw.getByLabel(/^Geschlecht/).selectOption('female');
      await cw.getByLabel(/Gewünschter Beginn/).fill('2026-12-07');
      await cw.getByRole('radio', { name: 'Regulär' }).check();
      // the answer the deadline gives (the server's own is tested in tests/api/requests-deadline.test.ts)
      await cw.route('**/api/v1/requests', (route) =>
        route.request().method() === 'POST'
          ? route.fulfill({ status: 504, contentType: 'application/json', headers: { 'Retry-After': '5' }, body: JSON.stringify({ error: { code: 'DATABASE_TIMEOUT', message: 'The request took too long; please try again', requestId: 'r-1' } }) })
          : route.continue(),
      );
      await cw.getByRole('button', { name: 'Anfrage senden' }).click();
      const alert = cw.getByRole('alert').filter({ hasText: 'es wurde nichts gespeichert oder geändert' });
      await alert.waitFor();
      expect(await cw.getByLabel(/Alter in Jahren/).inputValue()).toBe('15');
      expect(await cw.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectAccessible(cw, `deadline-notice-${viewport.width}`);

      await cw.unroute('**/api/v1/requests');
      await cw.getByRole('button', { name: 'Anfrage senden' }).click();
      await cw.getByRole('heading', { name: 'Wohngruppe Fristweg' }).waitFor();
      await cw.locator('.status-badge', { hasText: 'offen' }).waitFor();
      const [{ n }] = await sql`select count(*)::int as n from placement_requests where unit_id = ${unit.id}`;
      expect(n).toBe(1);
      await cw.close();
    });
  }
});
