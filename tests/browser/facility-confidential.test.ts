import { describe, expect, it } from 'vitest';
import { uniqueWord } from '../api/directory-fixture';
import { expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

const PHONE = { width: 360, height: 740 };
const env = useBrowserAndServer();

describe('a confidential facility address, from the editor to the public page (360 × 740)', () => {
  it('the provider ticks "Adresse vertraulich"; the public offer page shows the town only and says so', async () => {
    const sql = env.server.ctx.sql;
    const word = uniqueWord();
    const org = await makeOrg(sql, 'provider', { name: `Schutzverein ${word}` });
    const admin = await makeUser(sql, org, 'provider_admin');
    const f = await makeFacility(sql, org, { name: `Schutzhaus ${word}`, postcode: '50823', city: 'Köln' });
    const u = await makeUnit(sql, org, f, { name: `Schutzwohnung ${word}`, serviceTypes: ['frauenhaus-gewaltschutz'], ageMin: 0, ageMax: 27 });

    const page = await newPage(env.browser, PHONE);
    await loginViaForm(page, env.server.url, admin.email, PASSWORD);
    await page.goto(`${env.server.url}/belegung/einrichtungen`);
    await page.getByRole('button', { name: `Schutzhaus ${word} bearbeiten` }).click();
    const box = page.getByLabel('Adresse vertraulich (nur Ort öffentlich zeigen)');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await expectAccessible(page, 'provider-facility-confidential-360');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('status').filter({ hasText: `Schutzhaus ${word}` }).waitFor();
    const [row] = await sql`select address_confidential from facilities where id = ${f.id}`;
    expect(row.addressConfidential).toBe(true);

    await page.goto(`${env.server.url}/verzeichnis/angebot/${u.id}`);
    await page.getByRole('heading', { name: `Schutzwohnung ${word}`, level: 1 }).waitFor();
    const text = await page.locator('main').textContent();
    expect(text).not.toContain('Teststraße 1');
    expect(text).toContain('50823 Köln');
    expect(text).toContain('Die genaue Adresse ist vertraulich');
    expect(text).toContain('Die Karte zeigt nur den Ort');
    await expectAccessible(page, 'directory-offer-confidential-360');
    await page.context().close(); // the whole context, so nothing is left closing when the browser ends
  });
});
