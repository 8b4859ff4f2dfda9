import type { Db } from '../../db';

/**
 * What the public directory may show: units of verified providers in a non-archived facility,
 * not archived, and never a foster place. Every directory, HSDS and navigator query goes through this.
 * `pc` is the postcode's point of a facility whose address is confidential (see publicPoint).
 */
const listed = (db: Db) => db`
  from units u
  join organisations o on o.id = u.owner_id and o.kind = 'provider' and o.verified_at is not null
  join facilities f on f.id = u.facility_id and f.archived_at is null
  left join districts d on d.ags = coalesce(u.district_ags, f.district_ags)
  left join lateral (select p.lat, p.lon from postcodes p where p.code = f.postcode) pc on f.address_confidential
  where u.archived_at is null and u.setting <> 'pflegefamilie'`;

/**
 * The point the public sees: the exact one, or for a confidential address the postcode's centre (without
 * a postcode, rounded to about 10 km). Distances and the map use it, so neither gives the street away.
 */
const publicPoint = (db: Db, exact: 'u' | 'f') =>
  exact === 'u'
    ? {
        lat: db`(case when f.address_confidential then coalesce(pc.lat, round(u.lat::numeric, 1)::float8) else u.lat end)`,
        lon: db`(case when f.address_confidential then coalesce(pc.lon, round(u.lon::numeric, 1)::float8) else u.lon end)`,
      }
    : {
        lat: db`(case when f.address_confidential then coalesce(pc.lat, round(f.lat::numeric, 1)::float8) else f.lat end)`,
        lon: db`(case when f.address_confidential then coalesce(pc.lon, round(f.lon::numeric, 1)::float8) else f.lon end)`,
      };

/** How far a confidential facility may lie from its public point: the radius prefilter widens by this. */
const CONFIDENTIAL_MARGIN_KM = 30;

/** Live free counts of emergency intake units are never public. */
const isEmergency = (db: Db) => db`unit_is_emergency(u.emergency_intake, u.service_types)`;

export interface OfferCriteria {
  /** Folded search words with their stems (see keepMeaningfulTerms); each must match. */
  terms?: SearchTerm[];
  /** Any of these types of service. */
  types?: string[];
  /** The offer's age range must overlap [ageMin, ageMax]. */
  ageMin?: number;
  ageMax?: number;
  language?: string;
  district?: string;
  near?: { lat: number; lon: number; radiusKm?: number };
  providerId?: string;
  modifiedAfter?: string;
  settings?: string[];
  specialisations?: string[];
}

export interface OfferHit {
  id: string;
  distanceM: number | null;
  total: number;
}

/** Trigram word similarity from which a misspelt word still counts as a match. */
const TYPO_SIMILARITY = '0.55';

/** What one search word must match (see resolveTerms). */
function termCondition(db: Db, t: SearchTerm) {
  if (t.similar === null) {
    // a known word: as a word or word start (stemmed), or inside a compound ("beratung" in "Erziehungsberatung")
    const inside = t.stem.length >= 4 ? db`or dd.doc like ${`%${t.stem}%`}` : db``;
    return db`and (dd.tsv @@ to_tsquery('directory_german', ${`${t.term}:*`}) ${inside})`;
  }
  // misspelt: any of the similar words the directory knows
  if (!t.similar.length) return db`and false`;
  return db`and dd.tsv @@ to_tsquery('directory_german', ${t.similar.map((w) => `${w}:*`).join(' | ')})`;
}

/** Ids of listed offers matching the criteria, best first, with the total count. */
export async function searchOfferIds(tx: Db, c: OfferCriteria, page: { limit: number; offset: number }): Promise<OfferHit[]> {
  const terms = c.terms ?? [];
  const near = c.near;
  const pub = publicPoint(tx, 'u');
  const distance = near ? tx`earth_distance(ll_to_earth(${near.lat}, ${near.lon}), ll_to_earth(${pub.lat}, ${pub.lon}))` : tx`null::float8`;
  const termConds = terms.map((t) => termCondition(tx, t));
  const anyTerm = terms.flatMap((t) => t.similar ?? [t.term]).map((w) => `${w}:*`).join(' | ') || 'x';
  return tx<OfferHit[]>`
    select u.id, ${distance} as distance_m, count(*) over () as total
    ${listed(tx)}
    ${terms.length ? tx`and u.id in (select dd.unit_id from directory_docs dd where true ${termConds})` : tx``}
    ${c.types?.length ? tx`and u.service_types && ${c.types}::text[]` : tx``}
    ${c.ageMax !== undefined ? tx`and u.age_min <= ${c.ageMax}` : tx``}
    ${c.ageMin !== undefined ? tx`and u.age_max >= ${c.ageMin}` : tx``}
    ${c.language ? tx`and u.languages @> array[${c.language}]::text[]` : tx``}
    ${c.district ? tx`and coalesce(u.district_ags, f.district_ags) = ${c.district}` : tx``}
    ${c.providerId ? tx`and u.owner_id = ${c.providerId}` : tx``}
    ${c.settings?.length ? tx`and u.setting = any(${c.settings}::text[])` : tx``}
    ${c.specialisations?.length ? tx`and u.specialisations && ${c.specialisations}::text[]` : tx``}
    ${c.modifiedAfter ? tx`and greatest(u.updated_at, f.updated_at, o.updated_at) >= ${c.modifiedAfter}` : tx``}
    ${
      near?.radiusKm
        ? tx`and earth_box(ll_to_earth(${near.lat}, ${near.lon}), ${(near.radiusKm + CONFIDENTIAL_MARGIN_KM) * 1000}) @> u.pt
             and ${distance} <= ${near.radiusKm * 1000}`
        : tx``
    }
    order by
      ${near ? tx`distance_m asc,` : tx``}
      ${terms.length ? tx`(select ts_rank(dd.tsv, to_tsquery('directory_german', ${anyTerm})) from directory_docs dd where dd.unit_id = u.id) desc nulls last,` : tx``}
      o.name, u.name, u.id
    limit ${page.limit} offset ${page.offset}`;
}

export interface SearchTerm {
  term: string;
  /** The German stem ("beratungen" → "beratung"), to find the word inside compounds. */
  stem: string;
  /** null: the directory knows the word; else the known words most similar to it (a typo). */
  similar: string[] | null;
}

/**
 * Drops search words the German configuration treats as stop words ("und", "der"), stems the rest,
 * and for words the directory does not know looks up similar known words (trigram word similarity,
 * "Jugenhilfe" → "jugendhilfe"). Must run in a transaction: it sets the threshold for it only.
 */
export async function resolveTerms(tx: Db, terms: string[]): Promise<SearchTerm[]> {
  if (!terms.length) return [];
  await tx`select set_config('pg_trgm.word_similarity_threshold', ${TYPO_SIMILARITY}, true)`;
  const rows = await tx<(Omit<SearchTerm, 'similar'> & { known: boolean; similar: string[] })[]>`
    select term, stem,
      exists (select 1 from directory_docs dd where dd.tsv @@ to_tsquery('directory_german', term || ':*'))
        or (length(stem) >= 4 and exists (select 1 from directory_words w where w.word like '%' || stem || '%')) as known,
      array(select w.word from directory_words w where length(term) >= 4 and term <% w.word
            order by word_similarity(term, w.word) desc, w.word limit 8) as similar
    from (
      select t as term, coalesce((ts_lexize('german_stem', t))[1], t) as stem, i
      from unnest(${terms}::text[]) with ordinality as x(t, i)
      where numnode(to_tsquery('directory_german', t || ':*')) > 0
    ) y order by i`;
  return rows.map((r) => ({ term: r.term, stem: r.stem, similar: r.known ? null : r.similar }));
}

export interface OfferRow {
  id: string;
  name: string;
  description: string | null;
  setting: string;
  serviceTypes: string[];
  specialisations: string[];
  languages: string[];
  genders: string[];
  ageMin: number;
  ageMax: number;
  stepFree: boolean;
  emergencyIntake: boolean;
  /** null for offers without places, and for emergency intake units (never public) */
  capacityTotal: number | null;
  freePlaces: number | null;
  lastConfirmedAt: string | null;
  createdAt: string;
  updatedAt: string;
  lat: number;
  lon: number;
  contactPhone: string | null;
  contactEmail: string | null;
  facilityId: string;
  facilityName: string;
  /** The public sees the town only: street null, lat/lon the postcode's centre. */
  addressConfidential: boolean;
  street: string | null;
  postcode: string | null;
  city: string | null;
  facilityLat: number;
  facilityLon: number;
  facilityPhone: string | null;
  facilityEmail: string | null;
  facilityWebsite: string | null;
  openingHours: string | null;
  accessibility: string | null;
  facilityUpdatedAt: string;
  districtAgs: string | null;
  districtName: string | null;
  stateCode: string | null;
  providerId: string;
  providerName: string;
  providerPhone: string | null;
  providerEmail: string | null;
  providerWebsite: string | null;
  providerStreet: string | null;
  providerPostcode: string | null;
  providerCity: string | null;
  providerDistrictAgs: string | null;
  providerUpdatedAt: string;
  providerCreatedAt: string;
}

/** The provider's own street, unless it is the street of one of its confidential facilities. */
const providerStreet = (db: Db) => db`
  (case when exists (select 1 from facilities cf where cf.provider_id = o.id and cf.address_confidential
     and directory_fold(cf.street) = directory_fold(o.street)) then null else o.street end)`;

/** Full rows of listed offers, in the order of `ids`. Ids that are not listed are left out. */
export async function fetchOffers(db: Db, ids: string[]): Promise<OfferRow[]> {
  if (!ids.length) return [];
  const pub = publicPoint(db, 'u');
  const fpub = publicPoint(db, 'f');
  const rows = await db<OfferRow[]>`
    select u.id, u.name, u.description, u.setting, u.service_types, u.specialisations, u.languages, u.genders,
      u.age_min, u.age_max, u.step_free, u.emergency_intake,
      case when ${isEmergency(db)} then null else u.capacity_total end as capacity_total,
      case when ${isEmergency(db)} then null else u.free_places end as free_places,
      case when ${isEmergency(db)} then null else u.last_confirmed_at end as last_confirmed_at,
      u.created_at, u.updated_at, ${pub.lat} as lat, ${pub.lon} as lon, u.contact_phone, u.contact_email::text as contact_email,
      f.id as facility_id, f.name as facility_name, f.address_confidential,
      case when f.address_confidential then null else f.street end as street,
      f.postcode, f.city, ${fpub.lat} as facility_lat, ${fpub.lon} as facility_lon,
      f.phone as facility_phone, f.email::text as facility_email, f.website as facility_website,
      f.opening_hours, f.accessibility, f.updated_at as facility_updated_at,
      d.ags as district_ags, d.name as district_name, d.state_code,
      o.id as provider_id, o.name as provider_name, o.phone as provider_phone, o.email::text as provider_email,
      o.website as provider_website, ${providerStreet(db)} as provider_street, o.postcode as provider_postcode, o.city as provider_city,
      o.district_ags as provider_district_ags, o.updated_at as provider_updated_at, o.created_at as provider_created_at
    ${listed(db)}
    and u.id = any(${ids}::uuid[])`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is OfferRow => !!r);
}

export interface PostcodeRow {
  postcode: string;
  towns: string[];
  lat: number;
  lon: number;
}

export async function findPostcode(db: Db, code: string): Promise<PostcodeRow | undefined> {
  const [row] = await db<PostcodeRow[]>`select code as postcode, towns, lat, lon from postcodes where code = ${code}`;
  return row;
}

export interface TermRow {
  code: string;
  nameDe: string;
  nameEn: string;
  section?: string;
}

export async function listServiceTypes(db: Db): Promise<(TermRow & { section: string; groupCode: string | null })[]> {
  return db<(TermRow & { section: string; groupCode: string | null })[]>`
    select code, section, name_de, name_en, group_code from service_types order by sort, code`;
}

export async function listTerms(db: Db, table: 'languages' | 'specialisations' | 'settings'): Promise<TermRow[]> {
  return db<TermRow[]>`select code, name_de, name_en from ${db(table)} order by name_de`;
}

/** Codes of the types of service at least one listed offer has. */
export async function listListedServiceTypes(db: Db): Promise<string[]> {
  const rows = await db<{ code: string }[]>`select distinct unnest(u.service_types) as code ${listed(db)}`;
  return rows.map((r) => r.code);
}

/** Districts in which at least one offer is listed. */
export async function listListedDistricts(db: Db): Promise<{ ags: string; name: string }[]> {
  return db<{ ags: string; name: string }[]>`
    select distinct d.ags, d.name ${listed(db)} and d.ags is not null order by d.name`;
}

export interface ProviderRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  districtName: string | null;
  createdAt: string;
  updatedAt: string;
  total: number;
}

/** Verified providers (every one, with or without listed offers), by name. */
export async function listProviders(db: Db, f: { ids?: string[]; terms?: SearchTerm[]; limit: number; offset: number }): Promise<ProviderRow[]> {
  const terms = f.terms ?? [];
  return db<ProviderRow[]>`
    select o.id, o.name, o.email::text as email, o.phone, o.website, ${providerStreet(db)} as street, o.postcode, o.city, d.name as district_name,
      o.created_at, o.updated_at, count(*) over () as total
    from organisations o left join districts d on d.ags = o.district_ags
    where o.kind = 'provider' and o.verified_at is not null
    ${f.ids ? db`and o.id = any(${f.ids}::uuid[])` : db``}
    ${terms.length ? terms.map(({ term: t }) => db`and (directory_fold(o.name) like ${`%${t}%`} or word_similarity(${t}, directory_fold(o.name)) >= 0.55)`) : db``}
    order by o.name, o.id
    limit ${f.limit} offset ${f.offset}`;
}

/** Ids of listed offers of these providers, by name. */
export async function listOfferIdsOfProviders(db: Db, providerIds: string[]): Promise<{ id: string; providerId: string }[]> {
  if (!providerIds.length) return [];
  return db<{ id: string; providerId: string }[]>`
    select u.id, u.owner_id as provider_id ${listed(db)} and u.owner_id = any(${providerIds}::uuid[]) order by u.name, u.id`;
}
