import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Sql } from '../../server/db';
import { SEND_LIST_JOB } from '../../server/features/navigator/service';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { uniqueWord } from './directory-fixture';
import { dialogueFor } from './navigator-fixture';

// This file owns the dialogue of Emden (03402): the default dialogue's content, loaded for Emden.
const AGS = '03402';
const EMDEN = { lat: 53.3659, lon: 7.2085 };
const OFFICE_EMERGENCY = '04921 87-1111';
const OFFICE_PHONE = '04921 87-0';

let t: TestContext;
let sink: SmtpSink;
let owner: Sql;
const ids: Record<string, string> = {};
let word: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestContext({ env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://hilfe.example' }, jobs: true });
  owner = createDb(inject('databaseUrl'), { max: 1 });
  const { client: admin } = await userClient(t.app, t.ctx.sql, 'platform');
  const loaded = await admin.put(`/api/v1/navigator/dialogues/${AGS}`, dialogueFor(AGS, 'Emden', { ...EMDEN, radiusKm: 20 }));
  expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);

  word = uniqueWord();
  const office = await makeOrg(t.ctx.sql, 'office', { name: `Jugendamt Emden ${word}`, districtAgs: AGS });
  await t.ctx.sql`update organisations set phone = ${OFFICE_PHONE}, emergency_phone = ${OFFICE_EMERGENCY} where id = ${office.id}`;
  const provider = await makeOrg(t.ctx.sql, 'provider', { name: `Diakonie Emden ${word}` });
  const unverified = await makeOrg(t.ctx.sql, 'provider', { name: `Ungeprüft ${word}`, verified: false });
  const f = await makeFacility(t.ctx.sql, provider, { name: 'Beratungshaus', postcode: '26721', city: 'Emden', ...EMDEN });
  const fu = await makeFacility(t.ctx.sql, unverified, { postcode: '26721', city: 'Emden', ...EMDEN });
  const fk = await makeFacility(t.ctx.sql, provider, { name: 'Außenstelle Köln' }); // 230 km away
  const amb = { setting: 'ambulant' as const, capacityTotal: null, freePlaces: null };
  ids.beratung = (await makeUnit(t.ctx.sql, provider, f, { ...amb, name: `Erziehungsberatung ${word}`, serviceTypes: ['28'], ageMin: 0, ageMax: 21 })).id;
  ids.familienhilfe = (await makeUnit(t.ctx.sql, provider, f, { ...amb, name: `Familienhilfe ${word}`, serviceTypes: ['31'], ageMin: 0, ageMax: 17 })).id;
  ids.teens = (await makeUnit(t.ctx.sql, provider, f, { ...amb, name: `Beratung für Jugendliche ${word}`, serviceTypes: ['28'], ageMin: 14, ageMax: 21 })).id;
  ids.wohngruppe = (await makeUnit(t.ctx.sql, provider, f, { name: `Wohngruppe ${word}`, serviceTypes: ['34'], ageMin: 12, ageMax: 17 })).id;
  ids.unverified = (await makeUnit(t.ctx.sql, unverified, fu, { ...amb, name: `Ungeprüfte Beratung ${word}`, serviceTypes: ['28'] })).id;
  ids.far = (await makeUnit(t.ctx.sql, provider, fk, { ...amb, name: `Beratung Köln ${word}`, serviceTypes: ['28'], ageMin: 0, ageMax: 21 })).id;
});
afterAll(async () => {
  await t?.close();
  await owner?.end();
  await sink?.close();
});

const results = (answers: object[], locale = 'de') => request(t.app).post(`/api/v1/navigator/dialogues/${AGS}/results`).send({ answers, locale });
const PARENTING = [
  { step: 'concern', option: 'parenting' },
  { step: 'age', option: '6-11' },
  { step: 'where', value: '26721' },
  { step: 'urgency', option: 'days' },
];
const mine = (offers: { id: string }[]) => offers.filter((o) => Object.values(ids).includes(o.id));

describe('navigator walk-through of the default dialogue', () => {
  it('leads from concern, age, postcode and urgency to fitting offers, each with a one-line reason', async () => {
    const res = await results(PARENTING);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.acuteDanger).toBe(false);
    expect(res.body.emergency).toEqual([]);
    const offers = mine(res.body.offers);
    // Erziehungsberatung (28) and Familienhilfe (31) for a 6 to 11 year old, nearby and verified only
    expect(offers.map((o) => o.id).sort()).toEqual([ids.beratung, ids.familienhilfe].sort());
    const beratung = res.body.offers.find((o: { id: string }) => o.id === ids.beratung);
    expect(beratung.reason).toBe('Erziehungsberatung: passt zu „Fragen zur Erziehung oder Streit in der Familie“, für 0 bis 21 Jahre, 0 km entfernt');
    expect(beratung.reason).not.toContain('\n');
    expect(beratung).toMatchObject({ providerName: `Diakonie Emden ${word}`, address: 'Teststraße 1, 26721 Emden' });
    // general contacts for families, the office's own number among them
    const contacts = res.body.contacts.map((c: { phone: string }) => c.phone);
    expect(contacts).toEqual(expect.arrayContaining([OFFICE_PHONE, '0800 111 0 550']));
    expect(contacts).not.toContain('116 016');
    expect(res.body.summary[0]).toEqual({ question: 'Worum geht es? Wählen Sie, was am besten passt.', answer: 'Fragen zur Erziehung oder Streit in der Familie' });
  });

  it('speaks English when asked', async () => {
    const res = await results(PARENTING, 'en');
    const beratung = res.body.offers.find((o: { id: string }) => o.id === ids.beratung);
    expect(beratung.reason).toBe('Parenting counselling: fits “Questions about parenting or conflict in the family”, for ages 0 to 21, 0 km away');
  });

  it('shows emergency contacts at once on acute danger: police, the office emergency number, hotlines', async () => {
    const view = await request(t.app).get(`/api/v1/navigator/dialogues/${AGS}`);
    expect(view.body.emergency.de.map((c: { phone: string }) => c.phone)).toEqual(['110', OFFICE_EMERGENCY, '116 111', '116 016', '0800 19 210 00']);

    // the very first answer signals danger: the walk stops at the emergency step
    const now = await results([{ step: 'concern', option: 'danger' }]);
    expect(now.status).toBe(200);
    expect(now.body.acuteDanger).toBe(true);
    expect(now.body.emergency.map((c: { phone: string }) => c.phone)).toEqual(['110', OFFICE_EMERGENCY, '116 111', '116 016', '0800 19 210 00']);
    expect(now.body.emergency[1].name).toContain(`Jugendamt Emden ${word}`);
    expect(now.body.emergency[0].reason).toMatch(/sofort/);

    // danger signalled late (urgency): emergency first, then the offers
    const late = await results([...PARENTING.slice(0, 3), { step: 'urgency', option: 'now' }, { step: 'emergency' }]);
    expect(late.body.acuteDanger).toBe(true);
    expect(late.body.emergency[0].phone).toBe('110');
    expect(mine(late.body.offers).length).toBe(2);
  });

  it('handles violence: "now" is acute danger, "not now" finds counselling and the women\'s helpline', async () => {
    const now = await results([{ step: 'concern', option: 'violence' }, { step: 'violence-now', option: 'yes' }]);
    expect(now.body.acuteDanger).toBe(true);
    const later = await results([
      { step: 'concern', option: 'violence' },
      { step: 'violence-now', option: 'no' },
      { step: 'age', option: 'unknown' },
      { step: 'where' },
      { step: 'urgency', option: 'later' },
    ]);
    expect(later.body.acuteDanger).toBe(false);
    expect(later.body.contacts.map((c: { phone: string }) => c.phone)).toContain('116 016');
    // no postcode: offers near the municipality's centre, without a distance in the reason
    expect(mine(later.body.offers).map((o) => o.id)).toEqual(expect.arrayContaining([ids.beratung, ids.teens, ids.familienhilfe]));
    expect(later.body.offers[0].reason).not.toMatch(/km/);
  });

  it('refuses answers that do not fit the dialogue, naming them', async () => {
    const wrongOption = await results([{ step: 'concern', option: 'parenting' }, { step: 'age', option: '99' }]);
    expect(wrongOption.status).toBe(400);
    expect(wrongOption.body.error.details.issues[0].path).toBe('body.answers.1.option');
    const skipped = await results([{ step: 'age', option: '6-11' }]);
    expect(skipped.body.error.details.issues[0].path).toBe('body.answers.0.step');
    const unfinished = await results([{ step: 'concern', option: 'parenting' }]);
    expect(unfinished.status).toBe(400);
    expect(unfinished.body.error.message).toContain("step 'age'");
    const unknownPostcode = await results([...PARENTING.slice(0, 2), { step: 'where', value: '00000' }, { step: 'urgency', option: 'days' }]);
    expect(unknownPostcode.status).toBe(400);
    expect(unknownPostcode.body.error.details.issues[0].path).toBe('body.answers.2.value');
    expect((await request(t.app).post('/api/v1/navigator/dialogues/99999/results').send({ answers: PARENTING })).status).toBe(404);
  });

  it("refuses a postcode of another district, so no other district's contacts can be shown", async () => {
    // 50667 is Köln: Emden's dialogue must not answer with Emden's office for a family in Köln
    const inAnswer = await results([...PARENTING.slice(0, 2), { step: 'where', value: '50667' }, { step: 'urgency', option: 'days' }]);
    expect(inAnswer.status).toBe(400);
    expect(inAnswer.body.error.details.issues[0]).toEqual({ path: 'body.answers.2.value', code: 'invalid', message: expect.stringContaining('Köln') });
    const atStart = await request(t.app)
      .post(`/api/v1/navigator/dialogues/${AGS}/results`)
      .send({ answers: [...PARENTING.slice(0, 2), { step: 'where' }, { step: 'urgency', option: 'days' }], postcode: '04277' });
    expect(atStart.status).toBe(400);
    expect(atStart.body.error.details.issues[0].path).toBe('body.postcode');
    const ok = await request(t.app)
      .post(`/api/v1/navigator/dialogues/${AGS}/results`)
      .send({ answers: [...PARENTING.slice(0, 2), { step: 'where' }, { step: 'urgency', option: 'days' }], postcode: '26721' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.offers[0].reason).toMatch(/km/);
  });
});

describe('sending the list by e-mail', () => {
  async function tablesContaining(text: string): Promise<string[]> {
    // every table of the application and of pg-boss (partitions are read through their parent)
    const tables = await owner<{ s: string; n: string }[]>`
      select ns.nspname as s, c.relname as n from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname in ('public', 'pgboss') and c.relkind in ('r', 'p') and not c.relispartition`;
    expect(tables.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const { s, n } of tables) {
      const [row] = await owner`select count(*)::int as c from ${owner(s)}.${owner(n)} x where x::text ilike ${`%${text}%`}`;
      if (row.c > 0) found.push(`${s}.${n}`);
    }
    return found;
  }

  it('sends the list through SMTP, then keeps the address nowhere', async () => {
    const email = `familie-${word}@example.org`;
    const res = await request(t.app)
      .post(`/api/v1/navigator/dialogues/${AGS}/email`)
      .send({ answers: [...PARENTING.slice(0, 3), { step: 'urgency', option: 'now' }, { step: 'emergency' }], locale: 'de', email });
    expect(res.status, JSON.stringify(res.body)).toBe(202);

    // queued: the address is in the job until it is sent (and nowhere else)
    const [job] = await owner`select id, data from pgboss.job where name = ${SEND_LIST_JOB} and data->>'to' = ${email}`;
    expect(job).toBeDefined();
    expect(await tablesContaining(email)).toEqual(['pgboss.job']);

    await t.ctx.jobs.run(SEND_LIST_JOB, job.data);
    const mail = await sink.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe('Ihre Hilfe-Liste – Hilfe-Lotse Emden');
    const text = mail.text;
    // emergency contacts before anything else
    expect(text.indexOf('SOFORT HILFE HOLEN')).toBeLessThan(text.indexOf('PASSENDE ANGEBOTE'));
    expect(text).toContain('- Polizei: 110');
    expect(text).toContain(OFFICE_EMERGENCY);
    expect(text).toContain(`Erziehungsberatung ${word} (Diakonie Emden ${word})`);
    expect(text).toContain('Warum: Erziehungsberatung: passt zu „Fragen zur Erziehung oder Streit in der Familie“');
    expect(text).toContain(`https://hilfe.example/verzeichnis/angebot/${ids.beratung}`);
    expect(text).toContain('Ihre E-Mail-Adresse wurde nur für den Versand dieser Nachricht verwendet und danach gelöscht');
    expect(text).not.toContain(`Ungeprüfte Beratung ${word}`);

    // sent: the job keeps only its ref, no address and no answers; no table holds the address
    const [after] = await owner`select data from pgboss.job where id = ${job.id}`;
    expect(after.data).toEqual({ ref: job.data.ref, anonymised: true });
    expect(await tablesContaining(email)).toEqual([]);

    // running the job again (a retry) sends nothing
    await t.ctx.jobs.run(SEND_LIST_JOB, after.data);
    expect(sink.mails.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('removes addresses of mails never sent after a day (scheduled clean-up)', async () => {
    const email = `liegen-${word}@example.org`;
    const res = await request(t.app).post(`/api/v1/navigator/dialogues/${AGS}/email`).send({ answers: PARENTING, email });
    expect(res.status).toBe(202);
    await owner`update pgboss.job set created_on = now() - interval '2 days' where name = ${SEND_LIST_JOB} and data->>'to' = ${email}`;
    expect(await tablesContaining(email)).toEqual(['pgboss.job']);
    await t.ctx.jobs.run('navigator.purge-addresses', {});
    expect(await tablesContaining(email)).toEqual([]);
  });

  it('refuses a bad address or answers before queueing anything', async () => {
    const bad = await request(t.app).post(`/api/v1/navigator/dialogues/${AGS}/email`).send({ answers: PARENTING, email: 'keine-adresse' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('body.email');
    const email = `falsch-${word}@example.org`;
    const wrong = await request(t.app).post(`/api/v1/navigator/dialogues/${AGS}/email`).send({ answers: [{ step: 'concern', option: 'x' }], email });
    expect(wrong.status).toBe(400);
    expect(await tablesContaining(email)).toEqual([]);
  });
});
