/**
 * The demo's facilities and units: real towns and coordinates, invented facilities and streets.
 * A mix the marketplace must handle: § 34 groups, an Inobhutnahme unit with 24/7 intake, a § 19
 * mother-child unit, § 35a, a UMA group, foster places with a coarse location only, planned
 * vacancies, directory-only offers (§ 28, § 31, § 32), and some listings stale on purpose.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { HELP_FACILITIES, HELP_UNITS } from './demo-help-system';

export interface DemoFacility {
  key: string;
  provider: string;
  name: string;
  street: string;
  postcode: string;
  city: string;
  districtAgs: string;
  lat: number;
  lon: number;
  phone: string;
  email?: string;
  openingHours?: string;
  accessibility?: string;
  licenceRef?: string;
  /** the public sees only postcode and city */
  addressConfidential?: boolean;
}

export interface DemoUnit {
  owner: string;
  facility?: string;
  name: string;
  description?: string;
  setting: 'stationaer' | 'teilstationaer' | 'ambulant' | 'pflegefamilie';
  serviceTypes: string[];
  ageMin: number;
  ageMax: number;
  genders?: string[];
  specialisations?: string[];
  exclusions?: string[];
  languages?: string[];
  secureSetting?: boolean;
  siblingsMax?: number;
  stepFree?: boolean;
  emergencyPhone?: string;
  maxAnswerHours?: number;
  staffingRatio?: string;
  therapyInHouse?: boolean;
  schoolingOnSite?: boolean;
  dailyRate?: number;
  residents?: [number, number, number, number, number];
  capacity?: number;
  free?: number;
  /** days since the last confirmation (stale on purpose when > 7) */
  confirmedDaysAgo?: number;
  planned?: { inDays: number; places: number; note?: string }[];
  externalRef?: string;
  /** foster places: the confidential address (owner only) */
  foster?: { street: string; postcode: string; city: string; districtAgs: string };
}

const ALL = ['female', 'male', 'diverse'];

const CORE_FACILITIES: DemoFacility[] = [
  { key: 'ehrenfeld', provider: 'tr-rheinland', name: 'Kinder- und Jugendhaus Ehrenfeld', street: 'Venloer Straße 421', postcode: '50825', city: 'Köln', districtAgs: '05315', lat: 50.9519, lon: 6.9137, phone: '0221 4883-200', email: 'ehrenfeld@jhv-rheinland.example', accessibility: 'Erdgeschoss stufenlos, Aufzug', licenceRef: 'LVR-BE 34-1187' },
  { key: 'porz', provider: 'tr-rheinland', name: 'Jugendhilfezentrum Porz', street: 'Hauptstraße 333', postcode: '51143', city: 'Köln', districtAgs: '05315', lat: 50.882, lon: 7.053, phone: '0221 4883-300', openingHours: 'Mo–Fr 8–18 Uhr', licenceRef: 'LVR-BE 34-2210' },
  { key: 'rochusberg', provider: 'tr-rheinhessen', name: 'Haus am Rochusberg', street: 'Rochusallee 10', postcode: '55411', city: 'Bingen am Rhein', districtAgs: '07339', lat: 49.963, lon: 7.905, phone: '06721 9840-10', licenceRef: 'LSJV RP 45-0931' },
  { key: 'ingelheim', provider: 'tr-rheinhessen', name: 'Jugendwohnen Ingelheim', street: 'Bahnhofstraße 50', postcode: '55218', city: 'Ingelheim am Rhein', districtAgs: '07339', lat: 49.9747, lon: 8.0562, phone: '06132 71450', licenceRef: 'LSJV RP 45-1102' },
  { key: 'moisling', provider: 'tr-trave', name: 'Jugendwohnen Moisling', street: 'Moislinger Allee 90', postcode: '23558', city: 'Lübeck', districtAgs: '01003', lat: 53.8542, lon: 10.6573, phone: '0451 88901-20', accessibility: 'nicht stufenlos (Altbau)', licenceRef: 'SH-BE 2019-044' },
  { key: 'travemuende', provider: 'tr-trave', name: 'Jugendhaus Travemünde', street: 'Kurgartenstraße 2', postcode: '23570', city: 'Lübeck', districtAgs: '01003', lat: 53.9606, lon: 10.87, phone: '0451 88901-40', licenceRef: 'SH-BE 2021-017' },
  { key: 'connewitz', provider: 'tr-sachsen', name: 'Familienzentrum Connewitz', street: 'Karl-Liebknecht-Straße 145', postcode: '04277', city: 'Leipzig', districtAgs: '14713', lat: 51.32, lon: 12.3739, phone: '0341 30855-10', openingHours: 'Mo–Do 9–18 Uhr, Fr 9–14 Uhr', accessibility: 'stufenlos, barrierefreies WC' },
  { key: 'gruenau', provider: 'tr-sachsen', name: 'Kinderhaus Grünau', street: 'Stuttgarter Allee 18', postcode: '04209', city: 'Leipzig', districtAgs: '14713', lat: 51.319, lon: 12.29, phone: '0341 30855-40', licenceRef: 'KSV-BE 14-0672' },
  { key: 'ahrtal', provider: 'tr-neu', name: 'Wohngruppe Ahrtal', street: 'Hauptstraße 12', postcode: '53474', city: 'Bad Neuenahr-Ahrweiler', districtAgs: '07131', lat: 50.545, lon: 7.113, phone: '02641 3710' },
];

const CORE_UNITS: DemoUnit[] = [
  // --- Jugendhilfeverbund Rheinland (Köln)
  { owner: 'tr-rheinland', facility: 'ehrenfeld', name: 'Wohngruppe Lindenhof', description: 'Koedukative Regelgruppe mit neun Plätzen, enge Zusammenarbeit mit den Schulen im Veedel.', setting: 'stationaer', serviceTypes: ['34', '41'], ageMin: 12, ageMax: 18, specialisations: ['trauma', 'school-refusal'], exclusions: ['acute-psychosis', 'active-drug-dependence'], languages: ['de', 'en', 'tr'], siblingsMax: 2, stepFree: true, maxAnswerHours: 24, staffingRatio: '1:1,8', dailyRate: 238.4, residents: [13, 17, 3, 4, 0], capacity: 9, free: 2, confirmedDaysAgo: 0, externalRef: 'KEH-LH', planned: [{ inDays: 21, places: 1, note: 'Auszug in eigene Wohnung' }] },
  { owner: 'tr-rheinland', facility: 'ehrenfeld', name: 'Inobhutnahme Köln-West (Notaufnahme 24/7)', description: 'Aufnahme rund um die Uhr, auch durch Polizei und Bereitschaftsdienst.', setting: 'stationaer', serviceTypes: ['42', '42a'], ageMin: 12, ageMax: 17, specialisations: ['trauma', 'uma'], languages: ['de', 'en', 'ar', 'fa'], stepFree: true, emergencyPhone: '0221 4883-199', maxAnswerHours: 1, staffingRatio: '1:1,2', dailyRate: 312, residents: [13, 17, 2, 3, 0], capacity: 6, free: 1, confirmedDaysAgo: 0, externalRef: 'KEH-ION' },
  { owner: 'tr-rheinland', facility: 'ehrenfeld', name: 'Intensivgruppe Phoenix', description: 'Therapeutische Gruppe für Kinder mit seelischer Behinderung (§ 35a), Kinder- und Jugendpsychotherapie im Haus.', setting: 'stationaer', serviceTypes: ['35a-stat', '34'], ageMin: 10, ageMax: 16, specialisations: ['psychiatric', 'attachment', 'autism'], exclusions: ['acute-suicidality', 'severe-aggression'], therapyInHouse: true, schoolingOnSite: true, staffingRatio: '1:1', dailyRate: 398.9, residents: [11, 15, 2, 3, 0], capacity: 5, free: 0, confirmedDaysAgo: 1, planned: [{ inDays: 30, places: 1 }] },
  { owner: 'tr-rheinland', facility: 'porz', name: 'Mutter-Kind-Haus Porz', description: 'Gemeinsame Wohnform nach § 19 für Schwangere und junge Mütter mit Kindern unter sechs Jahren.', setting: 'stationaer', serviceTypes: ['19'], ageMin: 16, ageMax: 27, genders: ['female'], specialisations: ['pregnancy', 'infants'], exclusions: ['active-drug-dependence'], languages: ['de', 'ru', 'uk'], stepFree: true, dailyRate: 189, residents: [17, 24, 5, 0, 0], capacity: 7, free: 1, confirmedDaysAgo: 2, planned: [{ inDays: 45, places: 2, note: 'zwei Apartments nach Renovierung' }] },
  { owner: 'tr-rheinland', facility: 'porz', name: 'Erziehungsberatungsstelle Porz', description: 'Beratung für Eltern, Kinder und Jugendliche; offene Sprechstunde dienstags.', setting: 'ambulant', serviceTypes: ['28', '17-18'], ageMin: 0, ageMax: 27, languages: ['de', 'tr', 'pl'], stepFree: true },
  { owner: 'tr-rheinland', facility: 'porz', name: 'SPFH-Team Köln-Süd', description: 'Sozialpädagogische Familienhilfe und Erziehungsbeistandschaft im Kölner Süden.', setting: 'ambulant', serviceTypes: ['31', '30'], ageMin: 0, ageMax: 21, languages: ['de', 'ar', 'tr'] },
  { owner: 'tr-rheinland', name: 'Bereitschaftspflegestelle Sürth', description: 'Bereitschaftspflegefamilie für Säuglinge und Kleinkinder, Aufnahme auch nachts.', setting: 'pflegefamilie', serviceTypes: ['33', '42'], ageMin: 0, ageMax: 6, specialisations: ['infants'], siblingsMax: 1, emergencyPhone: '0221 4883-199', capacity: 2, free: 1, confirmedDaysAgo: 0, foster: { street: 'Am Feldrain 7', postcode: '50999', city: 'Köln', districtAgs: '05315' } },
  // --- Kinder- und Jugendhilfe Rheinhessen (Bingen, Ingelheim)
  { owner: 'tr-rheinhessen', facility: 'rochusberg', name: 'Wohngruppe Rochusberg', setting: 'stationaer', serviceTypes: ['34'], ageMin: 8, ageMax: 14, specialisations: ['attachment'], exclusions: ['sexual-offending'], siblingsMax: 3, dailyRate: 221.5, residents: [8, 13, 4, 3, 0], capacity: 8, free: 1, confirmedDaysAgo: 3 },
  { owner: 'tr-rheinhessen', facility: 'rochusberg', name: 'Verselbstständigung Rheinhessen', description: 'Trainingswohnen für junge Menschen auf dem Weg in die eigene Wohnung.', setting: 'stationaer', serviceTypes: ['13-3', '34', '41'], ageMin: 16, ageMax: 21, languages: ['de', 'en'], staffingRatio: '1:4', dailyRate: 142, residents: [17, 20, 2, 2, 1], capacity: 6, free: 2, confirmedDaysAgo: 0 },
  { owner: 'tr-rheinhessen', facility: 'rochusberg', name: 'Tagesgruppe Bingen', description: 'Teilstationäre Hilfe nach § 32, werktags 12–17 Uhr mit Hausaufgabenbegleitung.', setting: 'teilstationaer', serviceTypes: ['32', '35a-amb'], ageMin: 6, ageMax: 14, stepFree: true },
  { owner: 'tr-rheinhessen', facility: 'ingelheim', name: 'UMA-Wohngruppe Ingelheim', description: 'Wohngruppe für unbegleitete minderjährige Geflüchtete, Sprachförderung und Clearing.', setting: 'stationaer', serviceTypes: ['34', '42a'], ageMin: 14, ageMax: 17, genders: ['male'], specialisations: ['uma', 'trauma'], languages: ['de', 'en', 'ar', 'fa', 'ps', 'ti', 'so'], maxAnswerHours: 12, dailyRate: 205, residents: [15, 17, 0, 6, 0], capacity: 9, free: 3, confirmedDaysAgo: 0, externalRef: 'ING-UMA' },
  // --- Trave Jugendwohnen (Lübeck)
  { owner: 'tr-trave', facility: 'moisling', name: 'Inobhutnahme Lübeck (Notaufnahme)', setting: 'stationaer', serviceTypes: ['42'], ageMin: 6, ageMax: 17, specialisations: ['trauma'], emergencyPhone: '0451 88901-11', maxAnswerHours: 1, dailyRate: 295, residents: [9, 16, 2, 2, 0], capacity: 5, free: 0, confirmedDaysAgo: 0, planned: [{ inDays: 3, places: 1, note: 'Rückführung in die Familie geplant' }] },
  { owner: 'tr-trave', facility: 'moisling', name: 'Wohngruppe Buntekuh', setting: 'stationaer', serviceTypes: ['34'], ageMin: 12, ageMax: 17, specialisations: ['delinquency'], exclusions: ['wheelchair'], dailyRate: 214, residents: [13, 17, 1, 5, 0], capacity: 8, free: 2, confirmedDaysAgo: 10 },
  { owner: 'tr-trave', facility: 'moisling', name: 'Wohngruppe Holstentor', setting: 'stationaer', serviceTypes: ['34'], ageMin: 10, ageMax: 16, dailyRate: 209, capacity: 7, free: 1, confirmedDaysAgo: 19 },
  { owner: 'tr-trave', facility: 'travemuende', name: 'Intensivpädagogische Gruppe Priwall', description: 'Intensive Einzelbetreuung mit Schule im Haus; freiheitsentziehende Maßnahmen nur mit familiengerichtlicher Genehmigung (§ 1631b BGB).', setting: 'stationaer', serviceTypes: ['35', '34'], ageMin: 13, ageMax: 17, specialisations: ['delinquency', 'addiction'], secureSetting: true, staffingRatio: '1:1', therapyInHouse: true, schoolingOnSite: true, dailyRate: 455, residents: [14, 17, 1, 3, 0], capacity: 4, free: 1, confirmedDaysAgo: 5 },
  // --- Familienhilfe Westsachsen (Leipzig)
  { owner: 'tr-sachsen', facility: 'connewitz', name: 'Mutter/Vater-Kind-Wohnen Connewitz', setting: 'stationaer', serviceTypes: ['19'], ageMin: 15, ageMax: 25, genders: ['female', 'male'], specialisations: ['pregnancy', 'infants', 'intellectual-disability'], stepFree: true, dailyRate: 176.3, residents: [16, 23, 4, 1, 0], capacity: 6, free: 2, confirmedDaysAgo: 0 },
  { owner: 'tr-sachsen', facility: 'connewitz', name: 'Erziehungsberatung Leipzig-Süd', setting: 'ambulant', serviceTypes: ['28', '16'], ageMin: 0, ageMax: 27, languages: ['de', 'vi', 'ru'], stepFree: true },
  { owner: 'tr-sachsen', facility: 'connewitz', name: 'Sozialpädagogische Familienhilfe Leipzig', setting: 'ambulant', serviceTypes: ['31'], ageMin: 0, ageMax: 18, languages: ['de', 'ar', 'ru', 'uk'] },
  { owner: 'tr-sachsen', facility: 'gruenau', name: 'Wohngruppe Grünau', description: 'Familienanaloge Gruppe, Geschwister werden gemeinsam aufgenommen.', setting: 'stationaer', serviceTypes: ['34'], ageMin: 6, ageMax: 12, specialisations: ['attachment'], siblingsMax: 3, dailyRate: 198, residents: [6, 11, 3, 3, 0], capacity: 8, free: 3, confirmedDaysAgo: 1 },
  { owner: 'tr-sachsen', facility: 'gruenau', name: 'Heilpädagogische Gruppe Grünau', setting: 'stationaer', serviceTypes: ['35a-stat'], ageMin: 8, ageMax: 15, specialisations: ['intellectual-disability', 'autism'], exclusions: ['nursing-care'], therapyInHouse: true, stepFree: true, dailyRate: 342, capacity: 6, free: 1, confirmedDaysAgo: 9 },
  { owner: 'tr-sachsen', name: 'Pflegestelle Markkleeberg', setting: 'pflegefamilie', serviceTypes: ['33'], ageMin: 0, ageMax: 10, siblingsMax: 2, capacity: 2, free: 2, confirmedDaysAgo: 4, foster: { street: 'Lindenweg 4', postcode: '04416', city: 'Markkleeberg', districtAgs: '14729' } },
  // --- foster places of offices' foster services (Pflegekinderdienst)
  { owner: 'ja-leipzig', name: 'Bereitschaftspflege Leipzig-Nord', description: 'Bereitschaftspflegefamilie des Pflegekinderdienstes.', setting: 'pflegefamilie', serviceTypes: ['33', '42'], ageMin: 0, ageMax: 3, specialisations: ['infants'], emergencyPhone: '0341 123-4600', capacity: 1, free: 1, confirmedDaysAgo: 0, foster: { street: 'Eutritzscher Markt 9', postcode: '04129', city: 'Leipzig', districtAgs: '14713' } },
  { owner: 'ja-koeln', name: 'Pflegefamilie Nippes', setting: 'pflegefamilie', serviceTypes: ['33'], ageMin: 3, ageMax: 12, languages: ['de', 'tr'], siblingsMax: 1, capacity: 2, free: 0, confirmedDaysAgo: 12, foster: { street: 'Neusser Wall 3', postcode: '50733', city: 'Köln', districtAgs: '05315' } },
  // --- not yet verified: visible to its own organisation only
  { owner: 'tr-neu', facility: 'ahrtal', name: 'Wohngruppe Ahrtal', setting: 'stationaer', serviceTypes: ['34'], ageMin: 10, ageMax: 17, dailyRate: 219, capacity: 7, free: 4, confirmedDaysAgo: 0 },
];

export const DEMO_FACILITIES: DemoFacility[] = [...CORE_FACILITIES, ...HELP_FACILITIES];
export const DEMO_UNITS: DemoUnit[] = [...CORE_UNITS, ...HELP_UNITS];

/** Demo extension: facilities, units, planned vacancies and foster addresses of the demo organisations, a few statements in all. */
export async function seedDemoPlaces(ctx: AppContext, orgIds: Map<string, string>): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const kinds = new Map((await tx<{ id: string; kind: string }[]>`select id, kind from organisations where id = any(${[...orgIds.values()]}::uuid[])`).map((r) => [r.id, r.kind]));
    const postcodes = [...new Set(DEMO_UNITS.filter((u) => !u.facility).map((u) => u.foster!.postcode))];
    const points = new Map((await tx<{ code: string; lat: number; lon: number; towns: string[] }[]>`select code, lat, lon, towns from postcodes where code = any(${postcodes}::text[])`).map((p) => [p.code, p]));
    const facilityIds = new Map<string, { id: string; f: DemoFacility }>();
    const facilities = DEMO_FACILITIES.map((f) => {
      const { key, provider, ...row } = f;
      const id = randomUUID();
      facilityIds.set(key, { id, f });
      const optional = { email: null, openingHours: null, accessibility: null, licenceRef: null, addressConfidential: false };
      return { ...optional, ...row, id, providerId: orgIds.get(provider)!, licencePresent: !!row.licenceRef };
    });
    await tx`insert into facilities ${tx(facilities as unknown as Record<string, string>[])}`;
    const units = DEMO_UNITS.map((u) => {
      const fac = u.facility ? facilityIds.get(u.facility)! : undefined;
      return { id: randomUUID(), u, ...unitRow(u, orgIds.get(u.owner)!, kinds, fac?.f, fac?.id, points) };
    });
    await tx`insert into units ${tx(units.map(({ u, ...row }) => row) as unknown as Record<string, string>[])}`;
    const fosters = units.filter(({ u }) => u.foster).map(({ id, u }) => ({ unitId: id, street: u.foster!.street, postcode: u.foster!.postcode, city: u.foster!.city }));
    if (fosters.length) await tx`insert into foster_addresses ${tx(fosters)}`;
    const planned = units.flatMap(({ id, u }) => (u.planned ?? []).map((p) => ({ id, ...p })));
    if (planned.length) {
      await tx`insert into planned_vacancies (unit_id, available_from, places, note)
        select unit_id, current_date + in_days, places, note
        from unnest(${planned.map((p) => p.id)}::uuid[], ${planned.map((p) => p.inDays)}::int[], ${planned.map((p) => p.places)}::int[], ${planned.map((p) => p.note ?? null) as string[]}::text[])
          as x (unit_id, in_days, places, note)`;
    }
  });
}

function unitRow(u: DemoUnit, ownerId: string, kinds: Map<string, string>, fac: DemoFacility | undefined, facilityId: string | undefined, points: Map<string, { lat: number; lon: number; towns: string[] }>) {
  const coarse = fac ? undefined : points.get(u.foster!.postcode);
  if (!fac && !coarse) throw new Error(`demo: unknown postcode ${u.foster!.postcode}`);
  const location = fac
    ? { lat: fac.lat, lon: fac.lon, postcode: fac.postcode, city: fac.city, districtAgs: fac.districtAgs, locationIsCoarse: false }
    : { lat: Math.round(coarse!.lat * 100) / 100, lon: Math.round(coarse!.lon * 100) / 100, city: coarse!.towns[0], postcode: null, districtAgs: u.foster!.districtAgs, locationIsCoarse: true };
  const confirmed = u.capacity === undefined && u.confirmedDaysAgo === undefined ? 0 : (u.confirmedDaysAgo ?? 0);
  const at = new Date(Date.now() - confirmed * 86_400_000 - 3_600_000 * (confirmed ? 3 : 0.5)).toISOString();
  return {
    ownerId,
    ownerKind: kinds.get(ownerId) === 'office' ? 'office' : 'provider',
    facilityId: facilityId ?? null,
    name: u.name,
    description: u.description ?? null,
    setting: u.setting,
    serviceTypes: u.serviceTypes,
    ageMin: u.ageMin,
    ageMax: u.ageMax,
    genders: u.genders ?? ALL,
    specialisations: u.specialisations ?? [],
    exclusions: u.exclusions ?? [],
    languages: u.languages ?? ['de'],
    secureSetting: u.secureSetting ?? false,
    siblingsMax: u.siblingsMax ?? 0,
    stepFree: u.stepFree ?? false,
    emergencyIntake: !!u.emergencyPhone,
    emergencyPhone: u.emergencyPhone ?? null,
    maxAnswerHours: u.maxAnswerHours ?? null,
    staffingRatio: u.staffingRatio ?? null,
    therapyInHouse: u.therapyInHouse ?? false,
    schoolingOnSite: u.schoolingOnSite ?? false,
    dailyRate: u.dailyRate ?? null,
    agreementPresent: u.dailyRate !== undefined,
    licencePresent: !!fac?.licenceRef,
    residentsAgeMin: u.residents?.[0] ?? null,
    residentsAgeMax: u.residents?.[1] ?? null,
    residentsFemale: u.residents?.[2] ?? null,
    residentsMale: u.residents?.[3] ?? null,
    residentsDiverse: u.residents?.[4] ?? null,
    capacityTotal: u.capacity ?? null,
    freePlaces: u.capacity === undefined ? null : (u.free ?? 0),
    lastConfirmedAt: at,
    availabilityChangedAt: at,
    contactPhone: fac?.phone ?? null,
    externalRef: u.externalRef ?? null,
    ...location,
  };
}
