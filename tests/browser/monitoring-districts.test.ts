import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoBoundaries } from '../../server/features/monitoring/districts-service';
import { ARTIFACTS, expectAccessible, loginViaForm, newPage, useBrowserAndServer } from '../helpers/browser';
import { lockBoundaries, square } from '../helpers/boundaries';
import { makeOrg, makeUser, PASSWORD, type UserRow } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// Burgenlandkreis (15084): in the demo boundaries, and no other test keeps units there
const D = '15084';
const t = useBrowserAndServer();
let unlock: () => Promise<void>;
let admin: UserRow;

beforeAll(async () => {
  const sql = t.server.ctx.sql;
  const provider = await makeOrg(sql, 'provider', { districtAgs: D, name: 'Träger Kreisgrenzen-Test' });
  const f = await makeFacility(sql, provider, { lat: 51.05, lon: 11.8, postcode: '06618', city: 'Naumburg' });
  const unit = await makeUnit(sql, provider, f, { name: 'Wohngruppe Naumburg', freePlaces: 7, capacityTotal: 9 });
  await sql`update units set district_ags = ${D} where id = ${unit.id}`;
  admin = await makeUser(sql, await makeOrg(sql, 'platform'), 'platform_admin');
});
// the boundaries are one set for the platform: each test holds it (helpers/boundaries) while it runs
beforeEach(async () => {
  unlock = await lockBoundaries(t.server.ctx.sql);
  await seedDemoBoundaries(t.server.ctx);
});
afterEach(async () => {
  await t.server.ctx.sql`delete from district_boundaries`;
  await unlock();
});

describe('monitoring map with district boundaries (screenshots in test-artifacts/)', () => {
  it.each([
    [1366, 900],
    [360, 740],
  ])('platform admin at %i×%i: districts shaded, each polygon reachable with its name and value, a legend; axe-clean', async (width, height) => {
    const page = await newPage(t.browser, { width, height });
    await loginViaForm(page, t.server.url, admin.email, PASSWORD);
    await page.goto(`${t.server.url}/monitoring?tage=30`);
    await page.getByRole('heading', { level: 1, name: /Monitoring der Region/ }).waitFor();
    const map = page.getByRole('region', { name: 'Karte der Kreisgrenzen: Verfügbare Plätze' });
    await map.waitFor();
    const polygons = map.locator('path[role="img"][tabindex="0"]');
    await expect.poll(() => polygons.count()).toBeGreaterThanOrEqual(40);
    const burgenland = map.getByRole('img', { name: 'Burgenlandkreis: 7 verfügbare Plätze' });
    // shaded by its class, not grey (no figure)
    expect(await burgenland.getAttribute('fill')).not.toBe('#d9d9d9');
    // the keyboard reaches it; the tooltip shows name and value while it has the focus
    await burgenland.focus();
    await expect.poll(() => page.locator('.leaflet-tooltip').innerText()).toBe('Burgenlandkreis: 7 verfügbare Plätze');
    const legend = page.locator('figure.choropleth-legend');
    expect(await legend.locator('figcaption').innerText()).toBe('Legende: Verfügbare Plätze je Kreis');
    expect(await legend.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, `monitoring-districts-${width}`);
    await page.locator('section:has(> #mon-map)').screenshot({ path: join(ARTIFACTS, `monitoring-districts-map-${width}.png`) });
    // the other figure: the same polygons in the second colour scheme
    await page.getByLabel('Kreise nach').selectOption('unmet');
    await page.getByRole('region', { name: 'Karte der Kreisgrenzen: Suchen ohne Treffer' }).waitFor();
    expect(await legend.locator('figcaption').innerText()).toBe('Legende: Suchen ohne Treffer je Kreis');
    // the same polygons, restyled in place with the other figure (none counted there: "< 5")
    await map.page().getByRole('img', { name: 'Burgenlandkreis: < 5 Suchen ohne Treffer' }).waitFor();
    // a keyboard user can skip the polygons: the link before the map leads to the legend
    await page.getByRole('link', { name: 'Karte überspringen (zur Legende)' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('mon-map-legend');
    await expectAccessible(page, `monitoring-districts-unmet-${width}`);
    await page.close();
  });

  it('the platform admin uploads a file: a bad one is refused naming the feature and field, a good one replaces the set, deleting goes back to circles', async () => {
    const page = await newPage(t.browser, { width: 1366, height: 900 });
    await loginViaForm(page, t.server.url, admin.email, PASSWORD);
    await page.goto(`${t.server.url}/monitoring?tage=30`);
    await page.getByText('Kreisgrenzen verwalten').click();
    const bad = join(ARTIFACTS, 'boundaries-bad.geojson');
    const feature = (ags: string) => ({ type: 'Feature', properties: { AGS: ags }, geometry: { type: 'Polygon', coordinates: square(11.8, 51.05, 0.2) } });
    writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [feature(D), feature('99999')] }));
    await page.getByLabel('GeoJSON-Datei').setInputFiles(bad);
    await page.getByRole('button', { name: 'Grenzen hochladen' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('Objekt 2: Unbekannter Kreisschlüssel: 99999.');
    expect(await alert.innerText()).toContain('features.1.properties.AGS');
    await expectAccessible(page, 'monitoring-districts-upload-error');
    await page.locator('details.boundary-upload').screenshot({ path: join(ARTIFACTS, 'monitoring-districts-upload-panel.png') });

    const good = join(ARTIFACTS, 'boundaries-good.geojson');
    writeFileSync(good, JSON.stringify({ type: 'FeatureCollection', features: [feature(D)] }));
    await page.getByLabel('GeoJSON-Datei').setInputFiles(good);
    await page.getByRole('button', { name: 'Grenzen hochladen' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Gespeichert: Grenzen von 1 Kreis (' }).count()).toBe(1);
    const map = page.getByRole('region', { name: 'Karte der Kreisgrenzen: Verfügbare Plätze' });
    await expect.poll(() => map.locator('path[role="img"]').count()).toBe(1);

    await page.getByRole('button', { name: 'Grenzen löschen (zurück zu Kreisen)' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Die Kreisgrenzen wurden gelöscht' }).count()).toBe(1);
    // the circle map again: circles at the district centres, no polygons
    const circles = page.locator('section.map-wrap[aria-label="Karte der Kreise"]');
    await expect.poll(() => circles.locator('path.leaflet-interactive').count()).toBeGreaterThan(0);
    expect(await page.locator('path[role="img"]').count()).toBe(0);
    await page.close();
  });
});
