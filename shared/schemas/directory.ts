import { z } from 'zod';
import { Postcode, Uuid } from './common';

/** A comma-separated list in a query string (`types=28,31`), as an array. */
const csv = (item: z.ZodString) =>
  z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(20));

const code = z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a taxonomy code');
const intQ = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Search of the public directory. Every filter is optional; words and filters combine with AND. */
export const DirectorySearchQuerySchema = z
  .object({
    /** Words, German full text: umlaut spellings (Koeln/Köln) and small typos are tolerated. */
    q: z.string().trim().max(200).optional(),
    /** Types of service (codes of the service_types taxonomy), any of them. */
    types: csv(code).optional(),
    /** The child's age in years: the offer's age range must include it. */
    age: intQ(0, 27).optional(),
    /** A language spoken (ISO 639 code). */
    language: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code').optional(),
    /** District (AGS, five digits). */
    district: z.string().regex(/^\d{5}$/, 'must be a five-digit district key (AGS)').optional(),
    /** Reference point for distance: a German postcode. */
    postcode: Postcode.optional(),
    /** Maximum distance from the postcode in km (only with postcode). */
    radiusKm: intQ(1, 500).optional(),
    page: intQ(1, 10_000).default(1),
    perPage: intQ(1, 100).default(20),
  })
  .refine((q) => q.radiusKm === undefined || q.postcode !== undefined, { path: ['radiusKm'], message: 'needs a postcode' });
export type DirectorySearchQuery = z.output<typeof DirectorySearchQuerySchema>;

export const DirectoryServiceTypeSchema = z
  .object({ code: z.string(), section: z.string(), nameDe: z.string(), nameEn: z.string() })
  .meta({ id: 'DirectoryServiceType' });

export const DirectoryCapacitySchema = z
  .object({
    free: z.number().int(),
    total: z.number().int(),
    /** When the provider last confirmed the figure (null: never). */
    confirmedAt: z.string().nullable(),
  })
  .meta({ id: 'DirectoryCapacity' });

export const DirectoryOfferSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    providerId: Uuid,
    providerName: z.string(),
    facilityName: z.string(),
    /** The facility keeps its address confidential: street null, lat/lon only the postcode's centre. */
    addressConfidential: z.boolean(),
    street: z.string().nullable(),
    postcode: z.string().nullable(),
    city: z.string().nullable(),
    districtAgs: z.string().nullable(),
    districtName: z.string().nullable(),
    lat: z.number(),
    lon: z.number(),
    setting: z.string(),
    serviceTypes: z.array(DirectoryServiceTypeSchema),
    ageMin: z.number().int(),
    ageMax: z.number().int(),
    languages: z.array(z.string()),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    emergencyIntake: z.boolean(),
    stepFree: z.boolean(),
    /** Residential offers only: free places and their age (never for emergency intake units). */
    capacity: DirectoryCapacitySchema.nullable(),
    /** Distance from the postcode searched from, in km (null without one). */
    distanceKm: z.number().nullable(),
  })
  .meta({ id: 'DirectoryOffer' });
export type DirectoryOffer = z.infer<typeof DirectoryOfferSchema>;

export const DirectoryOriginSchema = z
  .object({ postcode: z.string(), towns: z.array(z.string()), lat: z.number(), lon: z.number() })
  .meta({ id: 'DirectoryOrigin' });
export type DirectoryOrigin = z.infer<typeof DirectoryOriginSchema>;

/** The search filters the directory may drop to find something, in the order it tries them. */
export const RELAXABLE_FILTERS = ['radiusKm', 'language', 'age', 'district', 'types', 'q'] as const;
export type RelaxableFilter = (typeof RELAXABLE_FILTERS)[number];

export const DirectoryOfficeSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    districtAgs: z.string(),
    districtName: z.string(),
    phone: z.string().nullable(),
    emergencyPhone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    street: z.string().nullable(),
    postcode: z.string().nullable(),
    city: z.string().nullable(),
  })
  .meta({ id: 'DirectoryOffice' });
export type DirectoryOffice = z.infer<typeof DirectoryOfficeSchema>;

export const DirectoryRelatedTypeSchema = DirectoryServiceTypeSchema.extend({
  group: z.object({ code: z.string(), nameDe: z.string(), nameEn: z.string() }),
}).meta({ id: 'DirectoryRelatedType' });

/** Where a search that found nothing leads instead. */
export const DirectoryAlternativesSchema = z
  .object({
    /** Types of service of the same group as the ones searched for (by filter or by word), that are offered. */
    relatedTypes: z.array(DirectoryRelatedTypeSchema),
    /** The nearest offers once one filter is dropped (the first in RELAXABLE_FILTERS that finds some). */
    relaxed: z
      .object({ dropped: z.enum(RELAXABLE_FILTERS), total: z.number().int(), items: z.array(DirectoryOfferSchema) })
      .nullable(),
    /** The youth welfare office(s) of the district searched in or of the postcode given. */
    offices: z.array(DirectoryOfficeSchema),
    /** Nationwide help numbers, right wherever a person lives. */
    helpNumbers: z.array(z.object({ id: z.string(), phone: z.string(), nameDe: z.string(), nameEn: z.string() })),
  })
  .meta({ id: 'DirectoryAlternatives' });
export type DirectoryAlternatives = z.infer<typeof DirectoryAlternativesSchema>;

export const DirectorySearchResultSchema = z
  .object({
    items: z.array(DirectoryOfferSchema),
    total: z.number().int(),
    page: z.number().int(),
    perPage: z.number().int(),
    origin: DirectoryOriginSchema.nullable(),
    /** Only when nothing was found: what to try instead. */
    alternatives: DirectoryAlternativesSchema.nullable(),
  })
  .meta({ id: 'DirectorySearchResult' });
export type DirectorySearchResult = z.infer<typeof DirectorySearchResultSchema>;

const NamedCode = z.object({ code: z.string(), nameDe: z.string(), nameEn: z.string() });

export const DirectoryOfferDetailSchema = DirectoryOfferSchema.extend({
  description: z.string().nullable(),
  openingHours: z.string().nullable(),
  accessibility: z.string().nullable(),
  genders: z.array(z.string()),
  specialisations: z.array(NamedCode),
  languageNames: z.array(NamedCode),
  provider: z.object({
    id: Uuid,
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    street: z.string().nullable(),
    postcode: z.string().nullable(),
    city: z.string().nullable(),
  }),
  /** Further offers of the same provider in the directory. */
  otherOffers: z.array(z.object({ id: Uuid, name: z.string() })),
  updatedAt: z.string(),
}).meta({ id: 'DirectoryOfferDetail' });
export type DirectoryOfferDetail = z.infer<typeof DirectoryOfferDetailSchema>;

const NamedGroup = z.object({ code: z.string(), nameDe: z.string(), nameEn: z.string() });

export const DirectoryFacetsSchema = z
  .object({
    /** Types of service someone offers, with their group (null: none), by group and sort order. */
    serviceTypes: z.array(DirectoryServiceTypeSchema.extend({ groupCode: z.string().nullable() })),
    /** The groups of the types of service, in their order. */
    groups: z.array(NamedGroup),
    languages: z.array(NamedCode),
    /** Districts with at least one listed offer. */
    districts: z.array(z.object({ ags: z.string(), name: z.string() })),
  })
  .meta({ id: 'DirectoryFacets' });
export type DirectoryFacets = z.infer<typeof DirectoryFacetsSchema>;

export const PostcodeParams = z.object({ code: Postcode });
