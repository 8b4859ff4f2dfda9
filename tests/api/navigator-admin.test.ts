import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, userClient, type Client } from '../helpers/factories';
import { dialogueFor } from './navigator-fixture';

// This file owns the dialogues of Karlsruhe (08212) and Freiburg (08311).
const OWN = '08212';
const OTHER = '08311';

let t: TestContext;
let officeAdmin: Client;
let caseworker: Client;
let platform: Client;
beforeAll(async () => {
  t = await createTestContext();
  const office = await makeOrg(t.ctx.sql, 'office', { name: 'Sozial- und Jugendbehörde Karlsruhe (Test)', districtAgs: OWN });
  await t.ctx.sql`update organisations set phone = '0721 133-0', emergency_phone = '0721 133-5555' where id = ${office.id}`;
  officeAdmin = (await userClient(t.app, t.ctx.sql, 'office', 'office_admin', office)).client;
  caseworker = (await userClient(t.app, t.ctx.sql, 'office', 'caseworker', office)).client;
  platform = (await userClient(t.app, t.ctx.sql, 'platform')).client;
});
afterAll(async () => {
  await t?.close();
});

describe('navigator dialogues managed in the web client', () => {
  it('an office admin manages only the dialogue of its own district; caseworkers none', async () => {
    expect((await officeAdmin.get('/api/v1/navigator/managed')).body).toEqual({ all: false, items: [{ ags: OWN, name: 'Karlsruhe' }] });
    expect((await platform.get('/api/v1/navigator/managed')).body).toEqual({ all: true, items: [] });
    expect((await caseworker.get('/api/v1/navigator/managed')).status).toBe(403);
    const other = await officeAdmin.put(`/api/v1/navigator/dialogues/${OTHER}`, dialogueFor(OTHER, 'Freiburg'));
    expect(other.status).toBe(403);
    expect((await officeAdmin.post(`/api/v1/navigator/dialogues/${OTHER}/preview`, dialogueFor(OTHER, 'Freiburg'))).status).toBe(403);
    expect((await caseworker.put(`/api/v1/navigator/dialogues/${OWN}`, dialogueFor(OWN, 'Karlsruhe'))).status).toBe(403);
    expect((await request(t.app).get(`/api/v1/navigator/dialogues/${OTHER}`)).body.source).toBe('general');
    expect((await officeAdmin.get(`/api/v1/navigator/dialogues/${OTHER}/source`)).status).toBe(403);
    expect((await request(t.app).get(`/api/v1/navigator/dialogues/${OWN}/source`)).status).toBe(401);
  });

  it('gives an admin the whole dialogue in force, with its vocabulary, to edit and upload again', async () => {
    const src = await officeAdmin.get(`/api/v1/navigator/dialogues/${OWN}/source`);
    expect(src.status).toBe(200);
    expect(src.body.municipality.ags).toBe(OWN); // the general dialogue, under this district
    const options = src.body.steps.flatMap((s: { options?: { keywords?: unknown }[] }) => s.options ?? []);
    expect(options.some((o: { keywords?: unknown }) => o.keywords)).toBe(true);
    // the public view leaves the vocabulary out; the file round-trips through the preview unchanged
    const view = await request(t.app).get(`/api/v1/navigator/dialogues/${OWN}`);
    expect(JSON.stringify(view.body)).not.toContain('"keywords"');
    expect((await officeAdmin.post(`/api/v1/navigator/dialogues/${OWN}/preview`, src.body)).status).toBe(200);
  });

  it('previews without publishing, names each broken step with its rule, then publishes (audited)', async () => {
    const broken = dialogueFor(OWN, 'Karlsruhe');
    broken.steps.push({ id: 'vergessen', kind: 'results', text: { de: 'x', en: 'x' } });
    const bad = await officeAdmin.post(`/api/v1/navigator/dialogues/${OWN}/preview`, broken);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toEqual([
      { path: `body.steps.${broken.steps.length - 1}`, message: expect.stringContaining("'vergessen'"), rule: 'unreachable', params: { step: 'vergessen', start: 'concern' } },
    ]);

    const good = dialogueFor(OWN, 'Karlsruhe');
    const preview = await officeAdmin.post(`/api/v1/navigator/dialogues/${OWN}/preview`, good);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.dialogue.title.de).toBe('Hilfe-Lotse Karlsruhe');
    expect(preview.body.emergency.de.map((c: { phone: string }) => c.phone)).toContain('0721 133-5555');
    // nothing published yet
    expect((await request(t.app).get(`/api/v1/navigator/dialogues/${OWN}`)).body.source).toBe('general');

    const published = await officeAdmin.put(`/api/v1/navigator/dialogues/${OWN}`, good);
    expect(published.status).toBe(200);
    const live = await request(t.app).get(`/api/v1/navigator/dialogues/${OWN}`);
    expect(live.body.source).toBe('loaded');
    const [audit] = await t.ctx.sql`select action from audit_log where object_type = 'navigator_dialogue' and object_id = ${OWN} order by at desc limit 1`;
    expect(audit.action).toBe('navigator.dialogue.load');
    expect((await officeAdmin.delete(`/api/v1/navigator/dialogues/${OWN}`)).status).toBe(204);
  });
});
