import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoutes, publicRoutes, ROLE_HOME } from '../../client/src/app/routes';
import type { Role } from '../../shared/schemas/common';
import type { RunningServer } from '../../server/index';
import { expectAccessible, launchBrowser, loginViaForm, newPage } from '../helpers/browser';
import { startTestServer } from '../helpers/context';
import { makeOrg, makeUser, PASSWORD, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { scanScreen, taxonomyCodes } from '../helpers/screen-scan';

let server: RunningServer;
let browser: Browser;
const ids: Record<string, string> = {};
const orgs: Record<string, OrgRow> = {};
let codes: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  const sql = server.ctx.sql;
  orgs.office = await makeOrg(sql, 'office', { name: 'Jugendamt Bildschirmtest' });
  orgs.provider = await makeOrg(sql, 'provider', { name: 'Träger Bildschirmtest' });
  orgs.platform = await makeOrg(sql, 'platform');
  const facility = await makeFacility(sql, orgs.provider, { name: 'Haus Bildschirm' });
  const unit = await makeUnit(sql, orgs.provider, facility, { name: 'Wohngruppe Bildschirm', freePlaces: 2, emergencyIntake: true, emergencyPhone: '0221 123456' });
  ids.unit = unit.id;
  const caseworker = await makeUser(sql, orgs.office, 'caseworker');
  const [r] = await sql`insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, needs, conditions, desired_start, urgency)
    values (gen_random_uuid(), ${orgs.office.id}, ${caseworker.id}, ${unit.id}, ${orgs.provider.id}, 'SCR-1', 11, 'female', ${['trauma']}, ${['acute-psychosis']}, current_date, 'regular') returning id`;
  ids.request = r.id;
  codes = await taxonomyCodes(sql);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ROLES: Role[] = ['caseworker', 'oncall', 'office_admin', 'provider_staff', 'provider_admin', 'platform_admin'];
const orgOf = (role: Role) => (role.startsWith('provider') ? orgs.provider : role === 'platform_admin' ? orgs.platform : orgs.office);
const concrete = (path: string) => path.replace('/faelle/:caseRef', '/faelle/SCR-1').replace('/anfragen/:id', `/anfragen/${ids.request}`).replace('/belegung/angebote/:id', `/belegung/angebote/${ids.unit}`);
const slug = (path: string) => path.replace(/\//g, '_').replace(/:(id|caseRef)/g, 'id') || 'home';

const CLIENT = join(import.meta.dirname, '..', '..', 'client', 'src');
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
/** The German text of an i18n key as the client resolves it (app texts, or a feature's own file). */
function german(key: string): string {
  const [head, ...rest] = key.split('.');
  const app = json(join(CLIENT, 'i18n', 'de.json'));
  let node: unknown = head in app ? app[head] : json(join(CLIENT, 'features', head, 'i18n', 'de.json'));
  for (const k of rest) node = (node as Record<string, unknown>)[k];
  return String(node);
}
/** Routes whose page names itself more precisely than its route's title. */
const PRECISE: Record<string, string> = { '/anfragen/:id': 'Anfrage an Wohngruppe Bildschirm', '/faelle/:caseRef': 'Fall SCR-1' };

/**
 * WCAG 2.4.2: "<page> – Heimplatzbörse", the page's own name first, never the bare app name; in front
 * the count of requests waiting for the user (the NotificationCenter's): the provider side has the one
 * request made above waiting, the other roles none.
 */
async function expectTitled(page: Page, title: string, role: Role) {
  const waiting = role.startsWith('provider') ? '(1) ' : '';
  await expect.poll(() => page.title()).toBe(`${waiting}${title} – Heimplatzbörse`);
}

describe('every screen of every role: no axe violations, German only, no sideways scrolling at 360 px (screenshots in test-artifacts/)', () => {
  it.each(ROLES)('%s', async (role) => {
    const user = await makeUser(server.ctx.sql, orgOf(role), role);
    for (const width of [1280, 360]) {
      const page = await newPage(browser, { width, height: width === 360 ? 740 : 900 });
      await loginViaForm(page, server.url, user.email, PASSWORD);
      for (const r of appRoutes.filter((x) => x.roles.includes(role))) {
        await page.goto(`${server.url}${concrete(r.path)}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle').catch(() => {});
        // '/' leads a role with a home of its own there (the on-call worker to /notfall)
        const shown = r.path === '/' && ROLE_HOME[role] ? appRoutes.find((x) => x.path === ROLE_HOME[role])! : r;
        await expectTitled(page, PRECISE[shown.path] ?? german(shown.title), role);
        await expectAccessible(page, `screen-${role}${slug(r.path)}-${width}`);
        await scanScreen(page, `${role} ${r.path} at ${width} px`, codes);
      }
      await page.close();
    }
    // eight screens at two widths for an office admin, each checked by axe and by the language and
    // width scans: more than the default minute on a busy machine
  }, 240_000);

  it('public screens', async () => {
    for (const width of [1280, 360]) {
      const page = await newPage(browser, { width, height: width === 360 ? 740 : 900 });
      for (const r of publicRoutes) {
        await page.goto(`${server.url}${r.path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle').catch(() => {});
        await expectAccessible(page, `screen-public${slug(r.path)}-${width}`);
        await scanScreen(page, `public ${r.path} at ${width} px`, codes);
      }
      await page.close();
    }
  }, 120_000);
});
