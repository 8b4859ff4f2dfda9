import type { OfferRow, Taxonomy, TermRow } from '../directory/service';
import { compact, hsdsId, safeEmail, safeUrl, salIdOf, STATE_NAMES } from './ids';

/** An HSDS object as sent: plain JSON. */
export type Json = Record<string, unknown>;

/** The taxonomies the directory speaks: our taxonomy tables, each an HSDS taxonomy. */
export const TAXONOMIES = {
  service_types: {
    id: hsdsId('taxonomy', 'service_types'),
    name: 'Leistungsarten nach SGB VIII',
    description:
      'Types of service of German child and youth welfare (Kinder- und Jugendhilfe, SGB VIII), by section of the law, and the local services families are referred to beside it (Frühe Hilfen, pregnancy, addiction and debt counselling, child psychiatry, school, child protection advice, women\'s shelters, migration), each with its legal basis.',
    uri: 'https://www.gesetze-im-internet.de/sgb_8/',
    version: '1',
    linkType: 'service_type',
  },
  settings: {
    id: hsdsId('taxonomy', 'settings'),
    name: 'Betreuungsform',
    description: 'Setting of an offer: residential (stationär), day care (teilstationär) or outpatient (ambulant).',
    uri: undefined,
    version: '1',
    linkType: 'setting',
  },
  specialisations: {
    id: hsdsId('taxonomy', 'specialisations'),
    name: 'Schwerpunkte',
    description: 'Specialisations of an offer (e.g. trauma, infants, unaccompanied minors).',
    uri: undefined,
    version: '1',
    linkType: 'specialisation',
  },
} as const;
export type TaxonomyKey = keyof typeof TAXONOMIES;

export interface HsdsTerm {
  id: string;
  key: TaxonomyKey;
  code: string;
  json: Json;
}

export interface HsdsTaxonomy {
  terms: HsdsTerm[];
  byCode: Map<string, HsdsTerm>;
  byId: Map<string, HsdsTerm>;
  languageNames: Map<string, string>;
  settingNames: Map<string, string>;
  typeNames: Map<string, string>;
}

export const termId = (key: TaxonomyKey, code: string) => hsdsId('taxonomy_term', key, code);

export function taxonomyObject(key: TaxonomyKey): Json {
  const t = TAXONOMIES[key];
  return compact({ id: t.id, name: t.name, description: t.description, uri: t.uri, version: t.version });
}

/** Builds the HSDS terms from the taxonomy tables. Foster care is no setting of the directory. */
export function buildTaxonomy(tax: Taxonomy): HsdsTaxonomy {
  const terms: HsdsTerm[] = [];
  const add = (key: TaxonomyKey, t: TermRow & { section?: string }) => {
    const id = termId(key, t.code);
    const description = t.section ? `${t.section}: ${t.nameDe} (${t.nameEn})` : `${t.nameDe} (${t.nameEn})`;
    terms.push({
      id,
      key,
      code: t.code,
      json: { id, code: t.code, name: t.nameDe, description, taxonomy: TAXONOMIES[key].name, taxonomy_id: TAXONOMIES[key].id, language: 'de' },
    });
  };
  for (const t of tax.serviceTypes) add('service_types', t);
  for (const t of tax.settings.filter((s) => s.code !== 'pflegefamilie')) add('settings', t);
  for (const t of tax.specialisations) add('specialisations', t);
  return {
    terms,
    byCode: new Map(terms.map((t) => [`${t.key}:${t.code}`, t])),
    byId: new Map(terms.map((t) => [t.id, t])),
    languageNames: new Map(tax.languages.map((l) => [l.code, l.nameDe])),
    settingNames: new Map(tax.settings.map((s) => [s.code, s.nameDe])),
    typeNames: new Map(tax.serviceTypes.map((s) => [s.code, `${s.nameDe} (${s.section})`])),
  };
}

export interface ProviderLike {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  city: string | null;
}

export function organization(p: ProviderLike): Json {
  return compact({
    id: p.id,
    name: p.name,
    description: `${p.name}: Träger der Kinder- und Jugendhilfe${p.city ? ` in ${p.city}` : ''}, von der Heimplatzbörse geprüft.`,
    email: safeEmail(p.email),
    website: safeUrl(p.website),
  });
}

export function organizationPhones(p: ProviderLike): Json[] {
  return p.phone ? [{ id: hsdsId('phone', 'organization', p.id), organization_id: p.id, number: p.phone, type: 'voice' }] : [];
}

export const providerOf = (r: OfferRow): ProviderLike => ({
  id: r.providerId,
  name: r.providerName,
  email: r.providerEmail,
  phone: r.providerPhone,
  website: r.providerWebsite,
  city: r.providerCity,
});

/** A facility as an HSDS location, with its address, phone, accessibility and opening hours. */
export function location(r: OfferRow): Json {
  const id = r.facilityId;
  const addresses =
    r.street && r.postcode && r.city
      ? [
          {
            id: hsdsId('address', id),
            location_id: id,
            address_1: r.street,
            city: r.city,
            region: r.districtName ?? undefined,
            state_province: r.stateCode ? (STATE_NAMES[r.stateCode] ?? '') : '',
            postal_code: r.postcode,
            country: 'DE',
            address_type: 'physical',
          },
        ].map(compact)
      : [];
  return compact({
    id,
    location_type: 'physical',
    organization_id: r.providerId,
    name: r.facilityName,
    latitude: r.facilityLat,
    longitude: r.facilityLon,
    addresses,
    phones: r.facilityPhone ? [{ id: hsdsId('phone', 'location', id), location_id: id, number: r.facilityPhone, type: 'voice' }] : [],
    accessibility: r.accessibility ? [{ id: hsdsId('accessibility', id), location_id: id, description: r.accessibility }] : [],
    schedules: r.openingHours ? [{ id: hsdsId('schedule', id), location_id: id, description: r.openingHours }] : [],
  });
}

const GENDER_DE: Record<string, string> = { female: 'weiblich', male: 'männlich', diverse: 'divers' };
const latest = (...xs: string[]) => xs.reduce((a, b) => (a > b ? a : b));

/** When anything shown for the offer last changed (unit, facility or provider). */
export const lastModified = (r: OfferRow) => latest(r.updatedAt, r.facilityUpdatedAt, r.providerUpdatedAt);

/** The one-to-one fields of a service (HSDS service_list) with its organization. */
export function serviceBasic(r: OfferRow, tax: HsdsTaxonomy): Json {
  const types = r.serviceTypes.map((c) => tax.typeNames.get(c) ?? c);
  const others = r.languages.filter((l) => l !== 'de').map((l) => tax.languageNames.get(l) ?? l);
  const genders = r.genders.length < 3 ? ` (${r.genders.map((g) => GENDER_DE[g] ?? g).join(', ')})` : '';
  return compact({
    id: r.id,
    organization_id: r.providerId,
    name: r.name,
    description: r.description ?? `${types.join(', ')}, ${tax.settingNames.get(r.setting) ?? r.setting}`,
    url: safeUrl(r.facilityWebsite ?? r.providerWebsite),
    email: safeEmail(r.contactEmail ?? r.facilityEmail ?? r.providerEmail),
    status: 'active',
    interpretation_services: others.length ? `Auch auf: ${others.join(', ')}` : undefined,
    eligibility_description: `Für junge Menschen von ${r.ageMin} bis ${r.ageMax} Jahren${genders}.`,
    minimum_age: r.ageMin,
    maximum_age: r.ageMax,
    last_modified: lastModified(r),
    organization: organization(providerOf(r)),
  });
}

/** Residential places as HSDS service_capacity: free places now, in the unit "Plätze". */
export const PLACES_UNIT = { id: hsdsId('unit', 'places'), name: 'Plätze', scheme: 'heimplatzboerse', identifier: 'places' };

export function capacities(r: OfferRow): Json[] {
  if (r.capacityTotal === null) return [];
  return [
    {
      id: hsdsId('capacity', r.id),
      service_id: r.id,
      unit: PLACES_UNIT,
      unit_id: PLACES_UNIT.id,
      available: r.freePlaces ?? 0,
      maximum: r.capacityTotal,
      description: 'Freie Plätze, vom Träger bestätigt',
      updated: r.lastConfirmedAt ?? r.updatedAt,
    },
  ];
}

function attributes(r: OfferRow, tax: HsdsTaxonomy): Json[] {
  const pairs: [TaxonomyKey, string][] = [
    ...r.serviceTypes.map((c): [TaxonomyKey, string] => ['service_types', c]),
    ['settings', r.setting],
    ...r.specialisations.map((c): [TaxonomyKey, string] => ['specialisations', c]),
  ];
  return pairs.flatMap(([key, code]) => {
    const term = tax.byCode.get(`${key}:${code}`);
    if (!term) return [];
    return [
      {
        id: hsdsId('attribute', r.id, key, code),
        link_id: r.id,
        link_type: TAXONOMIES[key].linkType,
        link_entity: 'service',
        taxonomy_term_id: term.id,
        taxonomy_term: term.json,
        label: term.json.name,
        value: code,
      },
    ];
  });
}

export function serviceAtLocation(r: OfferRow, tax: HsdsTaxonomy, withService: boolean): Json {
  return compact({
    id: salIdOf(r.id),
    service_id: r.id,
    location_id: r.facilityId,
    location: location(r),
    service: withService ? serviceBasic(r, tax) : undefined,
  });
}

/** A fully nested service (HSDS compiled service). */
export function serviceFull(r: OfferRow, tax: HsdsTaxonomy): Json {
  const phone = r.contactPhone ?? r.facilityPhone ?? r.providerPhone;
  return {
    ...serviceBasic(r, tax),
    phones: phone ? [{ id: hsdsId('phone', 'service', r.id), service_id: r.id, number: phone, type: 'voice' }] : [],
    languages: r.languages.map((code) => ({ id: hsdsId('language', r.id, code), service_id: r.id, name: tax.languageNames.get(code) ?? code, code })),
    service_at_locations: [serviceAtLocation(r, tax, false)],
    capacities: capacities(r),
    attributes: attributes(r, tax),
  };
}
