import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NavigatorAnswer, NavigatorDialogue } from '../../shared/schemas/navigator';
import { isNationalHelpNumber, phoneDigits } from '../../shared/help-numbers';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg } from '../helpers/factories';

// Safety: the navigator never shows a contact of another district. Every district is asked, and
// every branch of the dialogue in the demo districts and in districts without a dialogue of their own.

const DEMO = ['05315', '14713', '01003', '07339'];
// districts without a dialogue of their own: with an office (and its night number), with only a main number, with none
const GENERAL_WITH_OFFICE = '09162'; // München
const GENERAL_MAIN_ONLY = '08111'; // Stuttgart
const GENERAL_NO_OFFICE = '16063'; // Wartburgkreis

let t: TestContext;
let districts: string[];
beforeAll(async () => {
  t = await createTestContext();
  districts = (await t.ctx.sql<{ ags: string }[]>`select ags from districts order by ags`).map((r) => r.ags);
  // an office with its own numbers in many districts, so a number shown in the wrong district would be seen
  let i = 0;
  for (const ags of [...DEMO, GENERAL_WITH_OFFICE, ...districts.filter((_, k) => k % 16 === 3)]) {
    if (ags === GENERAL_MAIN_ONLY || ags === GENERAL_NO_OFFICE) continue;
    const o = await makeOrg(t.ctx.sql, 'office', { name: `Jugendamt ${ags}`, districtAgs: ags });
    i++;
    await t.ctx.sql`update organisations set phone = ${`0${ags} 10-${i}`}, emergency_phone = ${`0${ags} 99-${i}`} where id = ${o.id}`;
  }
  const main = await makeOrg(t.ctx.sql, 'office', { name: 'Jugendamt Stuttgart (Test)', districtAgs: GENERAL_MAIN_ONLY });
  await t.ctx.sql`update organisations set phone = '0711 216-0', emergency_phone = null where id = ${main.id}`;
  await t.ctx.sql`delete from navigator_dialogues where district_ags in ${t.ctx.sql([GENERAL_WITH_OFFICE, GENERAL_MAIN_ONLY, GENERAL_NO_OFFICE])}`;
});
afterAll(async () => {
  await t?.close();
});

/** Every phone a district may show: nationwide ones and those of its own offices. */
async function allowedFor(ags: string): Promise<(phone: string) => boolean> {
  const rows = await t.ctx.sql<{ phone: string | null; emergencyPhone: string | null }[]>`
    select phone, emergency_phone from organisations where kind = 'office' and district_ags = ${ags}`;
  const own = new Set(rows.flatMap((r) => [r.phone, r.emergencyPhone]).filter((p): p is string => !!p).map(phoneDigits));
  return (phone) => isNationalHelpNumber(phone) || own.has(phoneDigits(phone));
}

/** Every walk through a dialogue to an end (results, or emergency contacts on the way). */
function allWalks(d: NavigatorDialogue): NavigatorAnswer[][] {
  const steps = new Map(d.steps.map((s) => [s.id, s]));
  const out: NavigatorAnswer[][] = [];
  const go = (id: string, answers: NavigatorAnswer[], depth: number) => {
    const s = steps.get(id)!;
    if (depth > 30) throw new Error('dialogue too deep');
    if (s.kind === 'results') return void out.push(answers);
    if (s.kind === 'emergency') {
      out.push(answers); // the results at the emergency step itself
      if (s.next) go(s.next, [...answers, { step: s.id }], depth + 1);
      return;
    }
    if (s.kind === 'postcode') return go(s.next, [...answers, { step: s.id }], depth + 1);
    for (const o of s.options) go(o.next, [...answers, { step: s.id, option: o.id }], depth + 1);
  };
  go(d.start, [], 0);
  return out.filter((a) => a.length > 0);
}

const phonesOf = (body: { emergency: { phone: string }[]; contacts: { phone: string }[] }) => [...body.emergency, ...body.contacts].map((c) => c.phone);

describe('navigator: where you live decides the contacts', () => {
  it('finds the district of a postcode or town, and offers a choice where several match', async () => {
    const leipzig = await request(t.app).get('/api/v1/navigator/places').query({ q: '04277' });
    expect(leipzig.status).toBe(200);
    expect(leipzig.body).toEqual({ postcode: '04277', items: [{ ags: '14713', name: 'Leipzig', towns: ['Leipzig'], ownGuide: true }] });
    const town = await request(t.app).get('/api/v1/navigator/places').query({ q: 'lübeck' });
    expect(town.body.items.map((p: { ags: string }) => p.ags)).toEqual(['01003']);
    expect(town.body.postcode).toBeNull();
    // a postcode that spans districts
    const [multi] = await t.ctx.sql<{ code: string; n: number }[]>`select code, count(*)::int as n from postcode_districts group by code having count(*) > 1 limit 1`;
    const several = await request(t.app).get('/api/v1/navigator/places').query({ q: multi.code });
    expect(several.body.items).toHaveLength(multi.n);
    // a county and a city of the same name are told apart
    const names = (await request(t.app).get('/api/v1/navigator/places').query({ q: 'Leipzig' })).body.items.map((p: { name: string }) => p.name);
    expect(names).toContain('Leipzig');
    const unknown = await request(t.app).get('/api/v1/navigator/places').query({ q: '00000' });
    expect(unknown.body).toEqual({ postcode: null, items: [] });
    const bad = await request(t.app).get('/api/v1/navigator/places').query({ q: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('query.q');
  });

  it("shows in no district's emergency contacts a number of another district (all districts)", async () => {
    expect(districts.length).toBeGreaterThan(400);
    for (const ags of districts) {
      const allowed = await allowedFor(ags);
      const res = await request(t.app).get(`/api/v1/navigator/dialogues/${ags}`);
      expect(res.status, ags).toBe(200);
      expect(res.body.dialogue.municipality.ags).toBe(ags);
      for (const c of [...res.body.emergency.de, ...res.body.emergency.en]) expect(allowed(c.phone), `${ags}: ${c.name} ${c.phone}`).toBe(true);
      expect(res.body.emergency.de[0].phone).toBe('110');
    }
  }, 120_000);

  it('shows in every branch only nationwide numbers and the own office (demo districts and districts without a dialogue)', async () => {
    for (const ags of [...DEMO, GENERAL_WITH_OFFICE, GENERAL_MAIN_ONLY, GENERAL_NO_OFFICE]) {
      const allowed = await allowedFor(ags);
      const view = (await request(t.app).get(`/api/v1/navigator/dialogues/${ags}`)).body;
      const walks = allWalks(view.dialogue);
      expect(walks.length).toBeGreaterThan(20);
      for (const answers of walks) {
        const res = await request(t.app).post(`/api/v1/navigator/dialogues/${ags}/results`).send({ answers, locale: 'de' });
        expect(res.status, `${ags} ${JSON.stringify(answers)}: ${JSON.stringify(res.body)}`).toBe(200);
        for (const p of phonesOf(res.body)) expect(allowed(p), `${ags} ${JSON.stringify(answers)}: ${p}`).toBe(true);
        if (res.body.acuteDanger) expect(res.body.emergency[0].phone).toBe('110');
      }
    }
  }, 180_000); // about 200 walks; 12 s on a quiet machine

  it('in every district, the danger branch and the fullest branch show no other district\'s number', async () => {
    const general = (await request(t.app).get(`/api/v1/navigator/dialogues/${GENERAL_NO_OFFICE}`)).body.dialogue as NavigatorDialogue;
    const walks = allWalks(general);
    const danger = walks.find((w) => w.some((a) => a.option === 'self-danger'))!;
    const violence = walks.find((w) => w.some((a) => a.option === 'self-violence') && w.at(-1)?.step === 'self-urgency')!;
    for (const ags of districts) {
      const own = (await request(t.app).get(`/api/v1/navigator/dialogues/${ags}`)).body;
      if (own.source !== 'general') continue; // own dialogues are walked in full above
      const allowed = await allowedFor(ags);
      for (const answers of [danger, violence]) {
        const res = await request(t.app).post(`/api/v1/navigator/dialogues/${ags}/results`).send({ answers });
        expect(res.status, ags).toBe(200);
        for (const p of phonesOf(res.body)) expect(allowed(p), `${ags}: ${p}`).toBe(true);
      }
    }
  }, 180_000); // every district: about 800 requests

  it('uses the general dialogue with the district\'s own office, or says plainly that none is known', async () => {
    const withOffice = (await request(t.app).get(`/api/v1/navigator/dialogues/${GENERAL_WITH_OFFICE}`)).body;
    expect(withOffice.source).toBe('general');
    expect(withOffice.districtName).toBe('München');
    expect(withOffice.dialogue.title.de).toBe('Hilfe-Lotse München');
    expect(withOffice.emergency.de.map((c: { phone: string }) => c.phone)).toContain(withOffice.office.emergencyPhone);
    const mainOnly = (await request(t.app).get(`/api/v1/navigator/dialogues/${GENERAL_MAIN_ONLY}`)).body;
    const office = mainOnly.emergency.de.find((c: { phone: string }) => c.phone === '0711 216-0');
    expect(office.hours).toContain('Dienstzeiten'); // a day number is never passed off as a night service
    const none = (await request(t.app).get(`/api/v1/navigator/dialogues/${GENERAL_NO_OFFICE}`)).body;
    expect(none.office).toBeNull();
    expect(none.districtName).toBe('Wartburgkreis');
    expect(none.emergency.de.every((c: { phone: string }) => isNationalHelpNumber(c.phone))).toBe(true);
  });
});
