import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, loginViaForm, newPage } from '../helpers/browser';
import { startTestServer } from '../helpers/context';
import { makeOrg, makeUser, PASSWORD } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/index';

const PHONE = { width: 360, height: 740 };
const DESK = { width: 1366, height: 900 };
let sink: SmtpSink;
let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  sink = await startSmtpSink();
  browser = await launchBrowser();
  // JOBS_ENABLED=false: the test runs the freshness check itself, once
  server = await startTestServer({ SMTP_URL: sink.url });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

async function noSideways(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** A provider with two units unconfirmed for 50 hours, reminded through the local SMTP sink. */
async function remindedProvider() {
  const sql = server.ctx.sql;
  const org = await makeOrg(sql, 'provider', { name: 'Träger Linktest' });
  const staff = await makeUser(sql, org, 'provider_staff');
  const f = await makeFacility(sql, org, { name: 'Haus am See' });
  const old = new Date(Date.now() - 50 * 3_600_000).toISOString();
  const a = await makeUnit(sql, org, f, { name: 'Wohngruppe Linde', capacityTotal: 8, freePlaces: 2, lastConfirmedAt: old });
  const b = await makeUnit(sql, org, f, { name: 'Wohngruppe Eiche', capacityTotal: 6, freePlaces: 1, lastConfirmedAt: old });
  await server.ctx.jobs.run('freshness.check', { ownerId: org.id });
  const mail = await sink.waitFor((m) => m.to.includes(staff.email));
  const text = mail.text.replace(/\r\n/g, '\n');
  // the link as a person clicks it: relative to the server the mail names
  const link = (re: RegExp) => new URL(re.exec(text)![1]).pathname;
  return { sql, staff, a, b, mail, linde: link(/Wohngruppe Linde[^\n]*\n {2}Stimmt noch: (\S+)/), all: link(/Alles unverändert[^\n]*: (\S+)/), change: link(/Wohngruppe Eiche[^\n]*\n.*\n {2}Ändern: (\S+)/) };
}

describe('confirming from the reminder e-mail', () => {
  it('"Stimmt noch" from the captured mail: the page shows the unit, confirms only on the button, and says so in German', async () => {
    const r = await remindedProvider();
    const before = (await r.sql`select last_confirmed_at from units where id = ${r.a.id}`)[0].lastConfirmedAt;
    const page = await newPage(browser, PHONE);
    await page.goto(`${server.url}${r.linde}`);
    await page.getByRole('heading', { name: 'Platzzahlen bestätigen', level: 1 }).waitFor();
    await page.getByText('Wohngruppe Linde', { exact: true }).waitFor();
    expect(await page.getByText('Wohngruppe Eiche').count()).toBe(0);
    // opening the page confirmed nothing
    expect((await r.sql`select last_confirmed_at from units where id = ${r.a.id}`)[0].lastConfirmedAt).toBe(before);
    await noSideways(page, PHONE.width);
    await expectAccessible(page, 'confirm-link-360');

    await page.getByRole('button', { name: 'Stimmt noch – bestätigen' }).click();
    await page.getByRole('status').filter({ hasText: 'Diese Angabe gilt jetzt wieder als aktuell' }).waitFor();
    const after = (await r.sql`select last_confirmed_at from units where id = ${r.a.id}`)[0].lastConfirmedAt;
    expect(Date.now() - Date.parse(after)).toBeLessThan(60_000);
    const untouched = (await r.sql`select last_confirmed_at from units where id = ${r.b.id}`)[0].lastConfirmedAt;
    expect(untouched).toBe(before);
    await expectAccessible(page, 'confirm-link-done-360');

    // the same link again: it says it was used
    await page.goto(`${server.url}${r.linde}`);
    await page.getByText(/Dieser Link wurde bereits am .* verwendet/).waitFor();
    expect(await page.getByRole('button', { name: /bestätigen/ }).count()).toBe(0);
    await page.close();
  });

  it('"Alles unverändert" on a desktop confirms both; "Ändern" leads through the login straight to the unit', async () => {
    const r = await remindedProvider();
    const page = await newPage(browser, DESK);
    await page.goto(`${server.url}${r.all}`);
    await page.getByText('Stimmen diese 2 Angaben noch?', { exact: false }).waitFor();
    await noSideways(page, DESK.width);
    await expectAccessible(page, 'confirm-link-all-1366');
    await page.getByRole('button', { name: 'Alles unverändert – alle bestätigen' }).click();
    await page.getByRole('status').filter({ hasText: 'Diese 2 Angaben gelten jetzt wieder als aktuell' }).waitFor();
    const rows = await r.sql`select last_confirmed_at from units where id in ${r.sql([r.a.id, r.b.id])}`;
    for (const row of rows) expect(Date.now() - Date.parse(row.lastConfirmedAt)).toBeLessThan(60_000);

    expect(r.change).toBe(`/belegung/angebote/${r.b.id}`);
    const edit = await newPage(browser, PHONE);
    await loginViaForm(edit, `${server.url}${r.change}`, r.staff.email, PASSWORD);
    await edit.getByRole('textbox', { name: /^Name des Angebots/ }).waitFor();
    expect(await edit.getByRole('textbox', { name: /^Name des Angebots/ }).inputValue()).toBe('Wohngruppe Eiche');
    expect(new URL(edit.url()).pathname).toBe(`/belegung/angebote/${r.b.id}`);
    await edit.close();
    await page.close();
  });
});
