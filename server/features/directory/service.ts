import type {
  DirectoryFacets,
  DirectoryOffer,
  DirectoryOfferDetail,
  DirectoryOrigin,
  DirectorySearchQuery,
  DirectorySearchResult,
} from '../../../shared/schemas/directory';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import { invalid, notFound } from '../../http/errors';
import { findAlternatives, type SearchCriteria } from './alternatives';
import { listServiceGroups } from './alternatives-queries';
import { foldTerms } from './fold';
import {
  fetchOffers,
  findPostcode,
  resolveTerms,
  listListedDistricts,
  listListedServiceTypes,
  listOfferIdsOfProviders,
  listProviders,
  listServiceTypes,
  listTerms,
  searchOfferIds,
  type OfferCriteria,
  type OfferRow,
  type ProviderRow,
  type TermRow,
} from './queries';

export type { OfferCriteria, OfferRow, ProviderRow, TermRow };

export { foldTerms };

export interface OfferHitRow extends OfferRow {
  distanceM: number | null;
}

/**
 * The one search behind the directory, the HSDS API and the navigator: listed offers only
 * (verified providers, nothing archived, never foster places).
 */
export async function findOffers(
  ctx: AppContext,
  c: Omit<OfferCriteria, 'terms'> & { q?: string },
  page: { limit: number; offset: number },
): Promise<{ rows: OfferHitRow[]; total: number }> {
  return ctx.sql.begin(async (tx) => {
    const terms = await resolveTerms(tx, foldTerms(c.q));
    const hits = await searchOfferIds(tx, { ...c, terms }, page);
    const rows = await fetchOffers(tx, hits.map((h) => h.id));
    const dist = new Map(hits.map((h) => [h.id, h.distanceM]));
    return { rows: rows.map((r) => ({ ...r, distanceM: dist.get(r.id) ?? null })), total: hits[0]?.total ?? 0 };
  });
}

/** Rows of listed offers by id (unlisted ids are left out). */
export async function getOfferRows(ctx: AppContext, ids: string[]): Promise<OfferRow[]> {
  return fetchOffers(ctx.sql, ids);
}

export async function getProviders(ctx: AppContext, f: { ids?: string[]; q?: string; limit: number; offset: number }): Promise<{ rows: ProviderRow[]; total: number }> {
  return ctx.sql.begin(async (tx) => {
    const terms = await resolveTerms(tx, foldTerms(f.q));
    const rows = await listProviders(tx, { ids: f.ids, terms, limit: f.limit, offset: f.offset });
    return { rows, total: rows[0]?.total ?? 0 };
  });
}

export async function getOfferIdsOfProviders(ctx: AppContext, providerIds: string[]) {
  return listOfferIdsOfProviders(ctx.sql, providerIds);
}

export interface Taxonomy {
  serviceTypes: (TermRow & { section: string })[];
  settings: TermRow[];
  specialisations: TermRow[];
  languages: TermRow[];
}

export async function getTaxonomy(db: Db): Promise<Taxonomy> {
  const [serviceTypes, settings, specialisations, languages] = await Promise.all([
    listServiceTypes(db),
    listTerms(db, 'settings'),
    listTerms(db, 'specialisations'),
    listTerms(db, 'languages'),
  ]);
  return { serviceTypes, settings, specialisations, languages };
}

/** A German postcode's point, or a 400 naming the field. */
export async function resolvePostcode(ctx: AppContext, code: string, field = 'query.postcode'): Promise<DirectoryOrigin> {
  const p = await findPostcode(ctx.sql, code);
  if (!p) throw invalid(field, `postcode ${code} is not known`);
  return p;
}

export async function lookupPostcode(ctx: AppContext, code: string): Promise<DirectoryOrigin> {
  const p = await findPostcode(ctx.sql, code);
  if (!p) throw notFound(`Postcode ${code}`);
  return p;
}

const first = (...xs: (string | null | undefined)[]) => xs.find((x) => x && x.trim()) ?? null;

function toOffer(r: OfferHitRow, types: Map<string, TermRow & { section: string }>): DirectoryOffer {
  return {
    id: r.id,
    name: r.name,
    providerId: r.providerId,
    providerName: r.providerName,
    facilityName: r.facilityName,
    addressConfidential: r.addressConfidential,
    street: r.street,
    postcode: r.postcode,
    city: r.city,
    districtAgs: r.districtAgs,
    districtName: r.districtName,
    lat: r.lat,
    lon: r.lon,
    setting: r.setting,
    serviceTypes: r.serviceTypes.map((c) => types.get(c) ?? { code: c, section: '', nameDe: c, nameEn: c }).map((t) => ({ code: t.code, section: t.section, nameDe: t.nameDe, nameEn: t.nameEn })),
    ageMin: r.ageMin,
    ageMax: r.ageMax,
    languages: r.languages,
    phone: first(r.contactPhone, r.facilityPhone, r.providerPhone),
    email: first(r.contactEmail, r.facilityEmail, r.providerEmail),
    website: first(r.facilityWebsite, r.providerWebsite),
    emergencyIntake: r.emergencyIntake,
    stepFree: r.stepFree,
    capacity: r.capacityTotal === null ? null : { free: r.freePlaces ?? 0, total: r.capacityTotal, confirmedAt: r.lastConfirmedAt },
    distanceKm: r.distanceM === null ? null : Math.round(r.distanceM / 100) / 10,
  };
}

export async function toOffers(ctx: AppContext, rows: OfferHitRow[]): Promise<DirectoryOffer[]> {
  const types = new Map((await listServiceTypes(ctx.sql)).map((t) => [t.code, t]));
  return rows.map((r) => toOffer(r, types));
}

/** The directory's search as the public sees it: offers, and where nothing is found, where to go instead. */
export async function searchDirectory(ctx: AppContext, q: DirectorySearchQuery): Promise<DirectorySearchResult> {
  const origin = q.postcode ? await resolvePostcode(ctx, q.postcode) : null;
  const find = async (c: SearchCriteria, limit: number, offset = 0) => {
    const { rows, total } = await findOffers(ctx, c, { limit, offset });
    return { items: await toOffers(ctx, rows), total };
  };
  const { items, total } = await find(
    {
      q: q.q,
      types: q.types,
      ageMin: q.age,
      ageMax: q.age,
      language: q.language,
      district: q.district,
      near: origin ? { lat: origin.lat, lon: origin.lon, radiusKm: q.radiusKm } : undefined,
    },
    q.perPage,
    (q.page - 1) * q.perPage,
  );
  const alternatives = total === 0 ? await findAlternatives(ctx, q, origin, find) : null;
  return { items, total, page: q.page, perPage: q.perPage, origin, alternatives };
}

export async function getOffer(ctx: AppContext, id: string): Promise<DirectoryOfferDetail> {
  const [row] = await fetchOffers(ctx.sql, [id]);
  if (!row) throw notFound('Offer');
  const tax = await getTaxonomy(ctx.sql);
  const types = new Map(tax.serviceTypes.map((t) => [t.code, t]));
  const named = (codes: string[], list: TermRow[]) =>
    codes.map((c) => list.find((t) => t.code === c) ?? { code: c, nameDe: c, nameEn: c }).map((t) => ({ code: t.code, nameDe: t.nameDe, nameEn: t.nameEn }));
  const siblings = await listOfferIdsOfProviders(ctx.sql, [row.providerId]);
  const others = await fetchOffers(ctx.sql, siblings.map((s) => s.id).filter((s) => s !== id).slice(0, 20));
  return {
    ...toOffer({ ...row, distanceM: null }, types),
    description: row.description,
    openingHours: row.openingHours,
    accessibility: row.accessibility,
    genders: row.genders,
    specialisations: named(row.specialisations, tax.specialisations),
    languageNames: named(row.languages, tax.languages),
    provider: {
      id: row.providerId,
      name: row.providerName,
      phone: row.providerPhone,
      email: row.providerEmail,
      website: row.providerWebsite,
      street: row.providerStreet,
      postcode: row.providerPostcode,
      city: row.providerCity,
    },
    otherOffers: others.map((o) => ({ id: o.id, name: o.name })),
    updatedAt: row.updatedAt,
  };
}

export async function getFacets(ctx: AppContext): Promise<DirectoryFacets> {
  const [types, groups, tax, districts, used] = await Promise.all([
    listServiceTypes(ctx.sql),
    listServiceGroups(ctx.sql),
    getTaxonomy(ctx.sql),
    listListedDistricts(ctx.sql),
    listListedServiceTypes(ctx.sql),
  ]);
  const inUse = new Set(used);
  const order = new Map(groups.map((g, i) => [g.code, i]));
  return {
    // only types someone offers: a filter that can only ever find nothing helps no one
    serviceTypes: types
      .filter((t) => inUse.has(t.code))
      .sort((a, b) => (order.get(a.groupCode ?? '') ?? groups.length) - (order.get(b.groupCode ?? '') ?? groups.length))
      .map((t) => ({ code: t.code, section: t.section, nameDe: t.nameDe, nameEn: t.nameEn, groupCode: t.groupCode })),
    groups: groups.map((g) => ({ code: g.code, nameDe: g.nameDe, nameEn: g.nameEn })),
    languages: tax.languages,
    districts,
  };
}
