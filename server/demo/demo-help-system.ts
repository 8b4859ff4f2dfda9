/**
 * The local help system around youth welfare in the four demo districts: debt and addiction
 * counselling, a women's shelter (confidential address) and further services beyond SGB VIII.
 * Real towns and coordinates, invented organisations and streets.
 */
import type { DemoOrg } from './demo-orgs';
import type { DemoFacility, DemoUnit } from './demo-places';

export const HELP_ORGS: DemoOrg[] = [
  { key: 'hs-koeln', kind: 'provider', name: 'Beratungsnetz Köln-Mitte e.V.', street: 'Cäcilienstraße 40', postcode: '50667', city: 'Köln', phone: '0221 9257-0', email: 'kontakt@beratungsnetz-koeln.example', website: 'https://beratungsnetz-koeln.example', verified: true },
  { key: 'fh-koeln', kind: 'provider', name: 'Frauenschutz Rheinland e.V.', street: 'Aachener Straße 220', postcode: '50931', city: 'Köln', phone: '0221 5102-0', email: 'info@frauenschutz-rheinland.example', verified: true },
  { key: 'hs-leipzig', kind: 'provider', name: 'Beratungsverbund Leipzig-Süd e.V.', street: 'Karl-Liebknecht-Straße 59', postcode: '04275', city: 'Leipzig', phone: '0341 2254-0', email: 'kontakt@beratungsverbund-leipzig.example', verified: true },
  { key: 'fh-leipzig', kind: 'provider', name: 'Frauenschutzhaus Westsachsen e.V.', street: 'Riebeckstraße 12', postcode: '04317', city: 'Leipzig', phone: '0341 4791-0', email: 'verein@frauenschutz-westsachsen.example', verified: true },
  { key: 'hs-luebeck', kind: 'provider', name: 'Beratungswerk an der Trave e.V.', street: 'Beckergrube 40', postcode: '23552', city: 'Lübeck', phone: '0451 7063-0', email: 'kontakt@beratungswerk-trave.example', verified: true },
  { key: 'fh-luebeck', kind: 'provider', name: 'Frauenhaus Hansestadt e.V.', street: 'Königstraße 77', postcode: '23552', city: 'Lübeck', phone: '0451 6614-0', email: 'verein@frauenhaus-hansestadt.example', verified: true },
  { key: 'hs-rheinhessen', kind: 'provider', name: 'Beratungsnetz Rheinhessen e.V.', street: 'Binger Straße 12', postcode: '55218', city: 'Ingelheim am Rhein', phone: '06132 4410-0', email: 'kontakt@beratungsnetz-rheinhessen.example', verified: true },
  { key: 'fh-rheinhessen', kind: 'provider', name: 'Frauenhaus Rheinhessen e.V.', street: 'Mainzer Straße 5', postcode: '55411', city: 'Bingen am Rhein', phone: '06721 3090-0', email: 'verein@frauenhaus-rheinhessen.example', verified: true },
];

export const HELP_FACILITIES: DemoFacility[] = [
  { key: 'hs-neumarkt', provider: 'hs-koeln', name: 'Beratungshaus am Neumarkt', street: 'Cäcilienstraße 40', postcode: '50667', city: 'Köln', districtAgs: '05315', lat: 50.9355, lon: 6.948, phone: '0221 9257-10', openingHours: 'Mo–Fr 9–17 Uhr, Do bis 19 Uhr', accessibility: 'stufenlos, Aufzug' },
  { key: 'fh-koeln-ost', provider: 'fh-koeln', name: 'Frauenhaus Köln-Ost', street: 'Olpener Straße 500', postcode: '51109', city: 'Köln', districtAgs: '05315', lat: 50.9362, lon: 7.0578, phone: '0221 5102-24', addressConfidential: true },
  { key: 'hs-suedvorstadt', provider: 'hs-leipzig', name: 'Beratungszentrum Südvorstadt', street: 'Karl-Liebknecht-Straße 59', postcode: '04275', city: 'Leipzig', districtAgs: '14713', lat: 51.3227, lon: 12.3745, phone: '0341 2254-10', openingHours: 'Mo–Do 9–18 Uhr' },
  { key: 'fh-leipzig-west', provider: 'fh-leipzig', name: 'Frauenschutzhaus Leipzig', street: 'Lützner Straße 150', postcode: '04179', city: 'Leipzig', districtAgs: '14713', lat: 51.3345, lon: 12.3307, phone: '0341 4791-24', addressConfidential: true },
  { key: 'hs-beckergrube', provider: 'hs-luebeck', name: 'Beratungsstelle Beckergrube', street: 'Beckergrube 40', postcode: '23552', city: 'Lübeck', districtAgs: '01003', lat: 53.8688, lon: 10.6833, phone: '0451 7063-10', accessibility: 'Eingang mit Rampe' },
  { key: 'fh-luebeck-sued', provider: 'fh-luebeck', name: 'Frauenhaus Lübeck', street: 'Ratzeburger Allee 160', postcode: '23564', city: 'Lübeck', districtAgs: '01003', lat: 53.8467, lon: 10.705, phone: '0451 6614-24', addressConfidential: true },
  { key: 'hs-ingelheim', provider: 'hs-rheinhessen', name: 'Beratungszentrum Ingelheim', street: 'Binger Straße 12', postcode: '55218', city: 'Ingelheim am Rhein', districtAgs: '07339', lat: 49.9731, lon: 8.0526, phone: '06132 4410-10' },
  { key: 'fh-bingen', provider: 'fh-rheinhessen', name: 'Frauenhaus Bingen', street: 'Gaustraße 20', postcode: '55411', city: 'Bingen am Rhein', districtAgs: '07339', lat: 49.966, lon: 7.9, phone: '06721 3090-24', addressConfidential: true },
];

const counselling = (o: Omit<DemoUnit, 'setting' | 'ageMin' | 'ageMax'> & Partial<DemoUnit>): DemoUnit => ({ setting: 'ambulant', ageMin: 0, ageMax: 27, ...o });
const shelter = (owner: string, facility: string, name: string, capacity: number, free: number): DemoUnit => ({
  owner,
  facility,
  name,
  description: 'Schutz und Beratung für Frauen und ihre Kinder bei häuslicher Gewalt. Aufnahme nach telefonischer Absprache, auch nachts über das Hilfetelefon 116 016.',
  setting: 'stationaer',
  serviceTypes: ['frauenhaus-gewaltschutz'],
  ageMin: 0,
  ageMax: 27,
  languages: ['de', 'en', 'ar', 'tr', 'ru'],
  capacity,
  free,
  confirmedDaysAgo: 0,
});

export const HELP_UNITS: DemoUnit[] = [
  // --- Köln
  counselling({ owner: 'hs-koeln', facility: 'hs-neumarkt', name: 'Schuldner- und Insolvenzberatung Köln-Mitte', description: 'Kostenlose Beratung bei Schulden, Pfändung und Verbraucherinsolvenz, auch für junge Erwachsene.', serviceTypes: ['schuldnerberatung'], ageMin: 16, languages: ['de', 'tr'] }),
  counselling({ owner: 'hs-koeln', facility: 'hs-neumarkt', name: 'Sucht- und Drogenberatung Köln-Mitte', description: 'Beratung zu Alkohol, Cannabis, Medikamenten und Mediensucht, für Betroffene und Angehörige; Jugendsprechstunde mittwochs.', serviceTypes: ['sucht-drogenberatung'], ageMin: 12 }),
  counselling({ owner: 'hs-koeln', facility: 'hs-neumarkt', name: 'Schwangerschaftsberatung Köln-Mitte', description: 'Beratung in der Schwangerschaft und im Schwangerschaftskonflikt (mit Beratungsschein), Hilfen der Bundesstiftung Mutter und Kind.', serviceTypes: ['schwangerschaftsberatung'], ageMin: 12, genders: ['female', 'male', 'diverse'] }),
  counselling({ owner: 'hs-koeln', facility: 'hs-neumarkt', name: 'Kinderschutz-Fachberatung Köln (insoweit erfahrene Fachkraft)', description: 'Fachberatung für Fachkräfte bei der Einschätzung einer Kindeswohlgefährdung (§§ 8a, 8b SGB VIII).', serviceTypes: ['kinderschutz-fachberatung'] }),
  shelter('fh-koeln', 'fh-koeln-ost', 'Frauenhaus Köln-Ost', 8, 1),
  // --- Leipzig
  counselling({ owner: 'hs-leipzig', facility: 'hs-suedvorstadt', name: 'Schuldnerberatung Leipzig-Süd', serviceTypes: ['schuldnerberatung'], ageMin: 16, languages: ['de', 'ru', 'uk'] }),
  counselling({ owner: 'hs-leipzig', facility: 'hs-suedvorstadt', name: 'Suchtberatung Leipzig-Süd', description: 'Sucht- und Drogenberatung mit offener Sprechstunde; Angebote für Kinder aus suchtbelasteten Familien.', serviceTypes: ['sucht-drogenberatung'], ageMin: 10 }),
  counselling({ owner: 'hs-leipzig', facility: 'hs-suedvorstadt', name: 'Migrationsberatung und Jugendmigrationsdienst Leipzig', serviceTypes: ['migrationsberatung'], ageMin: 12, languages: ['de', 'ar', 'fa', 'uk', 'ru', 'vi'] }),
  counselling({ owner: 'hs-leipzig', facility: 'hs-suedvorstadt', name: 'Frühe Hilfen Leipzig-Süd', description: 'Familienhebammen, Willkommensbesuche und Beratung für Eltern mit Babys und Kleinkindern.', serviceTypes: ['fruehe-hilfen', '16'], ageMax: 3 }),
  shelter('fh-leipzig', 'fh-leipzig-west', 'Frauenschutzhaus Leipzig', 10, 2),
  // --- Lübeck
  counselling({ owner: 'hs-luebeck', facility: 'hs-beckergrube', name: 'Schuldnerberatung Lübeck', serviceTypes: ['schuldnerberatung'], ageMin: 16 }),
  counselling({ owner: 'hs-luebeck', facility: 'hs-beckergrube', name: 'Sucht- und Drogenberatung Lübeck', serviceTypes: ['sucht-drogenberatung'], ageMin: 12, languages: ['de', 'pl'] }),
  counselling({ owner: 'hs-luebeck', facility: 'hs-beckergrube', name: 'Schulsozialarbeit Lübeck-Moisling', description: 'Schulsozialarbeit an drei Schulen in Moisling und Buntekuh: Beratung bei Mobbing, Schulangst und Konflikten.', serviceTypes: ['schulsozialarbeit'], ageMin: 6, ageMax: 18 }),
  counselling({ owner: 'hs-luebeck', facility: 'hs-beckergrube', name: 'Schulpsychologische Beratung Lübeck', serviceTypes: ['schulpsychologie'], ageMin: 6, ageMax: 21 }),
  shelter('fh-luebeck', 'fh-luebeck-sued', 'Frauenhaus Lübeck', 7, 0),
  // --- Mainz-Bingen
  counselling({ owner: 'hs-rheinhessen', facility: 'hs-ingelheim', name: 'Schuldnerberatung Ingelheim', serviceTypes: ['schuldnerberatung'], ageMin: 16 }),
  counselling({ owner: 'hs-rheinhessen', facility: 'hs-ingelheim', name: 'Suchtberatung Ingelheim', serviceTypes: ['sucht-drogenberatung'], ageMin: 12 }),
  counselling({ owner: 'hs-rheinhessen', facility: 'hs-ingelheim', name: 'Kinder- und Jugendpsychiatrische Ambulanz Ingelheim', description: 'Ambulante Diagnostik und Psychotherapie für Kinder und Jugendliche, Termine nach Überweisung.', serviceTypes: ['kinder-jugendpsychiatrie'], ageMax: 18 }),
  shelter('fh-rheinhessen', 'fh-bingen', 'Frauenhaus Bingen', 6, 1),
];
