import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/db';
import { makeOrg, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type UnitInput } from '../helpers/places';

/** A word no other test uses (letters only, so the full-text search sees one word). */
export function uniqueWord(prefix = 'zq'): string {
  return prefix + [...randomBytes(8)].map((b) => 'bcdfghjklmnpqrstvwxz'[b % 20]).join('');
}

export interface DirectoryFixture {
  word: string;
  koeln: OrgRow;
  bonn: OrgRow;
  unverified: OrgRow;
  office: OrgRow;
  ids: Record<'beratung' | 'wohngruppe' | 'bonn' | 'unverified' | 'foster' | 'archived' | 'archivedFacility', string>;
}

/**
 * Offers around Köln and Bonn, all carrying one unique word, plus the ones the directory must never
 * show: an unverified provider's, a foster place, an archived unit, a unit in an archived facility.
 */
export async function makeDirectoryFixture(db: Db): Promise<DirectoryFixture> {
  const word = uniqueWord();
  const koeln = await makeOrg(db, 'provider', { name: `Jugendhilfe Köln ${word}` });
  const bonn = await makeOrg(db, 'provider', { name: `Träger am Rhein ${word}` });
  const unverified = await makeOrg(db, 'provider', { name: `Ungeprüft ${word}`, verified: false });
  const office = await makeOrg(db, 'office', { name: `Jugendamt ${word}` });

  const fk = await makeFacility(db, koeln, { name: `Haus Ehrenfeld ${word}`, postcode: '50823', city: 'Köln', lat: 50.9497, lon: 6.9196 });
  await db`update facilities set district_ags = '05315', phone = '0221 123456', email = 'haus@ehrenfeld.example',
    website = 'https://ehrenfeld.example', opening_hours = 'Mo–Fr 9–17 Uhr', accessibility = 'Eingang stufenlos, Aufzug'
    where id = ${fk.id}`;
  const fb = await makeFacility(db, bonn, { name: `Beratungsstelle ${word}`, postcode: '53111', city: 'Bonn', lat: 50.7374, lon: 7.0982 });
  await db`update facilities set district_ags = '05314' where id = ${fb.id}`;
  const fu = await makeFacility(db, unverified, { name: `Haus ${word}` });
  const fArchived = await makeFacility(db, koeln, { name: `Altes Haus ${word}` });

  const ambulant = (o: Partial<UnitInput>): Partial<UnitInput> => ({ setting: 'ambulant', capacityTotal: null, freePlaces: null, ...o });
  const beratung = await makeUnit(db, koeln, fk, ambulant({ name: `Erziehungsberatung ${word} Süd`, serviceTypes: ['28'], ageMin: 0, ageMax: 18, languages: ['de', 'tr'] }));
  const wohngruppe = await makeUnit(db, koeln, fk, { name: `Wohngruppe ${word} Sonnenhof`, serviceTypes: ['34'], ageMin: 12, ageMax: 17, capacityTotal: 8, freePlaces: 2 });
  const bonnUnit = await makeUnit(db, bonn, fb, ambulant({ name: `Erziehungsbeistand ${word}`, serviceTypes: ['30'], ageMin: 0, ageMax: 17, languages: ['de', 'ar'] }));
  const unverifiedUnit = await makeUnit(db, unverified, fu, ambulant({ name: `Beratung ${word} ungeprüft`, serviceTypes: ['28'] }));
  const foster = await makeUnit(db, office, null, { name: `Pflegestelle ${word}`, setting: 'pflegefamilie', serviceTypes: ['33'], capacityTotal: 1, freePlaces: 1, postcode: '50823' });
  const archived = await makeUnit(db, koeln, fk, ambulant({ name: `Archiviert ${word}`, serviceTypes: ['28'] }));
  await db`update units set archived_at = now() where id = ${archived.id}`;
  const archivedFacility = await makeUnit(db, koeln, fArchived, ambulant({ name: `Im alten Haus ${word}`, serviceTypes: ['28'] }));
  await db`update facilities set archived_at = now() where id = ${fArchived.id}`;

  return {
    word,
    koeln,
    bonn,
    unverified,
    office,
    ids: {
      beratung: beratung.id,
      wohngruppe: wohngruppe.id,
      bonn: bonnUnit.id,
      unverified: unverifiedUnit.id,
      foster: foster.id,
      archived: archived.id,
      archivedFacility: archivedFacility.id,
    },
  };
}
