import { beforeAll, afterAll, describe, expect, it, inject } from 'vitest';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { CommitCutter } from '../helpers/commit-cutter';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// the server talks to the database through a proxy that breaks the connection once the database
// committed, before its answer arrives: the change is saved, the server cannot know it
const serverEnv: Record<string, string> = {};
let cutter: CommitCutter;
beforeAll(async () => {
  const url = new URL(inject('databaseUrl'));
  cutter = new CommitCutter({ host: url.hostname, port: Number(url.port) });
  await cutter.listen();
  serverEnv.DATABASE_URL = cutter.url(inject('databaseUrl'));
});
const env = useBrowserAndServer(serverEnv);
afterAll(() => cutter.close());

describe('a request whose saving broke off during COMMIT (503 OUTCOME_UNKNOWN)', () => {
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 1366, height: 900 },
  ]) {
    it(`says in German that it is not certain whether it was saved; sending again makes one request (${viewport.width})`, async () => {
      const sql = env.server.ctx.sql;
      const office = await makeOrg(sql, 'office', { name: 'Jugendamt Verbindung' });
      const caseworker = await makeUser(sql, office, 'caseworker');
      const provider = await makeOrg(sql, 'provider', { name: 'Träger Verbindung gGmbH' });
      const unit = await makeUnit(sql, provider, await makeFacility(sql, provider), { name: 'Wohngruppe Leitungsweg', freePlaces: 1 });

      const cw = await newPage(env.browser, viewport);
      await loginViaForm(cw, env.server.url, caseworker.email, PASSWORD);
      await cw.goto(`${env.server.url}/anfragen/neu?units=${unit.id}&names=${encodeURIComponent(JSON.stringify({ [unit.id]: 'Wohngruppe Leitungsweg' }))}`);
      await cw.getByRole('heading', { name: 'Belegungsanfrage stellen' }).waitFor();
      await cw.getByLabel(/Aktenzeichen Ihres Amts/).fill(`ASD-2026-08${viewport.width % 100}`);
      await cw.getByLabel(/Alter in Jahren/).fill('15');
      await cw.getByLabel(/^Geschlecht/).selectOption('female');
      await cw.getByLabel(/Gewünschter Beginn/).fill('2026-12-07');
      await cw.getByRole('radio', { name: 'Regulär' }).check();

      const cut = cutter.arm(/^\s*commit\s*$/i, 'after', { within: /insert into placement_requests/i });
      await cw.getByRole('button', { name: 'Anfrage senden' }).click();
      const alert = cw.getByRole('alert').filter({ hasText: 'Ob Ihre Änderung gespeichert wurde, ist nicht sicher' });
      await alert.waitFor();
      await cut;
      // it was saved, the page cannot know it: nothing typed is lost
      const count = async () => (await sql`select count(*)::int as n from placement_requests where unit_id = ${unit.id}`)[0]!.n as number;
      expect(await count()).toBe(1);
      expect(await cw.getByLabel(/Alter in Jahren/).inputValue()).toBe('15');
      expect(await cw.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectAccessible(cw, `outcome-unknown-${viewport.width}`);

      // sending again (same action, same key) shows the request saved the first time, not a second one
      await cw.getByRole('button', { name: 'Anfrage senden' }).click();
      await cw.getByRole('heading', { name: 'Wohngruppe Leitungsweg' }).waitFor();
      await cw.locator('.status-badge', { hasText: 'offen' }).waitFor();
      expect(await count()).toBe(1);
      await cw.close();
    });
  }
});
