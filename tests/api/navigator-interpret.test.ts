import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { NavigatorInterpretationSchema } from '../../shared/schemas/navigator';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { dialogueFor } from './navigator-fixture';

// "In your own words": the text is read, answered and forgotten: never stored, never logged.
const AGS = '08111'; // Stuttgart: this file loads a dialogue of its own for it

let t: TestContext;
let app: ReturnType<typeof createApp>;
const logLines: string[] = [];
beforeAll(async () => {
  t = await createTestContext();
  // the same app, with every log line kept (at the most talkative level) to prove the text is in none
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = createApp({ ...t.ctx, log: pino({ level: 'trace' }, stream) });
});
afterAll(() => t.close());

const interpret = (body: object) => request(app).post('/api/v1/navigator/interpret').send(body);

describe('POST /api/v1/navigator/interpret', () => {
  it('answers the understood options, the words that led there and acute danger', async () => {
    const res = await interpret({ text: 'Mein Sohn (14) wird in der Schule gemobbt', lang: 'de' });
    expect(res.status).toBe(200);
    expect(NavigatorInterpretationSchema.strict().parse(res.body)).toBeTruthy();
    expect(res.body.acuteDanger).toBe(false);
    expect(res.body.concerns).toEqual([
      { step: 'who', optionId: 'family', serviceTypes: [], matched: ['Mein Sohn'] },
      { step: 'concern', optionId: 'school', serviceTypes: ['29', '30', '32', 'schulsozialarbeit', 'schulpsychologie'], matched: expect.arrayContaining(['Schule', 'gemobbt']) },
      { step: 'age', optionId: '12-17', serviceTypes: [], matched: ['(14)'] },
    ]);

    const danger = await interpret({ text: 'mein vater schlägt mich und ich trau mich nicht nach hause', lang: 'de' });
    expect(danger.body.acuteDanger).toBe(true);
    expect(danger.body.concerns.map((c: { optionId: string }) => c.optionId)).toEqual(['self', 'self-danger']);

    // the vocabulary stays on the server: the dialogue a family's phone loads does not carry it
    const view = await request(app).get('/api/v1/navigator/dialogues/05315');
    expect(JSON.stringify(view.body)).not.toContain('keywords');

    const en = await interpret({ text: 'my daughter is 16 and pregnant', lang: 'en' });
    expect(en.body.concerns.map((c: { optionId: string }) => c.optionId)).toEqual(['family', 'pregnant', '12-17']);
  });

  it("reads with the vocabulary of the district's own dialogue, else the general one", async () => {
    const [{ code }] = await t.ctx.sql<{ code: string }[]>`select code from postcode_districts where district_ags = ${AGS} order by code limit 1`;
    const d = dialogueFor(AGS, 'Stuttgart');
    const concern = d.steps.find((s) => s.id === 'concern')!;
    if (concern.kind !== 'choice') throw new Error('fixture changed');
    concern.options.find((o) => o.id === 'school')!.keywords = { de: ['zauberwort'], en: [] };
    const { client: admin } = await userClient(t.app, t.ctx.sql, 'platform');
    expect((await admin.put(`/api/v1/navigator/dialogues/${AGS}`, d)).status).toBe(200);

    const text = 'ein zauberwort';
    const own = await interpret({ text, postcode: code, lang: 'de' });
    expect(own.status).toBe(200);
    expect(own.body.concerns).toEqual([{ step: 'concern', optionId: 'school', serviceTypes: expect.any(Array), matched: ['zauberwort'] }]);
    expect((await interpret({ text, ags: AGS, lang: 'de' })).body.concerns).toHaveLength(1);
    expect((await interpret({ text, lang: 'de' })).body.concerns).toEqual([]); // the general dialogue knows no such word
    expect((await interpret({ text: 'probleme in der schule', postcode: code, lang: 'de' })).body.concerns).toEqual([]);
    await admin.delete(`/api/v1/navigator/dialogues/${AGS}`);

    const unknown = await interpret({ text, postcode: '00000', lang: 'de' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].path).toBe('body.postcode');
  });

  it('refuses an empty or too long text, naming body.text', async () => {
    for (const text of ['', '   ', 'x'.repeat(1001)]) {
      const res = await interpret({ text, lang: 'de' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['body.text']);
    }
    expect((await interpret({ text: 'x'.repeat(1000), lang: 'de' })).status).toBe(200);
    const noLang = await interpret({ text: 'hallo' });
    expect(noLang.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['body.lang']);
  });

  it('stores and logs nothing of the text, not even when it is refused', async () => {
    const secret = `Mein Sohn Kevinmarker${Date.now()} wird geschlagen`;
    logLines.length = 0;
    expect((await interpret({ text: secret, lang: 'de' })).status).toBe(200);
    expect((await interpret({ text: `${secret} ${'x'.repeat(1000)}`, lang: 'de' })).status).toBe(400);
    const broken = await request(app).post('/api/v1/navigator/interpret').set('Content-Type', 'application/json').send(`{"text": "${secret}`);
    expect(broken.body.error.code).toBe('INVALID_JSON');
    // the requests were logged (so the check below can fail), without their text
    expect(logLines.filter((l) => l.includes('/api/v1/navigator/interpret'))).toHaveLength(3);
    expect(logLines.join('\n')).not.toContain('Kevinmarker');
    expect(logLines.join('\n')).not.toContain('geschlagen');

    // no table the app can read holds it
    const tables = await t.ctx.sql<{ name: string }[]>`
      select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
        and has_table_privilege(quote_ident(table_schema) || '.' || quote_ident(table_name), 'select')`;
    expect(tables.length).toBeGreaterThan(5);
    for (const { name } of tables) {
      const [row] = await t.ctx.sql.unsafe(`select count(*)::int as n from ${name} x where x::text like '%Kevinmarker%'`);
      expect(row.n, name).toBe(0);
    }
  });

  it('is rate limited per client address (429 RATE_LIMITED)', async () => {
    const limited = createApp({ ...t.ctx, config: { ...t.ctx.config, NAVIGATOR_INTERPRET_PER_MINUTE: 3 } });
    const send = () => request(limited).post('/api/v1/navigator/interpret').send({ text: 'streit in der familie', lang: 'de' });
    for (let i = 0; i < 3; i++) expect((await send()).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(refused.headers.ratelimit).toBeDefined();
  });
});
