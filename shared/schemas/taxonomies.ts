import { z } from 'zod';

/** A code of a taxonomy with its German and English name. */
export const TermSchema = z.object({ code: z.string(), nameDe: z.string(), nameEn: z.string() }).meta({ id: 'TaxonomyTerm' });
export type Term = z.infer<typeof TermSchema>;

export const ServiceTypeSchema = TermSchema.extend({
  /** e.g. '§ 34 SGB VIII' */
  section: z.string(),
  /** true: residential or foster places (marketplace); false: directory only */
  marketplace: z.boolean(),
  sort: z.number().int(),
}).meta({ id: 'ServiceType' });
export type ServiceType = z.infer<typeof ServiceTypeSchema>;

export const TaxonomiesSchema = z
  .object({
    serviceTypes: z.array(ServiceTypeSchema),
    settings: z.array(TermSchema),
    specialisations: z.array(TermSchema),
    exclusions: z.array(TermSchema),
    languages: z.array(TermSchema),
    genders: z.array(TermSchema),
  })
  .meta({ id: 'Taxonomies' });
export type Taxonomies = z.infer<typeof TaxonomiesSchema>;

/** Taxonomies the platform admin extends through the API (settings and genders are fixed by the model). */
export const EXTENSIBLE_TAXONOMIES = ['service-types', 'specialisations', 'exclusions', 'languages'] as const;
export const ExtensibleTaxonomySchema = z.enum(EXTENSIBLE_TAXONOMIES);
export type ExtensibleTaxonomy = z.infer<typeof ExtensibleTaxonomySchema>;

export const TaxonomyParams = z.object({ kind: ExtensibleTaxonomySchema });

const name = z.string().trim().min(2, 'must have at least 2 characters').max(200);

export const AddTermBodySchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{1,40}$/, 'must be lower-case letters, digits and hyphens'),
    nameDe: name,
    nameEn: name,
    /** service types only */
    section: z.string().trim().min(2).max(60).optional(),
    /** service types only */
    marketplace: z.boolean().optional(),
    sort: z.number().int().min(0).max(10_000).optional(),
  })
  .meta({ id: 'AddTaxonomyTermBody' });
export type AddTermBody = z.infer<typeof AddTermBodySchema>;
