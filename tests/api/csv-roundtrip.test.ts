import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

/** The spreadsheet round trip: download the own units as Excel opens them in Germany, edit, upload. */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function setup() {
  const p = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  const f = await makeFacility(t.ctx.sql, p.org, { name: 'Haus Sonnenhügel' });
  const a = await makeUnit(t.ctx.sql, p.org, f, { name: 'Gruppe Äpfel; Birnen', capacityTotal: 8, freePlaces: 2 });
  const b = await makeUnit(t.ctx.sql, p.org, f, { name: '=Gruppe Zeder', capacityTotal: 4, freePlaces: 0 });
  const dir = await makeUnit(t.ctx.sql, p.org, f, { name: 'Beratung ohne Plätze', setting: 'ambulant', serviceTypes: ['28'], capacityTotal: null, freePlaces: null, lastConfirmedAt: null });
  await t.ctx.sql`update units set external_ref = 'ZEDER-1' where id = ${b.id}`;
  await t.ctx.sql`insert into planned_vacancies (unit_id, available_from, places) values (${b.id}, date '2099-03-01', 1), (${b.id}, date '2099-04-15', 2)`;
  return { ...p, a, b, dir };
}

const upload = (p: Awaited<ReturnType<typeof setup>>, bytes: Buffer, dryRun: boolean, type = 'text/csv') =>
  p.client.agent.post(`/api/v1/availability/csv?dryRun=${dryRun}`).set('X-CSRF-Token', p.client.csrf).set('Content-Type', type).send(bytes);

/** What Excel writes in Germany for "CSV (Trennzeichen-getrennt)": Windows-1252, semicolons, CRLF. */
const cp1252 = (s: string) => Buffer.from([...s].map((ch) => ({ ä: 0xe4, ö: 0xf6, ü: 0xfc, Ä: 0xc4, ß: 0xdf, '€': 0x80 })[ch] ?? ch.charCodeAt(0)));

describe('the spreadsheet round trip', () => {
  it('downloads the own units with names and current figures: BOM, semicolons, German headings and dates, CRLF', async () => {
    const p = await setup();
    const res = await p.client.agent.get('/api/v1/availability/csv').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="freie-plaetze-\d{4}-\d\d-\d\d\.csv"$/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('ID;Eigene Kennung;Einrichtung;Angebot;Plätze gesamt;Reserviert;Freie Plätze;Frei ab;Plätze ab dann;Zuletzt bestätigt');
    expect(lines).toHaveLength(4); // heading, two units with places (not the directory-only offer), and the final CRLF
    // sorted by facility and name ('=' before letters); a ';' in a name is quoted; a formula is defused
    expect(lines[2]).toMatch(new RegExp(`^${p.a.id};;Haus Sonnenhügel;"Gruppe Äpfel; Birnen";8;0;2;;;\\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d$`));
    expect(lines[1]).toMatch(new RegExp(`^${p.b.id};ZEDER-1;Haus Sonnenhügel;'=Gruppe Zeder;4;0;0;01\\.03\\.2099 \\+ 15\\.04\\.2099;1 \\+ 2;`));
    expect(lines[3]).toBe('');
    const other = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
    expect((await other.client.agent.get('/api/v1/availability/csv')).text).not.toContain(p.a.id);
  });

  it('the downloaded file saved by Excel as Windows-1252 with edited names and figures uploads again: ids decide, names are ignored', async () => {
    const p = await setup();
    const text = (await p.client.agent.get('/api/v1/availability/csv')).text.replace(/^\uFEFF/, '');
    // in Excel: the names are changed (ignored), Äpfel gets 3 free, Zeder keeps its two planned dates and gets 1 free
    const edited = text
      .replace('"Gruppe Äpfel; Birnen";8;0;2;', '"Gruppe Äpfel (umbenannt)";8;0;3;')
      .replace("'=Gruppe Zeder;4;0;0;", 'Zeder neu;4;0;1;');
    const dry = await upload(p, cp1252(edited), true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ valid: true, applied: false, errors: [], encoding: 'windows-1252' });
    expect(dry.body.rows.map((r: { unitName: string; freePlaces: number; changed: boolean }) => [r.unitName, r.freePlaces, r.changed])).toEqual([
      ['=Gruppe Zeder', 1, true],
      ['Gruppe Äpfel; Birnen', 3, true],
    ]);
    const applied = await upload(p, cp1252(edited), false);
    expect(applied.body.applied).toBe(true);
    const rows = await t.ctx.sql`select name, free_places, (select array_agg(available_from::text || '/' || places order by available_from) from planned_vacancies where unit_id = u.id) as planned
      from units u where id in (${p.a.id}, ${p.b.id}) order by name`;
    expect(rows).toEqual([
      { name: '=Gruppe Zeder', freePlaces: 1, planned: ['2099-03-01/1', '2099-04-15/2'] },
      { name: 'Gruppe Äpfel; Birnen', freePlaces: 3, planned: null },
    ]);
    // the file as downloaded, uploaded unchanged (UTF-8 with BOM): every unit confirmed, nothing changed
    const again = await upload(p, Buffer.from(`\uFEFF${(await p.client.agent.get('/api/v1/availability/csv')).text.replace(/^\uFEFF/, '')}`), false);
    expect(again.body).toMatchObject({ applied: true, encoding: 'utf-8-bom' });
    expect(again.body.rows.map((r: { changed: boolean }) => r.changed)).toEqual([false, false]);
  });

  it('reads commas and UTF-8 without BOM, short German dates, and English column names', async () => {
    const p = await setup();
    const csv = `unit_id,name,free_places,planned_from,planned_places\r\n${p.a.id},Egal,1,01.03.99,2\r\n`;
    const res = await upload(p, Buffer.from(csv, 'utf8'), true);
    expect(res.body).toMatchObject({ valid: true, encoding: 'utf-8' });
    expect(res.body.rows[0]).toMatchObject({ unitId: p.a.id, freePlaces: 1, plannedFrom: '2099-03-01', plannedPlaces: 2 });
  });

  it('says which row and column is wrong, with a code for the German sentence and the column position (A = 1)', async () => {
    const p = await setup();
    const csv = [
      'ID;Angebot;Freie Plätze;Frei ab;Plätze ab dann;Bemerkung',
      `${p.a.id};Äpfel;viele;;;`,
      `${p.b.id};Zeder;9;01.03.2099 + 02.03.2099;1;`,
    ].join('\r\n');
    const res = await upload(p, cp1252(csv), true);
    expect(res.body.errors).toEqual([
      { line: 1, column: 'Bemerkung', columnIndex: 6, code: 'unknown_column', params: { heading: 'Bemerkung' }, message: expect.any(String) },
    ]);
    const fixed = csv.replace(';Bemerkung', '').replace(/;\r\n/g, '\r\n').replace(/;$/, '');
    const rows = await upload(p, cp1252(fixed), true);
    expect(rows.body.errors.map((e: { line: number; column: string; columnIndex: number; code: string }) => [e.line, e.column, e.columnIndex, e.code])).toEqual([
      [2, 'free_places', 3, 'not_whole_number'],
      [3, 'planned_places', 5, 'planned_mismatch'],
    ]);
    const capacity = await upload(p, Buffer.from(`ID;Freie Plätze\r\n${p.b.id};9\r\n`), true);
    expect(capacity.body.errors).toEqual([{ line: 2, column: 'free_places', columnIndex: 2, code: 'above_capacity', params: { capacity: 4 }, message: expect.any(String) }]);
    const missing = await upload(p, Buffer.from(`ID;Angebot\r\n${p.b.id};x\r\n`), true);
    expect(missing.body.errors).toEqual([{ line: 1, column: 'free_places', columnIndex: null, code: 'missing_column', params: { heading: 'Freie Plätze' }, message: expect.any(String) }]);
  });
});
