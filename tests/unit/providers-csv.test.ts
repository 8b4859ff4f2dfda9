import { describe, expect, it } from 'vitest';
import { parseAvailabilityCsv, parseDate } from '../../server/features/availability/csv';
import { csvCell, decodeCsv, uncell } from '../../server/features/availability/csv-format';

const ID = '8d0c4b57-1d2e-4f6a-9b3c-2a1e0f9d8c7b';
const TODAY = '2026-06-01';

describe('availability CSV parsing', () => {
  it('reads semicolons, commas or tabs, any column order, German dates, a BOM and CRLF', () => {
    for (const sep of [';', ',', '\t']) {
      const text = `\uFEFFfree_places${sep}external_ref${sep}planned_places${sep}planned_from\r\n2${sep}WG-1${sep}1${sep}15.7.2026\r\n`;
      // planned vacancies are a list since the download writes several in one row ("01.03.2026 + 15.04.2026")
      expect(parseAvailabilityCsv(text, TODAY)).toEqual({
        items: [{ line: 2, externalRef: 'WG-1', freePlaces: 2, planned: [{ availableFrom: '2026-07-15', places: 1 }] }],
        errors: [],
        columns: { free_places: 1, external_ref: 2, planned_places: 3, planned_from: 4 },
      });
    }
  });

  it('reports every error of every row with its line and column, and keeps the good rows', () => {
    const text = ['unit_id,free_places,planned_from,planned_places', `${ID},1,,`, '', `${ID},1.5,,`, `${ID},,2026-13-01,2`, `"${ID}",3,2026-05-31,0`, `${ID},2,,,extra`].join('\n');
    const r = parseAvailabilityCsv(text, TODAY);
    expect(r.items).toEqual([{ line: 2, unitId: ID, freePlaces: 1 }]);
    expect(r.errors.map((e) => `${e.line}:${e.column}`)).toEqual(['4:free_places', '5:free_places', '5:planned_from', '6:planned_from', '6:planned_places', '7:*']);
  });

  it('counts lines of quoted fields spanning lines from where the row starts', () => {
    const text = `external_ref,free_places\n"A\nB",1\nC,x\n`;
    const r = parseAvailabilityCsv(text, TODAY);
    expect(r.items[0]).toMatchObject({ line: 2, externalRef: 'A\nB' });
    // every error carries its code and the column's position (B) for the German sentence
    expect(r.errors).toEqual([{ line: 4, column: 'free_places', columnIndex: 2, code: 'not_whole_number', params: { min: 0 }, message: expect.any(String) }]);
  });

  it('parses ISO and German dates and refuses impossible ones', () => {
    expect(parseDate('2026-02-28')).toBe('2026-02-28');
    expect(parseDate('1.3.2026')).toBe('2026-03-01');
    expect(parseDate('29.02.2026')).toBeUndefined();
    expect(parseDate('2026/03/01')).toBeUndefined();
  });

  it('reads what Excel writes: UTF-8 with or without BOM, Windows-1252, UTF-16; short years; several planned dates', () => {
    const text = 'Freie Plätze;Eigene Kennung\r\n1;Gruppe Ä\r\n';
    expect(decodeCsv(Buffer.from(`\uFEFF${text}`))).toEqual({ text, encoding: 'utf-8-bom' });
    expect(decodeCsv(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from(text, 'latin1'))).toEqual({ text, encoding: 'windows-1252' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le' });
    // 0x80..0x9F are Windows-1252's own (Node's TextDecoder reads them as Latin-1 control characters)
    expect(decodeCsv(Buffer.from([0x80, 0x20, 0x84, 0x41, 0x93, 0x20, 0x96, 0xe4]), 'windows-1252').text).toBe('€ „A“ –ä');
    expect(decodeCsv(Buffer.from([0x84, 0x41, 0x93, 0xdf])).text).toBe('„A“ß');
    expect(parseDate('01.03.26')).toBe('2026-03-01');
    const r = parseAvailabilityCsv(`ID;Frei ab;Plätze ab dann;Freie Plätze\n${ID};01.07.2026 + 1.8.2026;1 + 2;0\n`, TODAY);
    expect(r.items[0].planned).toEqual([{ availableFrom: '2026-07-01', places: 1 }, { availableFrom: '2026-08-01', places: 2 }]);
  });

  it('defuses formulas on the way out and reads them back as written', () => {
    expect(csvCell('=SUMME(A1)')).toBe("'=SUMME(A1)");
    expect(csvCell('Haus "Am See"; Nord')).toBe('"Haus ""Am See""; Nord"');
    expect(uncell("'=WG-1")).toBe('=WG-1');
    expect(uncell("'normal")).toBe("'normal");
  });
});
