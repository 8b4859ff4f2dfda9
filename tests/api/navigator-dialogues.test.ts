import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient, type Client } from '../helpers/factories';
import { dialogueFor } from './navigator-fixture';

const AGS = '09161'; // Ingolstadt
const OTHER = '09263'; // Straubing

let t: TestContext;
let admin: Client;
beforeAll(async () => {
  t = await createTestContext();
  admin = (await userClient(t.app, t.ctx.sql, 'platform')).client;
});
afterAll(() => t.close());

const put = (ags: string, body: object) => admin.put(`/api/v1/navigator/dialogues/${ags}`, body);

describe('navigator dialogues: loaded by the platform admin', () => {
  it('only the platform admin may load or remove a dialogue', async () => {
    const body = dialogueFor(AGS, 'Ingolstadt');
    expect((await request(t.app).put(`/api/v1/navigator/dialogues/${AGS}`).send(body)).status).toBe(401);
    const { client: caseworker } = await userClient(t.app, t.ctx.sql, 'office');
    expect((await caseworker.put(`/api/v1/navigator/dialogues/${AGS}`, body)).status).toBe(403);
    const { client: provider } = await userClient(t.app, t.ctx.sql, 'provider', 'provider_admin');
    expect((await provider.delete(`/api/v1/navigator/dialogues/${AGS}`)).status).toBe(403);
  });

  it('loads, replaces (version counts up) and removes a dialogue; each change is audited', async () => {
    const first = await put(AGS, dialogueFor(AGS, 'Ingolstadt'));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const changed = dialogueFor(AGS, 'Ingolstadt');
    changed.intro = { de: 'Neue Einleitung', en: 'New introduction' };
    const second = await put(AGS, changed);
    expect(second.body.version).toBe(first.body.version + 1);

    const view = await request(t.app).get(`/api/v1/navigator/dialogues/${AGS}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ ags: AGS, source: 'loaded', version: second.body.version });
    expect(view.body.dialogue.intro.de).toBe('Neue Einleitung');
    const list = await request(t.app).get('/api/v1/navigator/dialogues');
    expect(list.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ ags: AGS, name: 'Ingolstadt', source: 'loaded' })]));

    const audit = await t.ctx.sql`select action, details from audit_log where object_type = 'navigator_dialogue' and object_id = ${AGS} order by id`;
    expect(audit.map((a) => a.action).slice(-2)).toEqual(['navigator.dialogue.load', 'navigator.dialogue.load']);

    expect((await admin.delete(`/api/v1/navigator/dialogues/${AGS}`)).status).toBe(204);
    // without a dialogue of its own the district gets the general one, never another district's
    const after = await request(t.app).get(`/api/v1/navigator/dialogues/${AGS}`);
    expect(after.status).toBe(200);
    expect(after.body.source).toBe('general');
    expect(after.body.dialogue.municipality.ags).toBe(AGS);
    expect((await admin.delete(`/api/v1/navigator/dialogues/${AGS}`)).status).toBe(404);
  });

  it('ships a default dialogue for Köln', async () => {
    const res = await request(t.app).get('/api/v1/navigator/dialogues/05315');
    expect(res.status).toBe(200);
    expect(res.body.dialogue.municipality.name).toBe('Köln');
    expect(res.body.emergency.de[0]).toMatchObject({ phone: '110' });
    expect(res.body.emergency.en[0]).toMatchObject({ name: 'Police', phone: '110' });
    const list = await request(t.app).get('/api/v1/navigator/dialogues');
    expect(list.body.items.map((i: { ags: string }) => i.ags)).toContain('05315');
  });
});

describe('navigator dialogues: a broken dialogue is refused, naming the step', () => {
  async function refused(body: object, ags = OTHER) {
    const res = await put(ags, body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    return res.body.error as { message: string; details: { issues: { path: string; message: string }[] } };
  }

  it('an unreachable step', async () => {
    const d = dialogueFor(OTHER, 'Straubing');
    d.steps.push({ id: 'vergessen', kind: 'results', text: { de: 'x', en: 'x' } });
    const e = await refused(d);
    expect(e.message).toContain("step 'vergessen' is unreachable");
    expect(e.details.issues).toEqual([
      { path: `body.steps.${d.steps.length - 1}`, message: expect.stringContaining("'vergessen'"), rule: 'unreachable', params: { step: 'vergessen', start: 'concern' } },
    ]);
  });

  it('a dangling branch', async () => {
    const d = dialogueFor(OTHER, 'Straubing');
    const age = d.steps.find((s) => s.id === 'age')!;
    if (age.kind === 'choice') age.options[0].next = 'wohnort';
    const e = await refused(d);
    expect(e.message).toContain("step 'age', option '0-5' leads to 'wohnort', which does not exist (dangling branch)");
  });

  it('a loop without exit', async () => {
    const d = dialogueFor(OTHER, 'Straubing');
    const where = d.steps.find((s) => s.id === 'where')!;
    if (where.kind === 'postcode') where.next = 'nochmal';
    d.steps.push({ id: 'nochmal', kind: 'choice', text: { de: 'Nochmal?', en: 'Again?' }, options: [{ id: 'ja', label: { de: 'Ja', en: 'Yes' }, next: 'where', serviceTypes: [], tags: [], acuteDanger: false }] });
    const e = await refused(d);
    expect(e.message).toContain("step 'where' is in a loop without exit");
    expect(e.message).toContain("step 'nochmal' is in a loop without exit");
  });

  it('acute danger that does not lead to emergency contacts, unknown types of service, a wrong district', async () => {
    const d = dialogueFor(OTHER, 'Straubing');
    const concern = d.steps.find((s) => s.id === 'concern')!;
    if (concern.kind === 'choice') {
      concern.options[0].next = 'age';
      concern.options[1].serviceTypes = ['99'];
    }
    const e = await refused(d);
    expect(e.message).toContain("step 'concern', option 'danger' signals acute danger but leads to 'age', which is not an emergency step");
    expect(e.message).toContain("step 'concern', option 'parenting': unknown type of service '99'");
    const wrong = await refused(dialogueFor('09262', 'Passau'));
    expect(wrong.details.issues[0].path).toBe('body.municipality.ags');
  });

  it('a malformed dialogue, with the field named', async () => {
    const d: Record<string, unknown> = dialogueFor(OTHER, 'Straubing');
    delete d.emergencyContacts;
    const e = await refused(d);
    expect(e.details.issues.map((i) => i.path)).toContain('body.emergencyContacts');
    expect((await request(t.app).get(`/api/v1/navigator/dialogues/${OTHER}`)).body.source).toBe('general');
    expect((await request(t.app).get('/api/v1/navigator/dialogues/99999')).status).toBe(404);
    expect((await put('99999', dialogueFor('99999', 'Nirgendwo'))).status).toBe(404);
  });
});
