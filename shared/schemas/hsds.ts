import { z } from 'zod';

/**
 * Open Referral HSDS 3.1 API (`/hsds`), following the reference OpenAPI in server/features/hsds/schemas/openapi.json.
 * Field names are HSDS's (snake_case). The objects are declared loosely here (the keys every client
 * relies on); their full shape is HSDS's own JSON schema, which the tests validate every answer against.
 */

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const uuid = z.uuid({ message: 'must be a UUID' });

export const HsdsPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(50),
  search: z.string().trim().max(200).optional(),
  /** Only `json` (the default) is offered; the full dump is /hsds/export. */
  format: z.enum(['json']).optional(),
});

const modifiedAfter = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { message: 'must be an ISO 8601 date or date-time' });

export const HsdsServicesQuerySchema = HsdsPageQuerySchema.extend({
  taxonomy_term_id: uuid.optional(),
  taxonomy_id: uuid.optional(),
  organization_id: uuid.optional(),
  modified_after: modifiedAfter.optional(),
  minimal: flag.optional(),
  full: flag.optional(),
});
export type HsdsServicesQuery = z.output<typeof HsdsServicesQuerySchema>;

export const HsdsOrganizationsQuerySchema = HsdsPageQuerySchema.extend({
  taxonomy_term_id: uuid.optional(),
  taxonomy_id: uuid.optional(),
  full_service: flag.optional(),
  full: flag.optional(),
});
export type HsdsOrganizationsQuery = z.output<typeof HsdsOrganizationsQuerySchema>;

export const HsdsOrganizationQuerySchema = z.object({ full_service: flag.optional() });

export const HsdsServiceAtLocationsQuerySchema = HsdsPageQuerySchema.extend({
  taxonomy_term_id: uuid.optional(),
  taxonomy_id: uuid.optional(),
  organization_id: uuid.optional(),
  modified_after: modifiedAfter.optional(),
  full: flag.optional(),
  postcode: z.string().regex(/^\d{5}$/, 'must be a five-digit German postcode').optional(),
  /** Metres from the postcode's centre. */
  proximity: z.coerce.number().int().min(1).max(1_000_000).optional(),
}).refine((q) => q.proximity === undefined || q.postcode !== undefined, { path: ['proximity'], message: 'needs a postcode' });
export type HsdsServiceAtLocationsQuery = z.output<typeof HsdsServiceAtLocationsQuerySchema>;

export const HsdsTaxonomyTermsQuerySchema = HsdsPageQuerySchema.extend({
  taxonomy_id: uuid.optional(),
  top_only: flag.optional(),
  parent_id: uuid.optional(),
});
export type HsdsTaxonomyTermsQuery = z.output<typeof HsdsTaxonomyTermsQuerySchema>;

export const HsdsIdParams = z.object({ id: uuid });

export const HsdsServiceSchema = z.looseObject({ id: z.string(), name: z.string(), status: z.string() }).meta({ id: 'HsdsService' });
export const HsdsOrganizationSchema = z.looseObject({ id: z.string(), name: z.string(), description: z.string() }).meta({ id: 'HsdsOrganization' });
export const HsdsServiceAtLocationSchema = z.looseObject({ id: z.string() }).meta({ id: 'HsdsServiceAtLocation' });
export const HsdsTaxonomySchema = z.looseObject({ id: z.string(), name: z.string(), description: z.string() }).meta({ id: 'HsdsTaxonomy' });
export const HsdsTaxonomyTermSchema = z.looseObject({ id: z.string(), name: z.string(), description: z.string() }).meta({ id: 'HsdsTaxonomyTerm' });

/** HSDS pagination (components.schemas.Page of the reference API) around `contents`. */
function page<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      total_items: z.number().int(),
      total_pages: z.number().int(),
      page_number: z.number().int(),
      size: z.number().int(),
      first_page: z.boolean(),
      last_page: z.boolean(),
      empty: z.boolean(),
      contents: z.array(item),
    })
    .meta({ id });
}

export const HsdsServicePageSchema = page(HsdsServiceSchema, 'HsdsServicePage');
export const HsdsOrganizationPageSchema = page(HsdsOrganizationSchema, 'HsdsOrganizationPage');
export const HsdsServiceAtLocationPageSchema = page(HsdsServiceAtLocationSchema, 'HsdsServiceAtLocationPage');
export const HsdsTaxonomyPageSchema = page(HsdsTaxonomySchema, 'HsdsTaxonomyPage');
export const HsdsTaxonomyTermPageSchema = page(HsdsTaxonomyTermSchema, 'HsdsTaxonomyTermPage');

export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export const HsdsMetaSchema = z
  .object({ version: z.string(), openapi_url: z.string().optional(), profile: z.string().optional() })
  .meta({ id: 'HsdsMeta' });

/** Everything in one file for other directory tools: HSDS objects, fully nested. */
export const HsdsExportSchema = z
  .object({
    hsds_version: z.string(),
    generated_at: z.string(),
    publisher: z.string(),
    organizations: z.array(HsdsOrganizationSchema),
    services: z.array(HsdsServiceSchema),
    taxonomies: z.array(HsdsTaxonomySchema),
    taxonomy_terms: z.array(HsdsTaxonomyTermSchema),
  })
  .meta({ id: 'HsdsExport' });
