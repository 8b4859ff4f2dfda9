import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newPage, useBrowserAndServer } from '../helpers/browser';
import { login, makeOrg, makeUser, PASSWORD, type OrgRow } from '../helpers/factories';
import { expectSaidOnce, recordAnnouncements } from '../helpers/keyboard';
import { makeFacility, makeUnit } from '../helpers/places';

const env = useBrowserAndServer();

/** The deadline passes: the escalation job runs for the office's newest emergency group (jobs are not worked in tests). */
async function deadlinePasses(officeId: string) {
  const [g] = await env.server.ctx.sql<{ groupId: string }[]>`select group_id from emergency_escalations where office_id = ${officeId} and escalated_at is null`;
  await env.server.ctx.jobs.run('requests.escalate', { groupId: g.groupId });
}

const KM_PER_DEG_LAT = 111.2;

async function pointOf(code: string) {
  const [p] = await env.server.ctx.sql<{ lat: number; lon: number }[]>`select lat, lon from postcodes where code = ${code}`;
  return p;
}

/** A 24/7 unit `km` north (negative: south) of a point. */
async function emergencyUnit(provider: OrgRow, name: string, at: { lat: number; lon: number }, km: number, phone: string) {
  const f = await makeFacility(env.server.ctx.sql, provider, { lat: at.lat + km / KM_PER_DEG_LAT, lon: at.lon });
  return makeUnit(env.server.ctx.sql, provider, f, { name, serviceTypes: ['42'], emergencyIntake: true, emergencyPhone: phone, ageMin: 0, ageMax: 17, freePlaces: 1 });
}

/** Counts every tap (click, check) the test makes on the page. */
function tapper(page: Page) {
  const t = { count: 0 };
  return {
    t,
    click: async (l: ReturnType<Page['getByRole']>) => {
      t.count++;
      await l.click();
    },
  };
}

const COUNT_SOUND = () => {
  const w = window as unknown as { __tones: number };
  w.__tones = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, ...a: [number?]) {
    w.__tones++;
    return start.apply(this, a);
  };
};

describe('the on-call flow on a phone (360×740)', () => {
  it('from login to a sent emergency request in at most 5 taps; nearest 3 chosen, far ones behind "weiter entfernte zeigen"; answers live', async () => {
    const sql = env.server.ctx.sql;
    const child = await pointOf('83471');
    const provider = await makeOrg(sql, 'provider', { name: 'Träger Berchtesgadener Land' });
    const staff = await login(env.server.url, await makeUser(sql, provider, 'provider_staff'));
    const a = await emergencyUnit(provider, 'Notaufnahme A (2 km)', child, 2, '08652 100');
    await emergencyUnit(provider, 'Notaufnahme B (10 km)', child, 10, '08652 200');
    await emergencyUnit(provider, 'Notaufnahme C (30 km)', child, 30, '08652 300');
    await emergencyUnit(provider, 'Notaufnahme D (60 km)', child, 60, '08652 400');
    await emergencyUnit(provider, 'Notaufnahme E (150 km)', child, 150, '0941 500');
    const office = await makeOrg(sql, 'office', { name: 'Jugendamt Berchtesgaden' });
    const oncall = await makeUser(sql, office, 'oncall');

    const page = await newPage(env.browser, { width: 360, height: 740 });
    const tap = tapper(page);
    await page.goto(env.server.url);
    await page.getByLabel('E-Mail-Adresse').fill(oncall.email);
    await page.getByLabel(/^Passwort/).fill(PASSWORD);
    await tap.click(page.getByRole('button', { name: 'Anmelden' }));
    // the role's home: straight to the emergency search
    await page.getByRole('heading', { name: 'Notaufnahme finden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/notfall');
    await page.getByLabel('Alter des Kindes').fill('9');
    await tap.click(page.getByLabel('männlich'));
    await page.getByLabel('Postleitzahl').fill('83471');
    await tap.click(page.getByRole('button', { name: 'Plätze suchen' }));

    await page.getByRole('link', { name: /Notaufnahme A \(2 km\) anrufen/ }).waitFor();
    const titles = await page.locator('.card-title').allTextContents();
    expect(titles).toEqual(['Notaufnahme A (2 km)', 'Notaufnahme B (10 km)', 'Notaufnahme C (30 km)', 'Notaufnahme D (60 km)']);
    // every card can be called
    expect(await page.locator('.card a[href^="tel:"]').count()).toBe(4);
    for (const n of ['A (2 km)', 'B (10 km)', 'C (30 km)']) expect(await page.getByLabel(`Für Anfrage auswählen: Notaufnahme ${n}`).isChecked()).toBe(true);
    expect(await page.getByLabel('Für Anfrage auswählen: Notaufnahme D (60 km)').isChecked()).toBe(false);
    const send = page.getByRole('button', { name: 'Notfallanfrage an 3 Einrichtungen senden' });
    // the send button sits at the bottom of the screen, small, and covers no card once scrolled to the end
    const bar = (await page.locator('.send-bar').boundingBox())!;
    expect(bar.height).toBeLessThanOrEqual(80);
    expect(bar.y + bar.height).toBeGreaterThan(740 - 90);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const lastCard = (await page.locator('.cards .card').last().boundingBox())!;
    const barAtEnd = (await page.locator('.send-bar').boundingBox())!;
    expect(lastCard.y + lastCard.height).toBeLessThanOrEqual(barAtEnd.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'oncall-results-360');

    await tap.click(send);
    await page.getByText('Notfallanfrage gesendet').waitFor();
    expect(tap.t.count).toBeLessThanOrEqual(5);
    console.log(`on-call flow: ${tap.t.count} taps from login to a sent emergency request`);
    const reqs = await sql`select unit_id, urgency from placement_requests where office_id = ${office.id}`;
    expect(reqs).toHaveLength(3);
    // escalation measures from the child's postcode, not from the first unit asked
    const [esc] = await sql`select ref_lat, ref_lon from emergency_escalations e join placement_requests r on r.group_id = e.group_id where r.unit_id = ${a.id}`;
    expect(esc).toEqual({ refLat: child.lat, refLon: child.lon });

    // the answer arrives on the status screen without a reload
    const reqA = reqs.find((r) => r.unitId === a.id)!;
    const [row] = await sql`select id from placement_requests where unit_id = ${reqA.unitId}`;
    await staff.post(`/api/v1/requests/${row.id}/accept`, {}).expect(200);
    await page.locator('.emergency-status .card', { hasText: 'Notaufnahme A (2 km)' }).getByText('zugesagt').waitFor();
    await expectAccessible(page, 'oncall-status-360');

    // the far unit is only a tap away, not gone
    const again = await newPage(env.browser, { width: 360, height: 740 });
    await again.goto(env.server.url);
    await again.getByLabel('E-Mail-Adresse').fill(oncall.email);
    await again.getByLabel(/^Passwort/).fill(PASSWORD);
    await again.getByRole('button', { name: 'Anmelden' }).click();
    await again.getByLabel('Alter des Kindes').fill('9');
    await again.getByLabel('männlich').check();
    await again.getByLabel('Postleitzahl').fill('83471');
    await again.getByRole('button', { name: 'Plätze suchen' }).click();
    await again.getByRole('button', { name: 'Weiter entfernte zeigen' }).click();
    await again.getByRole('link', { name: /Notaufnahme E \(150 km\) anrufen/ }).waitFor();
    await again.close();
    await page.close();
  });

  it('nobody answers: the escalation comes on top with sound, the next unit measured from the child, then the fallback numbers when none is left', async () => {
    const sql = env.server.ctx.sql;
    const child = await pointOf('25992');
    const provider = await makeOrg(sql, 'provider', { name: 'Träger Nordfriesland' });
    const north = await emergencyUnit(provider, 'Notaufnahme Nord (3 km)', child, 3, '04651 100');
    const south = await emergencyUnit(provider, 'Notaufnahme Süd (40 km)', child, -40, '04651 200');
    const office = await makeOrg(sql, 'office', { name: 'Jugendamt Nordfriesland' });
    await sql`insert into office_fallback_contacts (office_id, kind, label, phone, position)
      values (${office.id}, 'office_oncall', 'Rufbereitschaft Jugendamt', '04841 67 0', 0), (${office.id}, 'state_office', 'Landesjugendamt Schleswig-Holstein', '0431 988 0', 1)`;
    const oncall = await makeUser(sql, office, 'oncall');

    const page = await newPage(env.browser, { width: 360, height: 740 });
    await page.addInitScript(COUNT_SOUND);
    await recordAnnouncements(page);
    await page.goto(env.server.url);
    await page.getByLabel('E-Mail-Adresse').fill(oncall.email);
    await page.getByLabel(/^Passwort/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByLabel('Alter des Kindes').fill('15');
    await page.getByLabel('weiblich').check();
    await page.getByLabel('Postleitzahl').fill('25992');
    await page.getByRole('button', { name: 'Plätze suchen' }).click();
    await page.getByLabel('Für Anfrage auswählen: Notaufnahme Süd (40 km)').uncheck();
    await page.getByRole('button', { name: 'Notfallanfrage an 1 Einrichtung senden' }).click();
    await page.getByText('Notfallanfrage gesendet').waitFor();
    // sent: said once through the shell's live region; the focus on the status screen's banner
    await expectSaidOnce(page, 'Notfallanfrage an 1 Einrichtung verschickt.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('emergency-sent');
    expect(await page.locator('.escalation').count()).toBe(0);
    await deadlinePasses(office.id);

    const box = page.locator('.escalation');
    await box.waitFor();
    // said once and urgently (the box is no second live region); the focus on its heading, with the numbers below
    await expectSaidOnce(page, 'Notfall: Noch keine Antwort – nächste Einrichtungen und Notrufnummern ansehen', 'assertive');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Noch keine Antwort – jetzt anrufen');
    // the status screen is in the URL (a reload keeps it), so the alert leading here covers nothing with a toast
    expect(new URL(page.url()).searchParams.get('gruppe')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.locator('.toast').count()).toBe(0);
    expect(await page.locator('[aria-live], [role="alert"], [role="status"]').evaluateAll((els) => els.filter((e) => e.closest('.emergency-status')).length)).toBe(0);
    // on top: above the answers, in view
    expect((await box.boundingBox())!.y).toBeLessThan((await page.getByRole('heading', { name: 'Antworten', exact: true }).boundingBox())!.y);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __tones: number }).__tones)).toBeGreaterThan(0);
    // the next unit, measured from the child's postcode (40 km), not from the unit asked first (43 km)
    const [d] = await sql<{ km: number }[]>`select round((earth_distance(ll_to_earth(${child.lat}, ${child.lon}), ll_to_earth(lat, lon)) / 1000)::numeric, 1)::float8 as km from units where id = ${south.id}`;
    expect(await box.locator('.card', { hasText: 'Notaufnahme Süd (40 km)' }).textContent()).toContain(`${d.km.toLocaleString('de')} km`);
    await box.getByRole('link', { name: /Rufbereitschaft Jugendamt/ }).waitFor();
    await expectAccessible(page, 'oncall-escalated-360');

    // the north unit filled its place by phone; ask the last unit: when nobody answers, no unit is
    // left and the fallback numbers lead
    await sql`update placement_requests set status = 'withdrawn', closed_at = now() where unit_id = ${north.id}`;
    await sql`update units set free_places = 0 where id = ${north.id}`;
    await page.goto(`${env.server.url}/notfall`);
    await page.getByLabel('Alter des Kindes').fill('15');
    await page.getByLabel('weiblich').check();
    await page.getByLabel('Postleitzahl').fill('25992');
    await page.getByRole('button', { name: 'Plätze suchen' }).click();
    await page.getByRole('button', { name: 'Notfallanfrage an 1 Einrichtung senden' }).click();
    await page.getByText('Notfallanfrage gesendet').waitFor();
    await deadlinePasses(office.id);
    const last = page.locator('.escalation');
    await last.getByText('Keine weitere Einrichtung mit freiem Notaufnahmeplatz gefunden.').waitFor();
    const call = last.getByRole('link', { name: /Landesjugendamt Schleswig-Holstein/ });
    expect(await call.getAttribute('href')).toBe('tel:04319880');
    await expectAccessible(page, 'oncall-fallback-360');
    await page.close();
  });
});
