import type {
  HsdsOrganizationsQuery,
  HsdsPage,
  HsdsServiceAtLocationsQuery,
  HsdsServicesQuery,
  HsdsTaxonomyTermsQuery,
} from '../../../shared/schemas/hsds';
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import {
  findOffers,
  foldTerms,
  getOfferIdsOfProviders,
  getOfferRows,
  getProviders,
  getTaxonomy,
  resolvePostcode,
  type OfferCriteria,
  type OfferRow,
  type ProviderRow,
} from '../directory/service';
import { unitIdOfSal } from './ids';
import {
  buildTaxonomy,
  location,
  organization,
  organizationPhones,
  serviceAtLocation,
  serviceBasic,
  serviceFull,
  TAXONOMIES,
  taxonomyObject,
  type HsdsTaxonomy,
  type Json,
  type TaxonomyKey,
} from './map';

export const HSDS_VERSION = '3.1';

/** HSDS pagination around one page of contents. */
export function paginate<T>(contents: T[], total: number, page: number, perPage: number): HsdsPage<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

const window = (q: { page: number; per_page: number }) => ({ limit: q.per_page, offset: (q.page - 1) * q.per_page });

async function loadTaxonomy(ctx: AppContext): Promise<HsdsTaxonomy> {
  return buildTaxonomy(await getTaxonomy(ctx.sql));
}

/** taxonomy_term_id / taxonomy_id as offer criteria; null when they can match nothing. */
function taxonomyCriteria(tax: HsdsTaxonomy, termId?: string, taxonomyId?: string): Partial<OfferCriteria> | null {
  const crit: Partial<OfferCriteria> = {};
  if (termId) {
    const term = tax.byId.get(termId);
    if (!term) return null;
    if (term.key === 'service_types') crit.types = [term.code];
    if (term.key === 'settings') crit.settings = [term.code];
    if (term.key === 'specialisations') crit.specialisations = [term.code];
  }
  if (taxonomyId) {
    const key = (Object.keys(TAXONOMIES) as TaxonomyKey[]).find((k) => TAXONOMIES[k].id === taxonomyId);
    if (!key) return null;
    // every offer has a type of service and a setting; only specialisations can be absent
    if (key === 'specialisations') crit.specialisations = tax.terms.filter((t) => t.key === key).map((t) => t.code);
  }
  return crit;
}

export async function listServices(ctx: AppContext, q: HsdsServicesQuery): Promise<HsdsPage<Json>> {
  const tax = await loadTaxonomy(ctx);
  const crit = taxonomyCriteria(tax, q.taxonomy_term_id, q.taxonomy_id);
  if (!crit) return paginate([], 0, q.page, q.per_page);
  const { rows, total } = await findOffers(ctx, { ...crit, q: q.search, providerId: q.organization_id, modifiedAfter: q.modified_after }, window(q));
  const contents = rows.map((r) => {
    if (q.minimal) {
      const b = serviceBasic(r, tax);
      return { id: b.id, name: b.name, status: b.status, last_modified: b.last_modified };
    }
    return q.full ? serviceFull(r, tax) : serviceBasic(r, tax);
  });
  return paginate(contents, total, q.page, q.per_page);
}

export async function getService(ctx: AppContext, id: string): Promise<Json> {
  const [row] = await getOfferRows(ctx, [id]);
  if (!row) throw notFound('Service');
  return serviceFull(row, await loadTaxonomy(ctx));
}

/** Locations (facilities with listed offers) of each provider. */
function locationsByProvider(rows: OfferRow[]): Map<string, Json[]> {
  const out = new Map<string, Json[]>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.facilityId)) continue;
    seen.add(r.facilityId);
    out.set(r.providerId, [...(out.get(r.providerId) ?? []), location(r)]);
  }
  return out;
}

async function nestedOrganizations(ctx: AppContext, providers: ProviderRow[], tax: HsdsTaxonomy, services: 'none' | 'basic' | 'full'): Promise<Json[]> {
  const ids = await getOfferIdsOfProviders(ctx, providers.map((p) => p.id));
  const rows = await getOfferRows(ctx, ids.map((i) => i.id));
  const locations = locationsByProvider(rows);
  return providers.map((p) => ({
    ...organization(p),
    phones: organizationPhones(p),
    locations: locations.get(p.id) ?? [],
    ...(services === 'none'
      ? {}
      : { services: rows.filter((r) => r.providerId === p.id).map((r) => (services === 'full' ? serviceFull(r, tax) : serviceBasic(r, tax))) }),
  }));
}

export async function listOrganizations(ctx: AppContext, q: HsdsOrganizationsQuery): Promise<HsdsPage<Json>> {
  const tax = await loadTaxonomy(ctx);
  let ids: string[] | undefined;
  if (q.taxonomy_term_id || q.taxonomy_id) {
    const crit = taxonomyCriteria(tax, q.taxonomy_term_id, q.taxonomy_id);
    if (!crit) return paginate([], 0, q.page, q.per_page);
    const { rows } = await findOffers(ctx, crit, { limit: 100_000, offset: 0 });
    ids = [...new Set(rows.map((r) => r.providerId))];
  }
  const { rows, total } = await getProviders(ctx, { ids, q: q.search, ...window(q) });
  const contents =
    q.full || q.full_service ? await nestedOrganizations(ctx, rows, tax, q.full_service ? 'full' : 'basic') : rows.map((p) => organization(p));
  return paginate(contents, total, q.page, q.per_page);
}

export async function getOrganization(ctx: AppContext, id: string, fullService = false): Promise<Json> {
  const { rows } = await getProviders(ctx, { ids: [id], limit: 1, offset: 0 });
  if (!rows[0]) throw notFound('Organization');
  const [org] = await nestedOrganizations(ctx, rows, await loadTaxonomy(ctx), fullService ? 'full' : 'basic');
  return org;
}


function sal(r: OfferRow, tax: HsdsTaxonomy, full: boolean): Json {
  return { ...serviceAtLocation(r, tax, true), ...(full ? { service: serviceFull(r, tax) } : {}) };
}

export async function listServiceAtLocations(ctx: AppContext, q: HsdsServiceAtLocationsQuery): Promise<HsdsPage<Json>> {
  const tax = await loadTaxonomy(ctx);
  const crit = taxonomyCriteria(tax, q.taxonomy_term_id, q.taxonomy_id);
  if (!crit) return paginate([], 0, q.page, q.per_page);
  const origin = q.postcode ? await resolvePostcode(ctx, q.postcode) : undefined;
  const near = origin ? { lat: origin.lat, lon: origin.lon, radiusKm: q.proximity ? q.proximity / 1000 : undefined } : undefined;
  const { rows, total } = await findOffers(ctx, { ...crit, q: q.search, providerId: q.organization_id, modifiedAfter: q.modified_after, near }, window(q));
  return paginate(rows.map((r) => sal(r, tax, !!q.full)), total, q.page, q.per_page);
}

export async function getServiceAtLocation(ctx: AppContext, id: string): Promise<Json> {
  const [row] = await getOfferRows(ctx, [unitIdOfSal(id)]);
  if (!row) throw notFound('Service at location');
  return sal(row, await loadTaxonomy(ctx), true);
}

export function listTaxonomies(q: { page: number; per_page: number; search?: string }): HsdsPage<Json> {
  const terms = foldTerms(q.search);
  const all = (Object.keys(TAXONOMIES) as TaxonomyKey[])
    .map(taxonomyObject)
    .filter((t) => terms.every((w) => foldTerms(`${t.name} ${t.description}`).some((x) => x.startsWith(w))));
  const { limit, offset } = window(q);
  return paginate(all.slice(offset, offset + limit), all.length, q.page, q.per_page);
}

export function getTaxonomyById(id: string): Json {
  const key = (Object.keys(TAXONOMIES) as TaxonomyKey[]).find((k) => TAXONOMIES[k].id === id);
  if (!key) throw notFound('Taxonomy');
  return taxonomyObject(key);
}

export async function listTaxonomyTerms(ctx: AppContext, q: HsdsTaxonomyTermsQuery): Promise<HsdsPage<Json>> {
  const tax = await loadTaxonomy(ctx);
  const words = foldTerms(q.search);
  // the terms are flat: each is a top-level term, none has a parent
  const all = tax.terms
    .filter((t) => !q.taxonomy_id || TAXONOMIES[t.key].id === q.taxonomy_id)
    .filter(() => !q.parent_id)
    .filter((t) => words.every((w) => foldTerms(`${t.code} ${t.json.name} ${t.json.description}`).some((x) => x.startsWith(w))))
    .map((t) => t.json);
  const { limit, offset } = window(q);
  return paginate(all.slice(offset, offset + limit), all.length, q.page, q.per_page);
}

export async function getTaxonomyTerm(ctx: AppContext, id: string): Promise<Json> {
  const term = (await loadTaxonomy(ctx)).byId.get(id);
  if (!term) throw notFound('Taxonomy term');
  return { ...term.json, taxonomy_detail: taxonomyObject(term.key) };
}

const BATCH = 2000;

/** The whole directory as HSDS JSON: organisations with locations, fully nested services, taxonomies. */
export async function exportAll(ctx: AppContext): Promise<Json> {
  const tax = await loadTaxonomy(ctx);
  const providers: ProviderRow[] = [];
  for (let offset = 0; ; offset += BATCH) {
    const { rows } = await getProviders(ctx, { limit: BATCH, offset });
    providers.push(...rows);
    if (rows.length < BATCH) break;
  }
  const offers: OfferRow[] = [];
  for (let offset = 0; ; offset += BATCH) {
    const { rows } = await findOffers(ctx, {}, { limit: BATCH, offset });
    offers.push(...rows);
    if (rows.length < BATCH) break;
  }
  const locations = locationsByProvider(offers);
  return {
    hsds_version: HSDS_VERSION,
    generated_at: new Date().toISOString(),
    publisher: 'Heimplatzbörse',
    organizations: providers.map((p) => ({ ...organization(p), phones: organizationPhones(p), locations: locations.get(p.id) ?? [] })),
    services: offers.map((r) => serviceFull(r, tax)),
    taxonomies: (Object.keys(TAXONOMIES) as TaxonomyKey[]).map(taxonomyObject),
    taxonomy_terms: tax.terms.map((t) => t.json),
  };
}
